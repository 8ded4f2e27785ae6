// A client that closes its socket mid-stream, against the deploy bundle served by bare workerd (real
// Durable Objects and KV, tools/bench/workerd-server.ts) and the mock upstream: the router keeps
// reading the upstream answer without the client until the provider's usage arrives, and charges
// that usage to the key — before, three such streams spent a $0.01 budget without a cent recorded.
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockUpstream, type MockUpstream } from "../mock-upstream/server.ts";
import {
  buildBundle,
  removeBundle,
  serveBundle,
  type BuiltBundle,
  type RunningWorkerd,
} from "../../tools/bench/workerd-server.ts";

const TOKEN = "disconnect-test-token-0123456789";
/** The answer: 600 tokens in ~200 chunks, 15 ms apart (~3 s): the client leaves after a few. */
const LONG = { type: "long", tokens: 600, chunkMs: 15 };

let mock: MockUpstream;
let bundle: BuiltBundle;
let server: RunningWorkerd;

beforeAll(async () => {
  mock = await startMockUpstream();
  const scenario = await fetch(`${mock.url}/__mock/scenarios/long`, {
    method: "PUT",
    body: JSON.stringify({ rules: [{ fault: LONG }] }),
  });
  expect(scenario.ok).toBe(true);
  bundle = buildBundle({ lite: true });
  server = await serveBundle(bundle, {
    vars: {
      ROUTER_AUTH: "keys",
      ADMIN_TOKEN: TOKEN,
      ROUTER_CLASSIFIER: "off",
      OPENAI_API_KEY: "sk-disconnect-test-0123456789",
      OPENAI_BASE_URL: `${mock.url}/s/long/v1`,
    },
  });
}, 180_000);

afterAll(async () => {
  await server?.stop();
  if (bundle) removeBundle(bundle);
  await mock?.close();
});

async function admin(path: string, init: RequestInit = {}): Promise<any> {
  const res = await fetch(`${server.base}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
  });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

/** Sends a streaming chat request on a raw socket, reads `frames` SSE data frames, then destroys the socket. */
function streamAndHangUp(key: string, frames: number): Promise<string> {
  const { hostname, port } = new URL(server.base);
  const body = JSON.stringify({
    model: "openai/gpt-4.1-mini",
    stream: true,
    stream_options: { include_usage: true },
    messages: [{ role: "user", content: "Explain everything, at length." }],
  });
  return new Promise((resolve, reject) => {
    let seen = "";
    const socket: Socket = connect(Number(port), hostname, () => {
      socket.write(
        `POST /v1/chat/completions HTTP/1.1\r\nhost: ${hostname}\r\nauthorization: Bearer ${key}\r\n` +
          `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    });
    socket.on("data", (chunk) => {
      seen += chunk.toString();
      if ((seen.match(/data: /g) ?? []).length >= frames) {
        socket.destroy(); // the client goes away: no FIN handshake, no more reads
        resolve(seen);
      }
    });
    socket.on("error", reject);
    socket.setTimeout(20_000, () => reject(new Error(`no ${frames} frames:\n${seen}`)));
  });
}

describe("a client that closes its socket mid-stream", () => {
  it("is charged the provider's usage for the whole answer, and its budget reservation is settled", async () => {
    const key = await admin("/admin/keys", {
      method: "POST",
      body: JSON.stringify({ name: "hangs-up", policy: { budget_usd: { daily: 1 } } }),
    });
    const head = await streamAndHangUp(key.key, 5);
    expect(head).toContain("HTTP/1.1 200");
    expect(head).not.toContain("[DONE]");

    // The upstream answer takes ~3 s more; the router reads it to its usage, then settles.
    let row: any;
    for (let i = 0; i < 100; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      row = (await admin("/v1/router/stats?days=1")).by_key[key.id];
      if (row?.charges?.served && row.budget.reserved_today_usd === 0) break;
    }
    expect(row.charges.served).toMatchObject({ attempts: 1, estimated_attempts: 0 });
    // gpt-4.1-mini: $1.60 per million output tokens; 600 of them were billed, not the few the client read.
    expect(row.cost_usd).toBeGreaterThanOrEqual((600 * 1.6) / 1e6);
    expect(row.budget.spent_today_usd).toBeCloseTo(row.cost_usd, 9);
    expect(row.budget.reserved_today_usd).toBe(0);
  }, 60_000);
});
