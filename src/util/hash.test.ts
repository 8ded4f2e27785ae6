import { describe, expect, it } from "vitest";
import { fromHex, hash64, sha256, toHex, unitHash } from "./hash.ts";

describe("shared hashes", () => {
  it("hash64: 16 hex characters, stable, different for different texts", () => {
    expect(hash64("")).toMatch(/^[0-9a-f]{16}$/);
    expect(hash64("hello")).toBe(hash64("hello"));
    const seen = new Set(Array.from({ length: 1_000 }, (_, i) => hash64(`text ${i}`)));
    expect(seen.size).toBe(1_000);
  });

  it("unitHash: a stable draw in [0, 1), spread over the interval", () => {
    const draws = Array.from({ length: 2_000 }, (_, i) => unitHash(`id-${i}`));
    for (const draw of draws) expect(draw >= 0 && draw < 1).toBe(true);
    expect(unitHash("id-7")).toBe(draws[7]);
    const low = draws.filter((d) => d < 0.5).length;
    expect(low).toBeGreaterThan(900);
    expect(low).toBeLessThan(1_100);
  });

  it("sha256 of a text is the SHA-256 of its UTF-8 bytes, and hex round-trips", async () => {
    const digest = toHex(await sha256("abc"));
    expect(digest).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(toHex(await sha256(new TextEncoder().encode("abc")))).toBe(digest);
    expect(toHex(fromHex(digest)!)).toBe(digest);
    expect(fromHex("zz")).toBeUndefined();
  });
});
