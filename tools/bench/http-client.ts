// A lean benchmark client over node:http with keep-alive: one connection per target, so every
// gateway is measured on a warm connection the same way. Times whole responses and, for streams,
// the time to the first SSE event that carries answer text.
import { Agent, request, type IncomingHttpHeaders } from "node:http";

export interface Target {
  name: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  /** A body per request instead of `body` (e.g. a new conversation every time). */
  nextBody?: () => string;
}

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  /** Milliseconds from sending to the last byte. */
  totalMs: number;
  /** Streams: milliseconds from sending to the first event with non-empty delta content. */
  ttftMs: number | undefined;
  body: string;
}

export function keepAliveAgent(sockets = 1): Agent {
  return new Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
}

/** True when an SSE chunk text contains a `data:` event with non-empty `choices[0].delta.content`. */
export function hasContentEvent(events: string): boolean {
  for (const line of events.split("\n")) {
    if (!line.startsWith("data:")) continue;
    const data = line.slice(5).trim();
    if (data === "[DONE]" || !data.includes('"content"')) continue;
    try {
      const chunk = JSON.parse(data) as { choices?: { delta?: { content?: string | null } }[] };
      if (chunk.choices?.[0]?.delta?.content) return true;
    } catch {
      // a partial line: the caller only passes whole events
    }
  }
  return false;
}

export function send(target: Target, agent: Agent): Promise<Reply> {
  const body = target.nextBody?.() ?? target.body;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let ttftMs: number | undefined;
    const req = request(
      target.url,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          ...target.headers,
        },
      },
      (res) => {
        res.setEncoding("utf8");
        let body = "";
        let scanned = 0;
        const streaming = String(res.headers["content-type"] ?? "").startsWith("text/event-stream");
        res.on("data", (chunk: string) => {
          body += chunk;
          if (streaming && ttftMs === undefined) {
            // Only whole events (terminated by a blank line) are inspected.
            const end = body.lastIndexOf("\n\n");
            if (end > scanned) {
              if (hasContentEvent(body.slice(scanned, end))) ttftMs = performance.now() - started;
              scanned = end;
            }
          }
        });
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            totalMs: performance.now() - started,
            ttftMs,
            body,
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Sends and insists on a 200 (a benchmark of errors measures nothing). */
export async function sendOk(target: Target, agent: Agent): Promise<Reply> {
  const reply = await send(target, agent);
  if (reply.status !== 200) throw new Error(`${target.name}: HTTP ${reply.status}: ${reply.body.slice(0, 300)}`);
  return reply;
}
