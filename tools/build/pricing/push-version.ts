// Which version pricing:push writes: the next one above what KV holds (the current catalog's
// version and every kept version), so a push never overwrites history. An empty namespace gets
// the pushed catalog as version 1, as the Worker seeds it.
import { validateNext, type Validated } from "../../../src/pricing/catalog-version.ts";

export interface KvState {
  /** The text of catalog:current, or null when the key is absent. */
  current: string | null;
  /** Version numbers kept under catalog:v:<n>. */
  kept: number[];
}

function currentVersion(raw: string | null): number {
  if (raw === null) return 0;
  try {
    const version = (JSON.parse(raw) as { version?: unknown }).version;
    return typeof version === "number" && Number.isInteger(version) ? version : 0;
  } catch {
    return 0;
  }
}

export function nextPushedCatalog(pushed: unknown, kv: KvState, now: Date): Validated {
  const highest = Math.max(currentVersion(kv.current), ...kv.kept.filter(Number.isInteger), 0);
  return validateNext(pushed, highest, now);
}
