// HTTP fuzzing through the Worker's real entrypoint — its default export's fetch(request, env, ctx),
// called as workerd calls it, with the test env's real bindings — thousands of generated
// malformed and hostile requests, a fixed seed, zero 5xx, every error in the OpenAI envelope,
// background work (ctx.waitUntil) that never rejects, and a router that still answers normally
// afterwards, also through workerd's own dispatch (SELF). A keys-mode pass checks that no hostile
// credential is ever let in. (SELF itself is not used for the bulk: in vitest-pool-workers 0.23
// each SELF call gets slower as calls accumulate — 2.5 ms to 28 ms per /healthz over 400 calls.)
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../src/index.ts";
import { seededRandom } from "./mock-upstream/faults.ts";
import { fuzzRequest, type FuzzRequest } from "./fixtures/fuzz-requests.ts";
import { callWorker, chatBody, jsonPost, testEnv } from "./helpers.ts";
import { keysRouter } from "./key-helpers.ts";

const SEED = 0x7e1a6e;
const COUNT = 2_500;

/** The default export, as workerd invokes it; waits for the request's background work too. */
async function entrypoint(path: string, init?: RequestInit): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`http://router.test${path}`, init), testEnv, ctx);
  const body = await res.arrayBuffer();
  await waitOnExecutionContext(ctx);
  return new Response(res.status === 204 || res.status === 304 ? null : body, {
    status: res.status,
    headers: res.headers,
  });
}

interface Finding {
  index: number;
  kind: string;
  method: string;
  path: string;
  status: number;
  detail: string;
}

async function send(call: (path: string, init?: RequestInit) => Response | Promise<Response>, request: FuzzRequest) {
  let init: RequestInit;
  try {
    init = {
      method: request.method,
      headers: request.headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
    };
    new Request(`http://router.test${request.path}`, init); // what the platform itself refuses never reaches a Worker
  } catch {
    return undefined;
  }
  return call(request.path, init);
}

async function problem(request: FuzzRequest, res: Response): Promise<string | undefined> {
  if (res.status >= 500) return `status ${res.status}: ${(await res.text()).slice(0, 300)}`;
  if (!res.headers.get("x-router-request-id")) return "no request id";
  if (res.status < 400 || request.method.toUpperCase() === "HEAD") {
    await res.body?.cancel();
    return undefined;
  }
  const text = await res.text();
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown; type?: unknown } };
    if (typeof body.error?.message !== "string" || typeof body.error.type !== "string")
      return `not an envelope: ${text.slice(0, 200)}`;
    if (body.error.message.length > 1_000) return `a ${body.error.message.length}-character error message`;
  } catch {
    return `not JSON: ${text.slice(0, 200)}`;
  }
  return undefined;
}

describe("HTTP fuzzing", () => {
  it(
    `answers ${COUNT} hostile requests (seed ${SEED}) with no 5xx and well-formed errors, then routes normally`,
    { timeout: 60_000 },
    async () => {
      const rand = seededRandom(SEED);
      const findings: Finding[] = [];
      const statuses = new Map<number, number>();
      let sent = 0;
      for (let index = 0; index < COUNT; index++) {
        const request = fuzzRequest(rand);
        const res = await send(entrypoint, request);
        if (!res) continue;
        sent++;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const detail = await problem(request, res);
        if (detail)
          findings.push({
            index,
            kind: request.kind,
            method: request.method,
            path: request.path.slice(0, 80),
            status: res.status,
            detail,
          });
      }
      expect(findings.slice(0, 5)).toEqual([]);
      // The generator must really exercise the router: most requests sent, and a spread of outcomes.
      expect(sent).toBeGreaterThan(COUNT * 0.9);
      for (const status of [200, 400, 401, 404, 413])
        expect(statuses.get(status) ?? 0, `status ${status}`).toBeGreaterThan(0);

      const health = await callWorker("/healthz");
      expect(health.status).toBe(200);
      const chat = await callWorker("/v1/chat/completions", jsonPost(chatBody("hi")));
      expect(chat.status).toBe(200);
      expect(((await chat.json()) as any).object).toBe("chat.completion");
    },
  );

  it("lets no hostile credential in (keys mode)", { timeout: 30_000 }, async () => {
    const router = keysRouter();
    const { key } = await router.mint();
    const rand = seededRandom(SEED + 1);
    let refused = 0;
    for (let index = 0; index < 500; index++) {
      const request = fuzzRequest(rand);
      const res = await send(router.call, { ...request, path: "/v1/chat/completions", method: "POST" });
      if (!res) continue;
      expect(res.status, `${request.kind} #${index}`).toBe(401);
      await res.body?.cancel();
      refused++;
    }
    expect(refused).toBeGreaterThan(400);
    expect((await router.chat(key, chatBody("hi"))).status).toBe(200);
  });
});
