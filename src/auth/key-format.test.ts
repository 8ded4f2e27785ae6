import { describe, expect, it } from "vitest";
import { fromHex, toHex } from "../util/hash.ts";
import { KEY_LIKE } from "../util/redact.ts";
import { generateKey, hashKey, keyId } from "./key-format.ts";

describe("client key format", () => {
  it("generates tri_<12 id chars>_<43 base64url chars>, unique, with the id parseable", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const { id, key } = generateKey();
      expect(key).toMatch(/^tri_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
      expect(keyId(key)).toBe(id);
      seen.add(key);
      seen.add(id);
    }
    expect(seen.size).toBe(1000);
  });

  it("rejects anything that is not exactly a key", () => {
    const { key } = generateKey();
    for (const text of [
      "",
      key.slice(0, -1),
      `${key}A`,
      ` ${key}`,
      key.replace("tri_", "TRI_"),
      key.replace("tri_", "tri-"),
      key.slice(0, 4) + key.slice(4, 16).toUpperCase() + key.slice(16),
      `${key.slice(0, 20)}+${key.slice(21)}`,
    ]) {
      expect(keyId(text)).toBeUndefined();
    }
  });

  it("hashes to lowercase hex SHA-256 and round-trips hex", async () => {
    const hash = await hashKey("abc");
    expect(hash).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(toHex(fromHex(hash)!)).toBe(hash);
    expect(fromHex("zz")).toBeUndefined();
  });

  it("finds key-shaped strings inside text", () => {
    const { key } = generateKey();
    expect(`echo: ${key}.`.match(KEY_LIKE)).toEqual([key]);
  });
});
