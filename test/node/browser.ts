// Finds Debian's Chromium for the browser tests, installing it when it is missing and that is
// possible (root with apt-get, as in CI). Returns { missing: reason } when it is not.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

export const CHROMIUM = "/usr/bin/chromium";

export function ensureChromium(): { path: string } | { missing: string } {
  if (existsSync(CHROMIUM)) return { path: CHROMIUM };
  const root = process.getuid?.() === 0;
  if (!root || !existsSync("/usr/bin/apt-get")) {
    return { missing: `${CHROMIUM} is missing and cannot be installed here (needs root and apt-get)` };
  }
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    execFileSync("apt-get", ["update"], { stdio: "ignore", env, timeout: 300_000 });
    execFileSync("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], {
      stdio: "ignore",
      env,
      timeout: 600_000,
    });
  } catch (error) {
    return { missing: `apt-get install chromium failed: ${String(error)}` };
  }
  return existsSync(CHROMIUM) ? { path: CHROMIUM } : { missing: "chromium installed but not at /usr/bin/chromium" };
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
