// Dashboard sessions. A browser cannot send `Authorization: Bearer` on navigation, so the login
// form posts the admin token once and gets a cookie holding a short-lived session — never the
// token itself: `v1.<expiry>.<nonce>.<HMAC-SHA256(key, "triage-dashboard:v1:<expiry>:<nonce>")>`,
// keyed by the admin token. Stateless (no storage), verified in constant time (crypto.subtle.verify),
// and rotating ADMIN_TOKEN signs every session out.

export const SESSION_COOKIE = "__Host-triage_session";
export const SESSION_TTL_SECONDS = 60 * 60;

const encoder = new TextEncoder();
const CONTEXT = "triage-dashboard:v1";

const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

function fromB64url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(adminToken: string): Promise<CryptoKey> {
  let key = keys.get(adminToken);
  if (!key) {
    // One entry per configured token (an isolate sees one, or a few across test envs).
    if (keys.size > 8) keys.clear();
    key = crypto.subtle.importKey("raw", encoder.encode(adminToken), { name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
      "verify",
    ]);
    keys.set(adminToken, key);
  }
  return key;
}

const message = (expiry: number, nonce: string) => encoder.encode(`${CONTEXT}:${expiry}:${nonce}`);

/** A new session value, valid for SESSION_TTL_SECONDS from `nowMs`. */
export async function createSession(adminToken: string, nowMs: number): Promise<string> {
  const expiry = Math.floor(nowMs / 1000) + SESSION_TTL_SECONDS;
  const nonce = b64url(crypto.getRandomValues(new Uint8Array(16)));
  const signature = await crypto.subtle.sign("HMAC", await hmacKey(adminToken), message(expiry, nonce));
  return `v1.${expiry}.${nonce}.${b64url(new Uint8Array(signature))}`;
}

/** True when `value` is an unexpired session signed with `adminToken`. */
export async function verifySession(value: string | undefined, adminToken: string, nowMs: number): Promise<boolean> {
  if (!value || value.length > 256) return false;
  const [version, expiryText, nonce, signatureText, ...rest] = value.split(".");
  if (version !== "v1" || rest.length > 0 || !expiryText || !nonce || !signatureText) return false;
  const expiry = Number(expiryText);
  const now = Math.floor(nowMs / 1000);
  if (!Number.isInteger(expiry) || expiry <= now || expiry > now + SESSION_TTL_SECONDS) return false;
  const signature = fromB64url(signatureText);
  if (!signature || signature.length !== 32) return false;
  return crypto.subtle.verify("HMAC", await hmacKey(adminToken), signature, message(expiry, nonce));
}

/** The value of one cookie from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Set-Cookie for a session: the __Host- prefix pins it to this origin, Secure, Path=/. */
export const sessionCookie = (value: string) =>
  `${SESSION_COOKIE}=${value}; Path=/; Max-Age=${SESSION_TTL_SECONDS}; HttpOnly; Secure; SameSite=Strict`;

export const clearedSessionCookie = () => `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict`;
