// Client key format: `tri_<id>_<secret>`. The id (12 × [a-z0-9]) makes lookup O(1) in KV and is
// not secret (admins list it); the secret is 32 random bytes, base64url (43 characters). Only
// the SHA-256 of the whole key is stored. 256 random bits need no slow hash: there is nothing
// to brute-force that a fast hash would make easier.
const ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
const ID_LENGTH = 12;
const SECRET_BYTES = 32;

export const KEY_PATTERN = /^tri_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;
/** Anything shaped like a client key, anywhere in a text (for redaction and leak scans). */
export const KEY_LIKE = /tri_[a-z0-9]{6,}_[A-Za-z0-9_-]{8,}/g;
export const KEY_ID_PATTERN = /^[a-z0-9]{12}$/;

const encoder = new TextEncoder();

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

export async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
}

export const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

export function fromHex(hex: string): Uint8Array | undefined {
  if (!/^[0-9a-f]{64}$/.test(hex)) return undefined;
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

export async function hashKey(key: string): Promise<string> {
  return toHex(await sha256(key));
}
