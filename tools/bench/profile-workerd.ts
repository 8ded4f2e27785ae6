// Where do a request's microseconds go inside workerd? Serves the deploy bundle with the V8
// inspector open, sends N chat requests through it to the mock at concurrency 1 while the CPU
// profiler samples, and prints the functions with the most self time (grouped by source).
//   node tools/bench/profile-workerd.ts [--requests 3000] [--model auto|openai/gpt-4.1-nano] [--stream]
//                                        [--out profile.cpuprofile]
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { freePort } from "../../test/node/free-port.ts";
import { ADMIN_TOKEN, chatTargets, startMock, UPSTREAM_KEY, SCENARIO } from "./gateways.ts";
import { keepAliveAgent, sendOk } from "./http-client.ts";
import { buildBundle, removeBundle, serveBundle } from "./workerd-server.ts";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "3000" },
    model: { type: "string", default: "openai/gpt-4.1-nano" },
    stream: { type: "boolean", default: false },
    out: { type: "string" },
  },
});
const REQUESTS = Number(values.requests);
const MODEL = values.model;
const STREAM = values.stream;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A minimal Chrome DevTools Protocol client over the inspector's WebSocket. */
async function connect(port: number) {
  const deadline = Date.now() + 10_000;
  let list: { webSocketDebuggerUrl?: string }[] = [];
  while (Date.now() < deadline) {
    list = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as typeof list;
    if (list.some((t) => t.webSocketDebuggerUrl)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const ws = new WebSocket(list.find((t) => t.webSocketDebuggerUrl)!.webSocketDebuggerUrl!);
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

function selfTimes(profile: Profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const grouped = new Map<string, number>();
  for (const [id, us] of self) {
    const frame = byId.get(id)!.callFrame;
    const where = frame.url ? `${frame.url.split("/").pop()}:${frame.lineNumber + 1}` : "(native)";
    const key = `${frame.functionName || "(anonymous)"} ${where}`;
    grouped.set(key, (grouped.get(key) ?? 0) + us);
  }
  return { total, rows: [...grouped].sort((a, b) => b[1] - a[1]) };
}

const bundle = buildBundle({ readable: true });
const mock = await startMock();
const inspectorPort = await freePort();
const server = await serveBundle(bundle, {
  inspectorPort,
  // As in bench:gateway: no client-key check.
  vars: {
    OPENAI_API_KEY: UPSTREAM_KEY,
    OPENAI_BASE_URL: `${mock.base}/s/${SCENARIO}/v1`,
    ADMIN_TOKEN,
    ROUTER_AUTH: "open",
  },
});
try {
  const targets = chatTargets(
    { mock: mock.base, triage: server.base, portkey: "" },
    "Translate to French: the cat sleeps.",
    STREAM,
  );
  const target = {
    ...targets.triageModel,
    body: targets.triageModel.body.replace(`"openai/gpt-4.1-nano"`, JSON.stringify(MODEL)),
  };
  const agent = keepAliveAgent();
  for (let i = 0; i < 300; i++) await sendOk(target, agent);
  const cdp = await connect(inspectorPort);
  await cdp.call("Profiler.enable");
  await cdp.call("Profiler.setSamplingInterval", { interval: 50 });
  await cdp.call("Profiler.start");
  const cpu0 = server.cpuMs();
  const t0 = performance.now();
  for (let i = 0; i < REQUESTS; i++) await sendOk(target, agent);
  const wallMs = performance.now() - t0;
  const cpuMs = server.cpuMs() - cpu0;
  const { profile } = await cdp.call<{ profile: Profile }>("Profiler.stop");
  cdp.close();
  const out = values.out;
  if (out) writeFileSync(out, JSON.stringify(profile));
  const { total, rows } = selfTimes(profile);
  console.log(
    `${REQUESTS} requests (${MODEL}${STREAM ? ", stream" : ""}): wall ${(wallMs / REQUESTS).toFixed(3)} ms/req, ` +
      `workerd CPU ${(cpuMs / REQUESTS).toFixed(3)} ms/req, JS samples ${(total / 1000 / REQUESTS).toFixed(3)} ms/req`,
  );
  for (const [name, us] of rows.slice(0, 40)) {
    console.log(
      `${((us / total) * 100).toFixed(1).padStart(5)} %  ${(us / REQUESTS).toFixed(1).padStart(6)} µs/req  ${name}`,
    );
  }
} finally {
  await server.stop();
  await mock.stop();
  removeBundle(bundle);
}
