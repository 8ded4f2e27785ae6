// The request mix of `npm run bench:load` and the rule that decides, for every response, whether
// it was answered (a complete answer), refused well (a well-formed error) or lost.
//
// "Lost" means: no response at all (connection error, reset, or nothing within the client's
// timeout), or a response that is neither
//   - a complete answer: 200 with a chat.completion JSON that has choices (non-stream), or a 200
//     SSE stream ending with `data: [DONE]` (stream); nor
//   - a well-formed error: status >= 400 with the OpenAI envelope {"error":{"message","type",…}},
//     or a 200 stream that ends with an SSE `error` event instead of [DONE].
import type { AutocannonRequest } from "autocannon";

export interface Tally {
  answered: number;
  wellFormedErrors: number;
  lost: number;
  statuses: Record<string, number>;
  /** A few lost responses, for the report. */
  lostSamples: string[];
}

export const newTally = (): Tally => ({ answered: 0, wellFormedErrors: 0, lost: 0, statuses: {}, lostSamples: [] });

function isEnvelope(body: string): boolean {
  try {
    const error = (JSON.parse(body) as { error?: { message?: unknown; type?: unknown } }).error;
    return typeof error?.message === "string" && typeof error.type === "string";
  } catch {
    return false;
  }
}

export function classify(status: number, body: string, stream: boolean): "answered" | "error" | "lost" {
  if (status >= 400) return isEnvelope(body) ? "error" : "lost";
  if (status !== 200) return "lost";
  if (stream) {
    const end = body.trimEnd();
    if (end.endsWith("data: [DONE]")) return "answered";
    const last = end.slice(end.lastIndexOf("data: ") + 6);
    return isEnvelope(last) ? "error" : "lost";
  }
  try {
    const parsed = JSON.parse(body) as { object?: unknown; choices?: unknown[] };
    return parsed.object === "chat.completion" && (parsed.choices?.length ?? 0) > 0 ? "answered" : "lost";
  } catch {
    return "lost";
  }
}

function record(tally: Tally, status: number, body: string, stream: boolean): void {
  tally.statuses[status] = (tally.statuses[status] ?? 0) + 1;
  const verdict = classify(status, body, stream);
  if (verdict === "answered") tally.answered++;
  else if (verdict === "error") tally.wellFormedErrors++;
  else {
    tally.lost++;
    if (tally.lostSamples.length < 5) tally.lostSamples.push(`${status}: ${body.slice(0, 200)}`);
  }
}

const SIMPLE = "What is the capital of France?";
const COMPLEX =
  "Prove that there are infinitely many prime numbers, then explain step by step how the proof changes " +
  "if we only consider primes of the form 4k+3. Write the argument rigorously, define every term you use, " +
  "and finish with a short Python function that checks the claim for all primes below a bound n.";
const HISTORY = [
  { role: "system", content: "You are a concise assistant." },
  { role: "user", content: "Summarise the plot of Hamlet in two sentences." },
  { role: "assistant", content: "Prince Hamlet seeks revenge for his father's murder. Nearly everyone dies." },
  { role: "user", content: "Now in one sentence." },
];

interface Shape {
  stream: boolean;
  body: Record<string, unknown>;
}

/** Four shapes, cycled by every connection: short, long, streamed, a conversation (sticky state). */
const SHAPES: Shape[] = [
  { stream: false, body: { messages: [{ role: "user", content: SIMPLE }] } },
  { stream: false, body: { messages: [{ role: "user", content: COMPLEX }] } },
  {
    stream: true,
    body: { stream: true, stream_options: { include_usage: true }, messages: [{ role: "user", content: SIMPLE }] },
  },
  { stream: false, body: { messages: HISTORY } },
];

/** Requests through the router (`model: auto`, a client key). */
export function routerRequests(key: string, tally: Tally): AutocannonRequest[] {
  return SHAPES.map((shape) => ({
    method: "POST",
    path: "/v1/chat/completions",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({ model: "auto", ...shape.body }),
    onResponse: (status, body) => record(tally, status, body, shape.stream),
  }));
}

/** The same requests straight to the mock upstream (the baseline), for one concrete model. */
export function directRequests(tally: Tally): AutocannonRequest[] {
  return SHAPES.map((shape) => ({
    method: "POST",
    path: "/v1/chat/completions",
    headers: { "content-type": "application/json", authorization: "Bearer bench" },
    body: JSON.stringify({ model: "gpt-4.1-nano", ...shape.body }),
    onResponse: (status, body) => record(tally, status, body, shape.stream),
  }));
}
