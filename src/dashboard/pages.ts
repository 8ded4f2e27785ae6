// The dashboard's HTML shells. No inline script or style (the CSP forbids both): the page loads
// app.css and the ES module app.js (under /dashboard/assets/<build version>/), whose imports fetch
// the data and draw everything. Every other module is preloaded, so the browser fetches them all at once instead of
// discovering them import by import.
import { CLIENT_FILES, CLIENT_VERSION } from "./assets.generated.ts";

/** Where this build's client files are served (routes/dashboard.ts). */
export const ASSET_BASE = `/dashboard/assets/${CLIENT_VERSION}`;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const ENTRY = "app.js";
const scripts = [
  ...Object.keys(CLIENT_FILES)
    .filter((name) => name.endsWith(".js") && name !== ENTRY)
    .map((name) => `<link rel="modulepreload" href="${ASSET_BASE}/${name}">`),
  `<script type="module" src="${ASSET_BASE}/${ENTRY}"></script>`,
].join("\n");

const shell = (title: string, body: string, script = false) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="/dashboard/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="${ASSET_BASE}/app.css">
${script ? scripts : ""}
</head>
<body>
${body}
</body>
</html>
`;

export function loginPage(error?: string): string {
  return shell(
    "Triage · sign in",
    `<main class="login">
  <form method="post" action="/dashboard/login" class="card login-card">
    <h1><span class="logo" aria-hidden="true">◆</span> Triage</h1>
    <p class="muted">Router dashboard. Sign in with the deployment's admin token.</p>
    ${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ""}
    <label for="token">Admin token</label>
    <input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
    <button type="submit">Sign in</button>
    <p class="muted small">The token is checked once; the browser keeps a signed session cookie for an hour, never the token.</p>
  </form>
</main>`,
  );
}

export function disabledPage(): string {
  return shell(
    "Triage · dashboard disabled",
    `<main class="login">
  <div class="card login-card">
    <h1><span class="logo" aria-hidden="true">◆</span> Triage</h1>
    <p>The dashboard is disabled: set the <code>ADMIN_TOKEN</code> secret (at least 16 characters) with
    <code>wrangler secret put ADMIN_TOKEN</code>.</p>
  </div>
</main>`,
  );
}

export function dashboardPage(): string {
  return shell(
    "Triage · dashboard",
    `<header class="top">
  <h1><span class="logo" aria-hidden="true">◆</span> Triage <span class="muted">router dashboard</span></h1>
  <div class="top-right">
    <span id="status" class="status" aria-live="polite">loading…</span>
    <form method="post" action="/dashboard/logout"><button type="submit" class="link">Sign out</button></form>
  </div>
</header>
<main class="grid">
  <section class="kpis" id="kpis" aria-label="Totals"></section>
  <section class="card wide"><h2>Spend vs. baseline <span class="muted" id="minutes-label"></span></h2><div id="chart-spend" class="chart"></div></section>
  <section class="card"><h2>Tier mix <span class="muted" id="mix-label"></span></h2><div id="chart-mix" class="chart"></div></section>
  <section class="card wide"><h2>Requests per minute by tier</h2><div id="chart-tiers" class="chart"></div></section>
  <section class="card"><h2>Daily spend <span class="muted">(14 days)</span></h2><div id="chart-days" class="chart"></div></section>
  <section class="card full"><h2>Recent decisions <span class="muted">(no prompt text is stored)</span></h2><div id="recent" class="table-wrap"></div></section>
  <section class="card full"><h2>Learning <span class="muted">(per tenant, 14 days)</span> <span class="muted" id="learning-label"></span></h2><div id="learning"></div></section>
  <section class="card full"><h2>Providers and circuit breakers <span class="muted">(this isolate)</span></h2><div id="health"></div></section>
</main>`,
    true,
  );
}
