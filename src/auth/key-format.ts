// Client key format: `tri_<id>_<secret>`. The id (12 × [a-z0-9]) makes lookup O(1) in KV and is
// not secret (admins list it); the secret is 32 random bytes, base64url (43 characters). Only
// the SHA-256 of the whole key is stored. 256 random bits need no slow hash: there is nothing
// to brute-force that a fast hash would make easier.
import { sha256, toHex } from "../util/hash.ts";

const ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
const ID_LENGTH = 12;
const SECRET_BYTES = 32;

export const KEY_PATTERN = /^tri_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;
export const KEY_ID_PATTERN = /^[a-z0-9]{12}$/;

function randomId(): string {
  // Rejection sampling keeps every character equally likely (256 is not a multiple of 36).
  let id = "";
  while (id.length < ID_LENGTH) {
    for (const byte of crypto.getRandomValues(new Uint8Array(ID_LENGTH * 2))) {
      if (byte < 252 && id.length < ID_LENGTH) id += ID_ALPHABET[byte % 36];
    }
  }
  return id;
}

function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function generateKey(): { id: string; key: string } {
  const id = randomId();
  return { id, key: `tri_${id}_${base64url(crypto.getRandomValues(new Uint8Array(SECRET_BYTES)))}` };
}

/** The key's id when the text is a well-formed key, else undefined. */
export function keyId(text: string): string | undefined {
  return KEY_PATTERN.exec(text)?.[1];
}

export async function hashKey(key: string): Promise<string> {
  return toHex(await sha256(key));
}
