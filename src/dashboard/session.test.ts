import { describe, expect, it } from "vitest";
import { createSession, readCookie, SESSION_TTL_SECONDS, verifySession } from "./session";

const TOKEN = "session-test-token-0123456789";
const NOW = Date.parse("2026-11-27T12:00:00Z");

describe("dashboard sessions", () => {
  it("accepts a fresh session and never contains the token", async () => {
    const session = await createSession(TOKEN, NOW);
    expect(session).not.toContain(TOKEN);
    expect(await verifySession(session, TOKEN, NOW + 1000)).toBe(true);
  });

  it("expires after the TTL", async () => {
    const session = await createSession(TOKEN, NOW);
    expect(await verifySession(session, TOKEN, NOW + (SESSION_TTL_SECONDS - 1) * 1000)).toBe(true);
    expect(await verifySession(session, TOKEN, NOW + SESSION_TTL_SECONDS * 1000)).toBe(false);
  });

  it("is signed by the admin token: another token, a tampered expiry or signature fail", async () => {
    const session = await createSession(TOKEN, NOW);
    expect(await verifySession(session, "another-token-0123456789", NOW)).toBe(false);
    const [v, expiry, nonce, signature] = session.split(".");
    expect(await verifySession([v, Number(expiry) + 60, nonce, signature].join("."), TOKEN, NOW)).toBe(false);
    expect(await verifySession([v, expiry, `${nonce}x`, signature].join("."), TOKEN, NOW)).toBe(false);
    // The first character: the last one of a 32-byte base64url value also carries two unused bits, so
    // flipping it can leave the decoded bytes unchanged (this test failed that way about 1 run in 16).
    const flipped = (signature!.startsWith("A") ? "B" : "A") + signature!.slice(1);
    expect(await verifySession([v, expiry, nonce, flipped].join("."), TOKEN, NOW)).toBe(false);
  });

  it("rejects garbage without throwing", async () => {
    for (const value of [
      undefined,
      "",
      "v1",
      "v1.1.2.3",
      "v2.1.2.3",
      "v1.x.y.z",
      "v1.9999999999.n.!!!",
      "a".repeat(300),
    ]) {
      expect(await verifySession(value, TOKEN, NOW)).toBe(false);
    }
  });

  it("reads one cookie from a Cookie header", () => {
    expect(readCookie("a=1; __Host-s=v1.2.3.4; b=2", "__Host-s")).toBe("v1.2.3.4");
    expect(readCookie("a=1", "__Host-s")).toBeUndefined();
    expect(readCookie(undefined, "a")).toBeUndefined();
  });
});
