// Finds Debian's Chromium for the browser tests. Tests never install anything: `.ci/run` installs
// chromium (apt-get) before the suite; elsewhere the browser test says what is missing.
import { existsSync } from "node:fs";

export const CHROMIUM = "/usr/bin/chromium";

export function ensureChromium(): { path: string } | { missing: string } {
  if (existsSync(CHROMIUM)) return { path: CHROMIUM };
  return { missing: `${CHROMIUM} is missing (apt-get install chromium; .ci/run installs it)` };
}

/** Flags for a headless Chromium that stays off the network and leaves no state behind. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];
