// Groups a V8 CPU profile of the readable (unminified) Worker bundle by request stage. esbuild's
// unminified output starts each source module with a `// path/to/module.ts` comment line, so a
// frame's line number names its source file, and the file names its stage. Native frames (fetch,
// body reads, timers, Response, Durable Object stubs, wasm) have no line in the bundle: their self
// time goes to the stage of their nearest caller in the bundle, and they are also listed by name.

/** A V8 CPU profile as the inspector's Profiler.stop returns it (the fields used here). */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
}

export interface ModuleMarker {
  /** 0-based line of the marker comment (CDP line numbers are 0-based too). */
  line: number;
  /** `src/…` for the router's own modules, the package name for dependencies. */
  file: string;
}

const MARKER = /^\/\/ (\S+\.(?:[cm]?[jt]s|json))$/;

/** Normalises a bundled path: `src/…` (or `wasm/…`) for the project, the package name for node_modules. */
export function sourceName(path: string): string {
  const packaged = path.lastIndexOf("node_modules/");
  if (packaged >= 0) {
    const parts = path.slice(packaged + "node_modules/".length).split("/");
    return parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const own = /(?:^|\/)((?:src|wasm)\/.*)$/.exec(path);
  return own ? own[1]! : path.replace(/^(\.\.\/)+/, "");
}

/** The module marker lines of an unminified esbuild bundle, in order. */
export function moduleMarkers(source: string): ModuleMarker[] {
  const markers: ModuleMarker[] = [];
  source.split("\n").forEach((text, line) => {
    const match = MARKER.exec(text);
    if (match) markers.push({ line, file: sourceName(match[1]!) });
  });
  return markers;
}

/** The module a 0-based bundle line belongs to (the last marker at or above it). */
export function fileAtLine(markers: readonly ModuleMarker[], line: number): string {
  let low = 0;
  let high = markers.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (markers[mid]!.line <= line) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found < 0 ? "(bundle runtime)" : markers[found]!.file;
}

/** Stages in request order; the first rule whose prefix matches a source name wins. */
export const STAGES = [
  "framework",
  "read + validate",
  "plan",
  "dispatch",
  "answer",
  "record",
  "other code",
  "runtime (no JS caller)",
  "GC",
] as const;
export type Stage = (typeof STAGES)[number];

const STAGE_RULES: [prefix: string, stage: Stage][] = [
  ["hono", "framework"],
  ["src/middleware/", "framework"],
  ["src/index.ts", "framework"],
  ["src/env.ts", "framework"],
  ["src/config.ts", "framework"],
  ["src/errors.ts", "framework"],
  ["src/util/", "framework"],
  ["src/auth/", "framework"],
  ["src/security/", "framework"],
  ["(bundle runtime)", "framework"],
  ["zod", "read + validate"],
  ["src/limits/", "read + validate"],
  ["src/schema/", "read + validate"],
  ["src/pipeline/plan-route", "plan"],
  ["src/select/", "plan"],
  ["src/score/", "plan"],
  ["src/classify/", "plan"],
  ["src/pricing/", "plan"],
  ["wasm/", "plan"],
  ["onnxruntime-web", "plan"],
  ["fastest-levenshtein", "plan"],
  ["src/dispatch/", "dispatch"],
  ["src/providers/", "dispatch"],
  ["eventsource-parser", "dispatch"],
  ["src/stream/", "answer"],
  ["src/routes/", "answer"],
  ["src/responses/", "answer"],
  ["src/pipeline/serve-request", "answer"],
  ["src/pipeline/router-headers", "answer"],
  ["src/record/", "record"],
  ["src/stats/", "record"],
  ["src/usage/", "record"],
  ["src/learning/", "record"],
  ["src/pipeline/facts", "record"],
];

export function stageOfFile(file: string): Stage {
  return STAGE_RULES.find(([prefix]) => file.startsWith(prefix))?.[1] ?? "other code";
}

export interface StageRow {
  stage: Stage;
  /** Self time of the stage's own JS plus the natives it called, µs per request. */
  usPerRequest: number;
  /** Of which natives called from it, µs per request. */
  nativeUsPerRequest: number;
  share: number;
}

export interface StageProfile {
  /** Sampled time on the isolate's thread (idle excluded), µs per request. */
  sampledUsPerRequest: number;
  stages: StageRow[];
  /** The biggest natives by self time, with the stage they were charged to. */
  natives: { name: string; stage: Stage; usPerRequest: number }[];
  /** The source files with the most self time (natives included in their caller's file). */
  files: { file: string; stage: Stage; usPerRequest: number }[];
}

const IGNORED = new Set(["(idle)", "(root)"]);

/** Self time by stage for a profile of `requests` requests of the bundle `bundleUrl` (whose text is `source`). */
export function stageProfile(
  profile: CpuProfile,
  source: string,
  requests: number,
  isBundle: (url: string) => boolean = (url) => url.endsWith("index.js"),
): StageProfile {
  const markers = moduleMarkers(source);
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + Math.max(0, profile.timeDeltas[i] ?? 0)));

  // The bundle file a node's time is charged to: its own, or its nearest bundle caller's.
  const fileOf = (id: number): string | undefined => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = nodes.get(at)!.callFrame;
      if (isBundle(frame.url)) return fileAtLine(markers, frame.lineNumber);
    }
    return undefined;
  };
  const stageUs = new Map<Stage, { us: number; native: number }>(STAGES.map((s) => [s, { us: 0, native: 0 }]));
  const nativeUs = new Map<string, { stage: Stage; us: number }>();
  const fileUs = new Map<string, number>();
  let total = 0;
  for (const [id, us] of self) {
    const frame = nodes.get(id)!.callFrame;
    if (IGNORED.has(frame.functionName)) continue;
    total += us;
    const native = !isBundle(frame.url);
    const file = frame.functionName === "(garbage collector)" ? undefined : fileOf(id);
    const stage: Stage =
      frame.functionName === "(garbage collector)"
        ? "GC"
        : file === undefined
          ? "runtime (no JS caller)"
          : stageOfFile(file);
    const row = stageUs.get(stage)!;
    row.us += us;
    if (native) {
      row.native += us;
      const name = frame.functionName || "(anonymous native)";
      const key = `${name}\u0000${stage}`;
      nativeUs.set(key, { stage, us: (nativeUs.get(key)?.us ?? 0) + us });
    }
    if (file) fileUs.set(file, (fileUs.get(file) ?? 0) + us);
  }
  const per = (us: number) => us / requests;
  return {
    sampledUsPerRequest: per(total),
    stages: STAGES.map((stage) => {
      const { us, native } = stageUs.get(stage)!;
      return { stage, usPerRequest: per(us), nativeUsPerRequest: per(native), share: total ? us / total : 0 };
    }),
    natives: [...nativeUs]
      .map(([key, v]) => ({ name: key.split("\u0000")[0]!, stage: v.stage, usPerRequest: per(v.us) }))
      .sort((a, b) => b.usPerRequest - a.usPerRequest)
      .slice(0, 12),
    files: [...fileUs]
      .map(([file, us]) => ({ file, stage: stageOfFile(file), usPerRequest: per(us) }))
      .sort((a, b) => b.usPerRequest - a.usPerRequest)
      .slice(0, 15),
  };
}
