// `npm run bench:stream-writes`: what a streamed answer costs workerd per chunk written to the client,
// apart from any router code (tools/bench/stream-writes-worker.js on bare workerd): one event per
// chunk vs the same events in one chunk, through 0 or 5 JavaScript stream stages. CPU per request
// of the workerd process from /proc, concurrency 1, keep-alive. Explains the streaming rows of
// docs/benchmarks.md (a stream's CPU grows with the chunks it writes); prints, writes no file.
//   npm run bench:stream-writes [-- --requests 2000 --events 10]
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { freePort } from "../../test/node/free-port.ts";
import { keepAliveAgent } from "./http-client.ts";
import { processCpuMs, waitForAnswer, workerdBinary } from "./workerd-server.ts";

const { values } = parseArgs({
  options: { requests: { type: "string", default: "2000" }, events: { type: "string", default: "10" } },
});
const REQUESTS = Number(values.requests);
const EVENTS = Number(values.events);

const dir = mkdtempSync(join(tmpdir(), "triage-stream-writes-"));
const port = await freePort();
writeFileSync(join(dir, "worker.js"), readFileSync(resolve(import.meta.dirname, "stream-writes-worker.js")));
writeFileSync(
  join(dir, "config.capnp"),
  `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .w)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const w :Workerd.Worker = (modules = [(name = "worker.js", esModule = embed "worker.js")], compatibilityDate = "2026-08-15");
`,
);
const child = spawn(workerdBinary(), ["serve", join(dir, "config.capnp")], { stdio: ["ignore", "ignore", "inherit"] });
const base = `http://127.0.0.1:${port}`;
try {
  if (!(await waitForAnswer(child, `${base}/?plain=1`))) throw new Error("workerd did not start");
  const agent = keepAliveAgent();
  const get = (query: string) =>
    new Promise<void>((done, fail) =>
      request(`${base}/?${query}`, { agent }, (res) => res.resume().on("end", done))
        .on("error", fail)
        .end(),
    );
  const cases: [string, string][] = [
    ["no stream (ok)", "plain=1"],
    [`${EVENTS} events, one chunk each`, `n=${EVENTS}`],
    [`${EVENTS} events in one chunk`, `n=${EVENTS}&batch=1`],
    [`${EVENTS} events, one chunk each, 5 stages`, `n=${EVENTS}&hops=5`],
    [`${EVENTS} events in one chunk, 5 stages`, `n=${EVENTS}&hops=5&batch=1`],
    ["1 event, one chunk", "n=1"],
  ];
  console.log(`workerd CPU per request (/proc), ${REQUESTS} requests per case after 300 warm-ups, concurrency 1`);
  const rows: Record<string, number> = {};
  for (const [name, query] of cases) {
    for (let i = 0; i < 300; i++) await get(query);
    const cpu0 = processCpuMs(child.pid!);
    for (let i = 0; i < REQUESTS; i++) await get(query);
    rows[name] = (processCpuMs(child.pid!) - cpu0) / REQUESTS;
    console.log(`  ${name.padEnd(44)} ${rows[name]!.toFixed(3)} ms`);
  }
  const perChunk = (rows[`${EVENTS} events, one chunk each`]! - rows[`${EVENTS} events in one chunk`]!) / (EVENTS - 1);
  console.log(`each further chunk written: ${(perChunk * 1000).toFixed(0)} µs of CPU`);
  agent.destroy();
} finally {
  child.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
}
