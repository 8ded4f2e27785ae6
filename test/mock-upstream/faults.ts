// Fault descriptions the mock upstream can inject, per scenario and per request.

/** Bad answers (a healthy HTTP exchange whose content fails the router's answer checks). */
export type BadAnswer = "empty" | "refusal" | "length" | "invalid_json" | "bad_tool_args";

export type Fault =
  /** Answer as the provider answers a wrong API key (its own status and body shape). */
  | { type: "bad_key" }
  /** Answer with this status (and optional body/headers) instead of a real answer. */
  | { type: "status"; status: number; body?: string; headers?: Record<string, string> }
  /** Wait before sending headers, then answer normally. */
  | { type: "delay"; ms: number }
  /** Headers at once, then wait this long before the first stream chunk (fixed TTFT). */
  | { type: "ttft"; ms: number }
  /** Accept the request and never answer. */
  | { type: "hang" }
  /** Close the connection without any response. */
  | { type: "reset" }
  /** Stream: destroy the connection after this many chunks. */
  | { type: "cut"; afterChunks: number }
  /** Stream: stop sending after this many chunks but keep the connection open. */
  | { type: "stall"; afterChunks: number }
  /** A truncated JSON body, or an SSE stream with an unparseable chunk at `afterChunks` (default 1). */
  | { type: "malformed"; afterChunks?: number }
  /** A well-formed answer that is bad: empty, a refusal, cut by length, invalid JSON, bad tool arguments. */
  | { type: "answer"; answer: BadAnswer }
  /** A normal answer with exactly this text (per-model rules make models agree or disagree). */
  | { type: "text"; text: string }
  /** A long answer of about `tokens` tokens (capped at max_tokens like any answer); streams wait `chunkMs` between chunks. */
  | { type: "long"; tokens: number; chunkMs?: number };

export interface FaultRule {
  fault: Fault;
  /** Only requests for this upstream model (default: all). */
  model?: string;
  /** Apply to this many matching requests, then stop (default: every request). */
  times?: number;
  /** Apply with this probability (default 1): for random-fault load tests. */
  probability?: number;
}

export interface Scenario {
  rules: FaultRule[];
  requests: RecordedRequest[];
  /** False: count requests (see counts) without keeping them, for long load runs. */
  keepRequests: boolean;
  /** Requests seen, in total ("requests") and per applied fault type. */
  counts: Record<string, number>;
  /** Seeded, so probabilistic faults hit the same requests on every run. */
  random: () => number;
}

export { seededRandom } from "../../src/util/seeded-random.ts";

export interface RecordedRequest {
  path: string;
  /** The protocol that served it (openai, anthropic, gemini). */
  protocol: string;
  model: string;
  headers: Record<string, string>;
  body: unknown;
  /** Which fault was applied, if any. */
  fault?: Fault["type"];
  /** The mock's 400 message when the request did not match the provider's wire format. */
  invalid?: string;
  /** The client closed the connection before the response was complete (an aborted subrequest). */
  closedEarly?: boolean;
}

/** Picks the fault for a request and consumes one use of a counted rule. */
export function pickFault(scenario: Scenario | undefined, model: string): Fault | undefined {
  if (!scenario) return undefined;
  const random = scenario.random;
  for (const rule of scenario.rules) {
    if (rule.model !== undefined && rule.model !== model) continue;
    if (rule.times !== undefined && rule.times <= 0) continue;
    if (rule.probability !== undefined && random() >= rule.probability) continue;
    if (rule.times !== undefined) rule.times -= 1;
    return rule.fault;
  }
  return undefined;
}
