// `npm run bench:stream-writes`: what a streamed answer costs workerd per chunk written to the client,
// apart from any router code (tools/bench/stream-writes-worker.js on bare workerd): one event per
// chunk vs the same events in one chunk, through 0 or 5 JavaScript stream stages. CPU per request
// of the workerd process from /proc, concurrency 1, keep-alive. Explains the streaming rows of
// docs/benchmarks.md (a stream's CPU grows with the chunks it writes); prints, writes no file.
//   npm run bench:stream-writes [-- --requests 2000 --events 10]
import { request } from "node:http";
import { parseArgs } from "node:util";
import { serveScript } from "./gateways.ts";
import { keepAliveAgent } from "./http-client.ts";

const { values } = parseArgs({
  options: { requests: { type: "string", default: "2000" }, events: { type: "string", default: "10" } },
});
const REQUESTS = Number(values.requests);
const EVENTS = Number(values.events);

const worker = await serveScript("stream-writes-worker.js", { probe: { path: "/?plain=1" } });
const base = worker.base;
try {
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
    const cpu0 = worker.cpuMs();
    for (let i = 0; i < REQUESTS; i++) await get(query);
    rows[name] = (worker.cpuMs() - cpu0) / REQUESTS;
    console.log(`  ${name.padEnd(44)} ${rows[name]!.toFixed(3)} ms`);
  }
  const perChunk = (rows[`${EVENTS} events, one chunk each`]! - rows[`${EVENTS} events in one chunk`]!) / (EVENTS - 1);
  console.log(`each further chunk written: ${(perChunk * 1000).toFixed(0)} µs of CPU`);
  agent.destroy();
} finally {
  await worker.stop();
}
