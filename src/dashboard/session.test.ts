import { describe, expect, it } from "vitest";
import { createSession, readCookie, SESSION_TTL_SECONDS, verifySession } from "./session.ts";

const TOKEN = "session-test-token-0123456789";
const NOW = Date.parse("2026-11-27T12:00:00Z");
const SALT = new Uint8Array(32).fill(7);

describe("dashboard sessions", () => {
  it("accepts a fresh session and never contains the token", async () => {
    const session = await createSession(TOKEN, SALT, NOW);
    expect(session.value).not.toContain(TOKEN);
    expect(await verifySession(session.value, TOKEN, SALT, NOW + 1000)).toMatchObject({ id: session.id });
  });

  it("expires after the TTL", async () => {
    const { value } = await createSession(TOKEN, SALT, NOW);
    expect(await verifySession(value, TOKEN, SALT, NOW + (SESSION_TTL_SECONDS - 1) * 1000)).toBeDefined();
    expect(await verifySession(value, TOKEN, SALT, NOW + SESSION_TTL_SECONDS * 1000)).toBeUndefined();
  });

  it("is signed for the admin token: another token, a tampered expiry or signature fail", async () => {
    const { value } = await createSession(TOKEN, SALT, NOW);
    expect(await verifySession(value, "another-token-0123456789", SALT, NOW)).toBeUndefined();
    const [v, expiry, nonce, signature] = value.split(".");
    expect(await verifySession([v, Number(expiry) + 60, nonce, signature].join("."), TOKEN, SALT, NOW)).toBeUndefined();
    expect(await verifySession([v, expiry, `${nonce}x`, signature].join("."), TOKEN, SALT, NOW)).toBeUndefined();
    // The first character: the last one of a 32-byte base64url value also carries two unused bits, so
    // flipping it can leave the decoded bytes unchanged (this test failed that way about 1 run in 16).
    const flipped = (signature!.startsWith("A") ? "B" : "A") + signature!.slice(1);
    expect(await verifySession([v, expiry, nonce, flipped].join("."), TOKEN, SALT, NOW)).toBeUndefined();
  });

  it("cannot be checked against a guessed token without the server's salt (no offline guessing)", async () => {
    const { value } = await createSession(TOKEN, SALT, NOW);
    // Knowing the token is not enough: the key also needs the salt, which never leaves the Worker.
    expect(await verifySession(value, TOKEN, new Uint8Array(32), NOW)).toBeUndefined();
    // And the signature is not an HMAC keyed by the token itself (what a guesser would try first).
    const [, expiry, id, signature] = value.split(".");
    const tokenKey = await crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(TOKEN),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    const naive = new Uint8Array(
      await crypto.subtle.sign("HMAC", tokenKey, new TextEncoder().encode(`triage-dashboard:v2:${expiry}:${id}`)),
    );
    const encoded = btoa(String.fromCharCode(...naive))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");
    expect(encoded).not.toBe(signature);
  });

  it("rejects garbage and old v1 cookies without throwing", async () => {
    for (const value of [
      undefined,
      "",
      "v1",
      "v1.1.2.3",
      "v2.1.2.3",
      "v1.x.y.z",
      "v2.9999999999.n.!!!",
      "a".repeat(300),
    ]) {
      expect(await verifySession(value, TOKEN, SALT, NOW)).toBeUndefined();
    }
  });

  it("reads one cookie from a Cookie header", () => {
    expect(readCookie("a=1; __Host-s=v1.2.3.4; b=2", "__Host-s")).toBe("v1.2.3.4");
    expect(readCookie("a=1", "__Host-s")).toBeUndefined();
    expect(readCookie(undefined, "a")).toBeUndefined();
  });
});
