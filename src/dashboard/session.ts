// Dashboard sessions. A browser cannot send `Authorization: Bearer` on navigation, so the login
// form posts the admin token once and gets a cookie holding a short-lived session — never the
// token itself: `v2.<expiry>.<id>.<HMAC-SHA256(K, "triage-dashboard:v2:<expiry>:<id>")>`. The key K
// is derived from the admin token with HKDF and a random salt that never leaves the Worker (the
// AdminGuard Durable Object keeps it): a cookie signed with the token itself would let anyone
// holding one test guesses of a weak token offline; without the salt a cookie tells nothing about
// the token. Rotating ADMIN_TOKEN signs every session out; logout ends one server-side
// (session-state.ts), so a copied cookie stops working too.

export const SESSION_COOKIE = "__Host-triage_session";
export const SESSION_TTL_SECONDS = 60 * 60;

const encoder = new TextEncoder();
const CONTEXT = "triage-dashboard:v2";
const KEY_INFO = encoder.encode("triage dashboard session key v2");

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

/** HKDF-SHA256(admin token, salt) -> an HMAC key; one per token and salt (an isolate sees one or a few). */
function sessionKey(adminToken: string, salt: Uint8Array): Promise<CryptoKey> {
  const cacheKey = `${b64url(salt)}:${adminToken}`;
  let key = keys.get(cacheKey);
  if (!key) {
    if (keys.size > 8) keys.clear();
    key = crypto.subtle
      .importKey("raw", encoder.encode(adminToken), "HKDF", false, ["deriveKey"])
      .then((base) =>
        crypto.subtle.deriveKey(
          { name: "HKDF", hash: "SHA-256", salt, info: KEY_INFO },
          base,
          { name: "HMAC", hash: "SHA-256", length: 256 },
          false,
          ["sign", "verify"],
        ),
      );
    keys.set(cacheKey, key);
  }
  return key;
}

const message = (expiry: number, id: string) => encoder.encode(`${CONTEXT}:${expiry}:${id}`);

export interface Session {
  value: string;
  /** Random, public: logout ends the session by it. */
  id: string;
  /** Unix seconds. */
  expiry: number;
}

/** A new session, valid for SESSION_TTL_SECONDS from `nowMs`. */
export async function createSession(adminToken: string, salt: Uint8Array, nowMs: number): Promise<Session> {
  const expiry = Math.floor(nowMs / 1000) + SESSION_TTL_SECONDS;
  const id = b64url(crypto.getRandomValues(new Uint8Array(16)));
  const signature = await crypto.subtle.sign("HMAC", await sessionKey(adminToken, salt), message(expiry, id));
  return { value: `v2.${expiry}.${id}.${b64url(new Uint8Array(signature))}`, id, expiry };
}

/** The session when `value` is an unexpired one signed for `adminToken` and `salt` (revocation is checked apart). */
export async function verifySession(
  value: string | undefined,
  adminToken: string,
  salt: Uint8Array,
  nowMs: number,
): Promise<Session | undefined> {
  if (!value || value.length > 256) return undefined;
  const [version, expiryText, id, signatureText, ...rest] = value.split(".");
  if (version !== "v2" || rest.length > 0 || !expiryText || !id || !signatureText) return undefined;
  const expiry = Number(expiryText);
  const now = Math.floor(nowMs / 1000);
  if (!Number.isInteger(expiry) || expiry <= now || expiry > now + SESSION_TTL_SECONDS) return undefined;
  const signature = fromB64url(signatureText);
  if (!signature || signature.length !== 32) return undefined;
  const ok = await crypto.subtle.verify("HMAC", await sessionKey(adminToken, salt), signature, message(expiry, id));
  return ok ? { value, id, expiry } : undefined;
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
