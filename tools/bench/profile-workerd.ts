// `npm run bench:profile`: where a request's CPU goes inside workerd, by stage. Serves the readable
// (unminified) deploy bundle with the V8 inspector open, sends N chat requests through it to the mock
// at concurrency 1 while the CPU profiler samples, and groups self time by stage
// (tools/bench/profile-stages.ts) for a pass-through request (concrete model), `auto` and a stream.
// The inspector slows the isolate (and console.log most of all), so the CPU per request that counts
// is measured separately: the minified deploy bundle without the inspector, /proc utime + stime.
// `--before <rev>` profiles that revision's bundle the same way in the same run.
//   node tools/bench/profile-workerd.ts [--requests 3000] [--before 4b53fce] [--top 25]
//                                        [--out docs/bench/profile.json] [--save-profiles DIR]
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { freePort } from "../../test/node/free-port.ts";
import { ADMIN_TOKEN, chatTargets, SCENARIO, startMock, UPSTREAM_KEY, UPSTREAM_MODEL } from "./gateways.ts";
import { keepAliveAgent, sendOk, type Target } from "./http-client.ts";
import { machine } from "./machine.ts";
import { stageProfile, type CpuProfile, type StageProfile } from "./profile-stages.ts";
import { buildRevisionBundles } from "./revision-bundle.ts";
import { buildBundle, removeBundle, serveBundle, type BuiltBundle, type RunningWorkerd } from "./workerd-server.ts";

const PROMPT = "Translate to French: the cat sleeps on the warm windowsill.";
const SAMPLING_INTERVAL_US = 50;
const WARMUP = 300;

export const SCENARIOS = {
  "pass-through": { model: `openai/${UPSTREAM_MODEL}`, stream: false },
  auto: { model: "auto", stream: false },
  stream: { model: `openai/${UPSTREAM_MODEL}`, stream: true },
} as const;
export type ScenarioName = keyof typeof SCENARIOS;

/** A minimal Chrome DevTools Protocol client over the inspector's WebSocket (the router's isolate). */
async function connect(port: number) {
  const deadline = Date.now() + 10_000;
  let list: { title?: string; webSocketDebuggerUrl?: string }[] = [];
  while (Date.now() < deadline) {
    list = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as typeof list;
    if (list.some((t) => t.webSocketDebuggerUrl)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  // workerd lists one target per service; the router is the "main" service (the KV services are not).
  const target =
    list.find((t) => t.webSocketDebuggerUrl && t.title === "main") ?? list.find((t) => t.webSocketDebuggerUrl);
  const ws = new WebSocket(target!.webSocketDebuggerUrl!);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  let nextId = 1;
  const waiting = new Map<number, (result: unknown) => void>();
  ws.onmessage = (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) waiting.get(message.id)?.(message.result);
  };
  return {
    call<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
      const id = nextId++;
      ws.send(JSON.stringify({ id, method, params }));
      return new Promise((resolve) => waiting.set(id, resolve as (r: unknown) => void));
    },
    close: () => ws.close(),
  };
}

function scenarioTarget(base: string, mockBase: string, scenario: ScenarioName): Target {
  const { model, stream } = SCENARIOS[scenario];
  const t = chatTargets({ mock: mockBase, triage: base, portkey: "" }, PROMPT, stream).triageModel;
  return {
    ...t,
    name: `triage (${scenario})`,
    body: t.body.replace(`"openai/${UPSTREAM_MODEL}"`, JSON.stringify(model)),
  };
}

async function serve(bundle: BuiltBundle, mockBase: string, inspectorPort?: number): Promise<RunningWorkerd> {
  return serveBundle(bundle, {
    inspectorPort,
    // As in bench:gateway: no client-key check.
    vars: {
      OPENAI_API_KEY: UPSTREAM_KEY,
      OPENAI_BASE_URL: `${mockBase}/s/${SCENARIO}/v1`,
      ADMIN_TOKEN,
      ROUTER_AUTH: "open",
    },
  });
}

async function sendMany(target: Target, count: number) {
  const agent = keepAliveAgent();
  const started = performance.now();
  for (let i = 0; i < count; i++) await sendOk(target, agent);
  agent.destroy();
  return performance.now() - started;
}

export interface ScenarioProfile extends StageProfile {
  /** workerd CPU per request (/proc) while the inspector sampled, ms. */
  cpuMsWithInspector: number;
  /** workerd CPU per request (/proc) of the minified deploy bundle, no inspector, ms. */
  cpuMsPerRequest: number;
  wallMsWithInspector: number;
  wallMsPerRequest: number;
}

