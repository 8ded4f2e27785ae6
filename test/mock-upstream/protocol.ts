// What the mock server needs from each provider wire format.
import type { MockAnswer, MockTurn } from "./answers.ts";

export interface MockProtocol {
  name: string;
  /** Returns the requested model if this protocol serves the path, else undefined. */
  route(path: string, query: URLSearchParams, body: unknown): { model: string; stream: boolean } | undefined;
  /**
   * Checks the request against the provider's documented wire format; a message means the
   * real API would answer 400, and so does the mock (so translation bugs surface in tests).
   */
  validate(
    body: unknown,
    headers: Record<string, string>,
    query: URLSearchParams,
    route: { model: string; stream: boolean },
  ): string | undefined;
  /** Extracts the conversation facts the answer depends on. */
  turn(body: unknown): MockTurn;
  /** Whether the request carries a credential at all. */
  authorized(headers: Record<string, string>): boolean;
  json(answer: MockAnswer, model: string, turn: MockTurn): unknown;
  /** Complete SSE frames ("data: …\n\n" or "event: …\ndata: …\n\n"), in order. */
  frames(answer: MockAnswer, model: string, turn: MockTurn): string[];
  errorBody(status: number, message: string): unknown;
  /** How this provider answers a wrong API key, exactly as the real API does (status, body, headers). */
  badCredential: { status: number; body: unknown; headers?: Record<string, string> };
  /** A frame that is not valid for this protocol. */
  malformedFrame: string;
}
