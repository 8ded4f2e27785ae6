// A real HTTP server on loopback that speaks providers' wire formats, answers
// deterministically and injects faults. Used by the tests, `npm run dev` and the benchmarks.
//
// Scenarios isolate concurrent tests: a request to /s/<id>/v1/... uses scenario <id>'s
// fault rules and is recorded there. Control API:
//   PUT    /__mock/scenarios/<id>   body: { rules: FaultRule[] }   (resets its request log)
//   GET    /__mock/scenarios/<id>/requests
//   GET    /__mock/scenarios/<id>/summary   request and fault counts ({ keepRequests: false } keeps only these)
//   DELETE /__mock/scenarios/<id>
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { answerFor, capAnswer, longAnswer } from "./answers.ts";
import { pickFault, seededRandom, type Fault, type FaultRule, type RecordedRequest, type Scenario } from "./faults.ts";
import { anthropicProtocol } from "./anthropic-protocol.ts";
import { geminiProtocol } from "./gemini-protocol.ts";
import { openAIProtocol } from "./openai-protocol.ts";
import type { MockProtocol } from "./protocol.ts";

export interface MockUpstream {
  url: string;
  port: number;
  server: Server;
  scenarios: Map<string, Scenario>;
  close(): Promise<void>;
}

const PROTOCOLS: MockProtocol[] = [openAIProtocol, anthropicProtocol, geminiProtocol];
const SCENARIO_PREFIX = /^\/s\/([A-Za-z0-9_-]+)(\/.*)$/;
const MAX_BODY_BYTES = 8 * 1024 * 1024;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error("body too large"));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

async function handleControl(
  res: ServerResponse,
  method: string,
  path: string,
  raw: string,
  scenarios: Map<string, Scenario>,
) {
  const match = /^\/__mock\/scenarios\/([A-Za-z0-9_-]+)(\/requests|\/summary)?$/.exec(path);
  if (!match) return sendJson(res, 404, { error: "unknown control path" });
  const id = match[1]!;
  if (match[2] === "/requests") return sendJson(res, 200, scenarios.get(id)?.requests ?? []);
  if (match[2] === "/summary") return sendJson(res, 200, scenarios.get(id)?.counts ?? {});
  if (method === "DELETE") {
    scenarios.delete(id);
    return sendJson(res, 200, { ok: true });
  }
  const body = (raw ? JSON.parse(raw) : {}) as { rules?: FaultRule[]; seed?: number; keepRequests?: boolean };
  scenarios.set(id, {
    rules: body.rules ?? [],
    requests: [],
    keepRequests: body.keepRequests ?? true,
    counts: { requests: 0 },
    random: seededRandom(body.seed ?? 1),
  });
  return sendJson(res, 200, { ok: true });
}

/** Writes one chunk and waits until the socket took it, so a following cut really comes after it. */
const writeFlushed = (res: ServerResponse, chunk: string) =>
  new Promise<void>((resolve) => res.write(chunk, () => resolve()));

async function serveProtocol(
  req: IncomingMessage,
  res: ServerResponse,
  protocol: MockProtocol,
  route: { model: string; stream: boolean },
  body: unknown,
  fault: Fault | undefined,
) {
  const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
  if (!protocol.authorized(headers)) {
    return sendJson(res, 401, protocol.errorBody(401, "Missing or invalid API key."));
  }
  switch (fault?.type) {
    case "bad_key": {
      const { status, body: errorBody, headers: extra } = protocol.badCredential;
      return sendJson(res, status, errorBody, extra);
    }
    case "status":
      res.writeHead(fault.status, { "content-type": "application/json", ...fault.headers });
      return res.end(fault.body ?? JSON.stringify(protocol.errorBody(fault.status, `Injected HTTP ${fault.status}.`)));
    case "hang":
      return; // never answer; the socket is destroyed when the client aborts or the server closes
    case "reset":
      return req.socket.destroy();
    case "delay":
      await sleep(fault.ms);
      break;
  }
  const turn = protocol.turn(body);
  const answer = capAnswer(
    fault?.type === "text"
      ? ({ kind: "text", text: fault.text } as const)
      : fault?.type === "long"
        ? longAnswer(route.model, fault.tokens)
        : answerFor(route.model, turn, fault?.type === "answer" ? fault.answer : undefined),
    turn.maxTokens,
  );
  if (!route.stream) {
    if (fault?.type === "malformed") {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end('{"id":"mock","choices":[{"message":{"content":"trunc');
    }
    return sendJson(res, 200, protocol.json(answer, route.model, turn));
  }
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  res.flushHeaders();
  const frames = protocol.frames(answer, route.model, turn);
  if (fault?.type === "ttft") await sleep(fault.ms);
  const malformedAt = fault?.type === "malformed" ? (fault.afterChunks ?? 1) : -1;
  for (let i = 0; i < frames.length; i++) {
    if (res.destroyed) return;
    if (fault?.type === "cut" && i === fault.afterChunks) {
      await sleep(20); // let the client see the chunks before the connection drops
      return req.socket.destroy();
    }
    if (fault?.type === "stall" && i === fault.afterChunks) return; // keep the connection open, send nothing
    if (i === malformedAt) {
      await writeFlushed(res, protocol.malformedFrame);
      continue;
    }
    await writeFlushed(res, frames[i]!);
    if (fault?.type === "long" && fault.chunkMs) await sleep(fault.chunkMs);
  }
  res.end();
}

export async function startMockUpstream(port = 0, host = "127.0.0.1"): Promise<MockUpstream> {
  const scenarios = new Map<string, Scenario>();
  const sockets = new Set<Socket>();
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://mock");
      const raw = await readBody(req);
      if (url.pathname.startsWith("/__mock/"))
        return await handleControl(res, req.method ?? "GET", url.pathname, raw, scenarios);

      const scoped = SCENARIO_PREFIX.exec(url.pathname);
      const scenario = scoped ? scenarios.get(scoped[1]!) : undefined;
      const path = scoped ? scoped[2]! : url.pathname;
      let body: unknown;
      try {
        body = raw ? JSON.parse(raw) : {};
      } catch {
        return sendJson(res, 400, { error: { message: "Invalid JSON body.", type: "invalid_request_error" } });
      }
      for (const protocol of PROTOCOLS) {
        const route = protocol.route(path, url.searchParams, body);
        if (!route) continue;
        const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
        const invalid = protocol.validate(body, headers, url.searchParams, route);
        const fault = invalid ? undefined : pickFault(scenario, route.model);
        const record: RecordedRequest = {
          path,
          protocol: protocol.name,
          model: route.model,
          headers,
          body,
          ...(fault ? { fault: fault.type } : {}),
          ...(invalid ? { invalid } : {}),
        };
        if (scenario) {
          scenario.counts.requests = (scenario.counts.requests ?? 0) + 1;
          if (fault) scenario.counts[fault.type] = (scenario.counts[fault.type] ?? 0) + 1;
          if (scenario.keepRequests) scenario.requests.push(record);
        }
        res.on("close", () => {
          if (!res.writableFinished) record.closedEarly = true;
        });
        if (invalid) return sendJson(res, 400, protocol.errorBody(400, invalid));
        return await serveProtocol(req, res, protocol, route, body, fault);
      }
      sendJson(res, 404, { error: { message: `No mock route for ${path}`, type: "invalid_request_error" } });
    } catch (err) {
      if (!res.headersSent) sendJson(res, 500, { error: { message: String(err), type: "server_error" } });
      else res.destroy();
    }
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    server,
    scenarios,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