/** Profiles every scenario on `readable`, then measures CPU per request on `deploy` without the inspector. */
async function profileBuild(
  readable: BuiltBundle,
  deploy: BuiltBundle,
  mockBase: string,
  requests: number,
  saveTo?: string,
): Promise<Record<ScenarioName, ScenarioProfile>> {
  const source = readFileSync(join(readable.dir, "index.js"), "utf8");
  const inspectorPort = await freePort();
  const sampled = new Map<ScenarioName, Omit<ScenarioProfile, "cpuMsPerRequest" | "wallMsPerRequest">>();
  const profiled = await serve(readable, mockBase, inspectorPort);
  try {
    const cdp = await connect(inspectorPort);
    await cdp.call("Profiler.enable");
    await cdp.call("Profiler.setSamplingInterval", { interval: SAMPLING_INTERVAL_US });
    for (const scenario of Object.keys(SCENARIOS) as ScenarioName[]) {
      const target = scenarioTarget(profiled.base, mockBase, scenario);
      await sendMany(target, WARMUP);
      await cdp.call("Profiler.start");
      const cpu0 = profiled.cpuMs();
      const wallMs = await sendMany(target, requests);
      const cpuMs = profiled.cpuMs() - cpu0;
      const { profile } = await cdp.call<{ profile: CpuProfile }>("Profiler.stop");
      if (saveTo) writeFileSync(join(saveTo, `${scenario}.cpuprofile`), JSON.stringify(profile));
      sampled.set(scenario, {
        ...stageProfile(profile, source, requests),
        cpuMsWithInspector: cpuMs / requests,
        wallMsWithInspector: wallMs / requests,
      });
    }
    cdp.close();
  } finally {
    await profiled.stop();
  }
  const plain = await serve(deploy, mockBase);
  const out = {} as Record<ScenarioName, ScenarioProfile>;
  try {
    for (const scenario of Object.keys(SCENARIOS) as ScenarioName[]) {
      const target = scenarioTarget(plain.base, mockBase, scenario);
      await sendMany(target, WARMUP);
      const cpu0 = plain.cpuMs();
      const wallMs = await sendMany(target, requests);
      out[scenario] = {
        ...sampled.get(scenario)!,
        cpuMsPerRequest: (plain.cpuMs() - cpu0) / requests,
        wallMsPerRequest: wallMs / requests,
      };
    }
  } finally {
    await plain.stop();
  }
  return out;
}

function print(label: string, result: Record<ScenarioName, ScenarioProfile>, top: number) {
  for (const [scenario, p] of Object.entries(result)) {
    console.error(
      `[bench:profile] ${label} ${scenario}: workerd CPU ${p.cpuMsPerRequest.toFixed(3)} ms/req ` +
        `(${p.cpuMsWithInspector.toFixed(3)} with the inspector), sampled JS thread ${(p.sampledUsPerRequest / 1000).toFixed(3)} ms/req`,
    );
    for (const s of p.stages)
      console.error(
        `    ${s.stage.padEnd(24)} ${s.usPerRequest.toFixed(1).padStart(7)} µs  ${(s.share * 100).toFixed(1).padStart(5)} %` +
          `  (natives ${s.nativeUsPerRequest.toFixed(1)} µs)`,
      );
    for (const n of p.natives.slice(0, top))
      console.error(`      native ${n.name} (${n.stage}) ${n.usPerRequest.toFixed(1)} µs`);
    for (const f of p.files.slice(0, top))
      console.error(`      file ${f.file} (${f.stage}) ${f.usPerRequest.toFixed(1)} µs`);
  }
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      requests: { type: "string", default: "3000" },
      before: { type: "string" },
      top: { type: "string", default: "8" },
      out: { type: "string", default: "docs/bench/profile.json" },
      "save-profiles": { type: "string" },
    },
  });
  const requests = Number(values.requests);
  const top = Number(values.top);
  const started = new Date();
  console.error(
    `[bench:profile] building the readable and the deploy bundle${values.before ? ` (and ${values.before}'s)` : ""}`,
  );
  const after = { readable: buildBundle({ readable: true }), deploy: buildBundle() };
  const revision = values.before ? buildRevisionBundles(values.before, [{ readable: true }, {}]) : undefined;
  const before = revision ? { readable: revision.bundles[0]!, deploy: revision.bundles[1]! } : undefined;
  const mock = await startMock();
  try {
    const saveDir = (label: string) => {
      if (!values["save-profiles"]) return undefined;
      const dir = join(values["save-profiles"], label);
      mkdirSync(dir, { recursive: true });
      return dir;
    };
    console.error(`[bench:profile] ${requests} requests per scenario, sampling every ${SAMPLING_INTERVAL_US} µs`);
    const builds: Record<string, Record<ScenarioName, ScenarioProfile>> = {};
    builds.after = await profileBuild(after.readable, after.deploy, mock.base, requests, saveDir("after"));
    print("after", builds.after, top);
    if (before) {
      builds.before = await profileBuild(before.readable, before.deploy, mock.base, requests, saveDir("before"));
      print("before", builds.before, top);
    }
    const result = {
      date: started.toISOString(),
      durationS: Math.round((Date.now() - started.getTime()) / 1000),
      machine: machine(),
      method: {
        requests,
        warmup: WARMUP,
        samplingIntervalUs: SAMPLING_INTERVAL_US,
        prompt: PROMPT,
        scenarios: SCENARIOS,
      },
      before: revision ? { rev: values.before, commit: revision.commit, subject: revision.subject } : null,
      builds,
    };
    writeFileSync(values.out, `${JSON.stringify(result, null, 2)}\n`);
    console.error(`[bench:profile] wrote ${values.out} (${result.durationS} s)`);
  } finally {
    await mock.stop();
    for (const b of [after.readable, after.deploy, before?.readable, before?.deploy]) if (b) removeBundle(b);
  }
}
