// /dashboard: a small live view served by the Worker itself (hand-written HTML, CSS and JS, inline
// SVG charts, no frameworks, no CDNs), behind the admin token.
//   GET  /dashboard                the dashboard, or the sign-in form without a valid session
//   POST /dashboard/login          form field `token` (throttled per address like every admin door);
//                                  sets the session cookie (src/dashboard/session.ts)
//   POST /dashboard/logout         ends the session server-side and clears the cookie
//   GET  /dashboard/api/summary    the data (?minutes=60), session required
//   GET  /dashboard/assets/<version>/<name>  the client's ES modules (entry app.js) and app.css,
//                                  built from src/dashboard/client/, immutable (the version is a hash
//                                  of them all); any other name or version is the app's 404
//   GET  /dashboard/favicon.svg
// Every response carries a strict Content-Security-Policy: scripts and styles from this origin
// only, no inline code, no framing, forms post only here.
import { Hono, type Context } from "hono";
import { CLIENT_FILES } from "../dashboard/assets.generated.ts";
import { ASSET_BASE, dashboardPage, disabledPage, loginPage } from "../dashboard/pages.ts";
import {
  clearedSessionCookie,
  createSession,
  readCookie,
  SESSION_COOKIE,
  sessionCookie,
  verifySession,
} from "../dashboard/session.ts";
import { dashboardSummary, MAX_MINUTES } from "../dashboard/summary.ts";
import type { AppEnv } from "../env.ts";
import { invalidRequest, RouterError } from "../errors.ts";
import { checkAdminToken } from "../security/admin-guard.ts";
import { endSession, sessionEnded, sessionSalt } from "../security/session-state.ts";
import { configuredAdminToken } from "./admin-auth.ts";

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const SECURITY_HEADERS = {
  "content-security-policy": CSP,
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "same-origin", // no-referrer would make Chromium send `Origin: null` on the login form
  "cross-origin-opener-policy": "same-origin",
};
const noStore = { ...SECURITY_HEADERS, "cache-control": "no-store" };
const MAX_LOGIN_BODY = 4096;

type Ctx = Context<AppEnv>;

const adminToken = configuredAdminToken;

/** The request's session, if it is valid and was not ended by a logout. */
async function currentSession(c: Ctx, token: string) {
  const value = readCookie(c.req.header("cookie"), SESSION_COOKIE);
  if (!value) return undefined;
  const session = await verifySession(value, token, await sessionSalt(c.env), Date.now());
  return session && !(await sessionEnded(c.env, session.id)) ? session : undefined;
}

const signedIn = async (c: Ctx, token: string) => (await currentSession(c, token)) !== undefined;

/** Form posts must come from this origin (SameSite=Strict covers the cookie; this covers the form). */
function sameOrigin(c: Ctx): boolean {
  const origin = c.req.header("origin");
  if (origin && origin !== new URL(c.req.url).origin) return false;
  const site = c.req.header("sec-fetch-site");
  return !site || site === "same-origin" || site === "none";
}

const redirect = (location: string, cookie?: string) =>
  new Response(null, { status: 303, headers: { ...noStore, location, ...(cookie ? { "set-cookie": cookie } : {}) } });

const FAVICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path d="M16 2 30 16 16 30 2 16Z" fill="#2563eb"/></svg>';

// Static and free of data, so served without a session (the sign-in page needs app.css too).
const asset =
  (body: string, type: string, cacheControl = "public, max-age=300") =>
  (c: Ctx) =>
    c.body(body, 200, { ...SECURITY_HEADERS, "content-type": type, "cache-control": cacheControl });
/** A versioned URL's content never changes. */
const IMMUTABLE = "public, max-age=31536000, immutable";

// tools/build/dashboard.ts admits only .js and .css names into CLIENT_FILES.
const clientType = (name: string) =>
  name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";

export const dashboard = new Hono<AppEnv>()
  .get("/dashboard/favicon.svg", asset(FAVICON, "image/svg+xml"))
  .get("/dashboard", async (c) => {
    const token = adminToken(c);
    if (!token) return c.html(disabledPage(), 403, noStore);
    return c.html((await signedIn(c, token)) ? dashboardPage() : loginPage(), 200, noStore);
  })
  .post("/dashboard/login", async (c) => {
    const token = adminToken(c);
    if (!token) return c.html(disabledPage(), 403, noStore);
    if (!sameOrigin(c)) return c.html(loginPage("Sign-in must come from this page."), 403, noStore);
    const tooLarge = () => c.html(loginPage("That request is too large."), 413, noStore);
    if (Number(c.req.header("content-length") ?? "0") > MAX_LOGIN_BODY) return tooLarge();
    const type = c.req.header("content-type") ?? "";
    if (!type.startsWith("application/x-www-form-urlencoded")) {
      return c.html(loginPage("Send the form from the sign-in page."), 415, noStore);
    }
    // Decoded by hand: workerd warns when .text() reads a form-encoded body.
    const body = new TextDecoder().decode(await c.req.raw.arrayBuffer());
    if (body.length > MAX_LOGIN_BODY) return tooLarge();
    const given = (new URLSearchParams(body).get("token") ?? "").trim();
    const check =
      given && given.length <= 1024
        ? await checkAdminToken(c.env, c.req.raw.headers, given, token)
        : { ok: false as const, lockedForMs: 0 };
    if (!check.ok && check.lockedForMs > 0) {
      const retryAfter = String(Math.max(1, Math.ceil(check.lockedForMs / 1000)));
      const page = loginPage(`Too many wrong tokens from this address: try again in ${retryAfter} s.`);
      return c.html(page, 429, { ...noStore, "retry-after": retryAfter });
    }
    if (!check.ok) return c.html(loginPage("That token is not valid."), 401, noStore);
    const session = await createSession(token, await sessionSalt(c.env), Date.now());
    return redirect("/dashboard", sessionCookie(session.value));
  })
  .post("/dashboard/logout", async (c) => {
    if (!sameOrigin(c)) return c.html(loginPage(), 403, noStore);
    const token = adminToken(c);
    const session = token ? await currentSession(c, token) : undefined;
    if (session) await endSession(c.env, session.id, session.expiry);
    return redirect("/dashboard", clearedSessionCookie());
  })
  .get("/dashboard/api/summary", async (c) => {
    const token = adminToken(c);
    if (!token || !(await signedIn(c, token))) {
      throw new RouterError("Sign in at /dashboard first (session missing or expired).", {
        status: 401,
        type: "authentication_error",
        code: "dashboard_session_required",
      });
    }
    const minutes = Number(c.req.query("minutes") ?? "60");
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_MINUTES) {
      throw invalidRequest(`'minutes' must be an integer from 1 to ${MAX_MINUTES}.`, "minutes", "invalid_value");
    }
    return c.json(await dashboardSummary(c.env, minutes), 200, noStore);
  });

// One static route per client file: an unknown name never reaches a handler (the app's 404).
for (const [name, body] of Object.entries(CLIENT_FILES)) {
  dashboard.get(`${ASSET_BASE}/${name}`, asset(body, clientType(name), IMMUTABLE));
}
