// A tenant's learning state on the hot path: settings (`learning:<tenant>`) and calibration
// (`calibration:<tenant>`) from KV, cached per isolate like the pricing catalog:
// - after an isolate's first read for a tenant, requests never wait for KV: a copy older than the
//   TTL keeps serving while one background refresh (waitUntil) reads the new one;
// - the first read waits at most FIRST_READ_TIMEOUT_MS, then routing goes on with the defaults;
// - a value that fails validation (or was fitted for another scorer build) never replaces the
//   last good one, and is reported once; routing never fails because of it.
import { FEATURE_NAMES } from "../../score/feature-names.ts";
import { applyCalibration, type AppliedCalibration } from "./applied-calibration.ts";
import { calibrationSchema, type Calibration } from "../store/calibration-schema.ts";
import { calibrationKey, settingsKey } from "../store/learning-keys.ts";
import { DEFAULT_SETTINGS, learningSettingsSchema, type LearningSettings } from "../store/settings-schema.ts";

/** What the cache needs of a KV namespace (and keys its per-namespace caches by). */
export interface KvReader {
  get(key: string, type: "text"): Promise<string | null>;
}

export const FIRST_READ_TIMEOUT_MS = 500;
/** Tenants cached per isolate (least recently loaded dropped first). */
const MAX_TENANTS = 1_000;

export interface TenantState {
  settings: LearningSettings;
  calibration: Calibration | undefined;
  applied: AppliedCalibration | undefined;
}

interface Entry {
  state: TenantState;
  settingsRaw: string | null;
  calibrationRaw: string | null;
  loadedAt: number;
  refreshing: boolean;
}

export const EMPTY_STATE: TenantState = { settings: DEFAULT_SETTINGS, calibration: undefined, applied: undefined };

const caches = new WeakMap<KvReader, Map<string, Entry>>();
const firstReads = new WeakMap<KvReader, Map<string, Promise<Entry>>>();
const reported = new Set<string>();

function report(event: string, tenant: string, detail: string) {
  const key = `${event}:${tenant}:${detail}`;
  if (reported.has(key)) return;
  if (reported.size > 10_000) reported.clear();
  reported.add(key);
  console.error(JSON.stringify({ level: "error", event, tenant, detail }));
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/**
 * Applies freshly read KV text to an entry; invalid values keep what the entry had. `scorer`: the
 * running scorer build (a calibration fitted for another one is not applied).
 */
function absorb(
  entry: Entry,
  tenant: string,
  scorer: string,
  settingsRaw: string | null,
  calibrationRaw: string | null,
) {
  const state = { ...entry.state };
  if (settingsRaw !== entry.settingsRaw) {
    if (settingsRaw === null) state.settings = DEFAULT_SETTINGS;
    else {
      const parsed = learningSettingsSchema.safeParse(parseJson(settingsRaw));
      if (parsed.success) state.settings = parsed.data;
      else report("learning_settings_invalid", tenant, parsed.error.issues[0]?.message ?? "invalid");
    }
    entry.settingsRaw = settingsRaw;
  }
  if (calibrationRaw !== entry.calibrationRaw) {
    if (calibrationRaw === null) Object.assign(state, { calibration: undefined, applied: undefined });
    else {
      const parsed = calibrationSchema.safeParse(parseJson(calibrationRaw));
      const applied = parsed.success ? applyCalibration(parsed.data, scorer, FEATURE_NAMES) : undefined;
      if (parsed.success && applied?.ok) Object.assign(state, { calibration: parsed.data, applied: applied.applied });
      else {
        const problem = !parsed.success
          ? (parsed.error.issues[0]?.message ?? "invalid")
          : applied && !applied.ok
            ? applied.problem
            : "";
        report("calibration_not_applied", tenant, problem);
      }
    }
    entry.calibrationRaw = calibrationRaw;
  }
  entry.state = state;
}

async function read(kv: KvReader, tenant: string) {
  const [settingsRaw, calibrationRaw] = await Promise.all([
    kv.get(settingsKey(tenant), "text"),
    kv.get(calibrationKey(tenant), "text"),
  ]);
  return { settingsRaw, calibrationRaw };
}

function tenantsOf(kv: KvReader): Map<string, Entry> {
  let map = caches.get(kv);
  if (!map) caches.set(kv, (map = new Map()));
  return map;
}

function remember(kv: KvReader, tenant: string, entry: Entry) {
  const map = tenantsOf(kv);
  map.delete(tenant);
  map.set(tenant, entry);
  if (map.size > MAX_TENANTS) map.delete(map.keys().next().value!);
}

export interface StoreContext {
  /** The running scorer build (scorer-version.ts). */
  scorer: string;
  ttlMs: number;
  now: () => number;
  waitUntil: (promise: Promise<unknown>) => void;
}

async function firstRead(kv: KvReader, tenant: string, ctx: StoreContext): Promise<Entry> {
  const entry: Entry = {
    state: EMPTY_STATE,
    settingsRaw: null,
    calibrationRaw: null,
    loadedAt: ctx.now(),
    refreshing: false,
  };
  const pending = read(kv, tenant).then(
    (r) => absorb(entry, tenant, ctx.scorer, r.settingsRaw, r.calibrationRaw),
    (error: unknown) => report("learning_read_failed", tenant, String(error)),
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<"timeout">(
    (resolve) => (timer = setTimeout(() => resolve("timeout"), FIRST_READ_TIMEOUT_MS)),
  );
  const first = await Promise.race([pending, timeout]);
  if (timer !== undefined) clearTimeout(timer);
  if (first === "timeout") {
    report("learning_read_slow", tenant, `${FIRST_READ_TIMEOUT_MS} ms`);
    ctx.waitUntil(pending);
  }
  return entry;
}

export async function loadTenantState(kv: KvReader, tenant: string, ctx: StoreContext): Promise<TenantState> {
  const entry = tenantsOf(kv).get(tenant);
  if (!entry) {
    let reads = firstReads.get(kv);
    if (!reads) firstReads.set(kv, (reads = new Map()));
    let pending = reads.get(tenant);
    if (!pending) {
      pending = firstRead(kv, tenant, ctx).then((loaded) => {
        remember(kv, tenant, loaded);
        reads.delete(tenant);
        return loaded;
      });
      reads.set(tenant, pending);
    }
    return (await pending).state;
  }
  if (ctx.now() - entry.loadedAt > ctx.ttlMs && !entry.refreshing) {
    entry.refreshing = true;
    ctx.waitUntil(
      read(kv, tenant)
        .then((r) => absorb(entry, tenant, ctx.scorer, r.settingsRaw, r.calibrationRaw))
        .catch((error: unknown) => report("learning_read_failed", tenant, String(error)))
        .finally(() => {
          entry.loadedAt = ctx.now();
          entry.refreshing = false;
        }),
    );
  }
  return entry.state;
}

/** Installs values this isolate just wrote (admin API), so they apply here at once. */
export function primeTenantState(
  kv: KvReader,
  tenant: string,
  raw: { settings?: string | null; calibration?: string | null },
  now: number,
  scorer: string,
): TenantState {
  const entry = tenantsOf(kv).get(tenant) ?? {
    state: EMPTY_STATE,
    settingsRaw: null,
    calibrationRaw: null,
    loadedAt: now,
    refreshing: false,
  };
  absorb(
    entry,
    tenant,
    scorer,
    raw.settings === undefined ? entry.settingsRaw : raw.settings,
    raw.calibration === undefined ? entry.calibrationRaw : raw.calibration,
  );
  entry.loadedAt = now;
  remember(kv, tenant, entry);
  return entry.state;
}
