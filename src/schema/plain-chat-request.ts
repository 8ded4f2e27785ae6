// The common Chat Completions request (string messages and plain sampling fields) checked without
// zod: zod cannot compile its validators on Workers (no eval), and its generic walk was a large
// share of the router's own time per request. Only requests this file fully understands pass; for
// anything else it answers undefined and the zod schema (openai-request.ts) decides, with its
// error messages. Whatever passes here must pass the schema unchanged: test/node/plain-chat-request.test.ts
// checks that on generated bodies.
import type { ChatRequest } from "./openai-request.ts";

type Check = (value: unknown) => boolean;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const nullish =
  (check: Check): Check =>
  (value) =>
    value === null || check(value);
const inRange =
  (min: number, max: number): Check =>
  (value) =>
    typeof value === "number" && value >= min && value <= max;
const safeInt =
  (min: number, max = Number.MAX_SAFE_INTEGER): Check =>
  (value) =>
    Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;
const isBoolean: Check = (value) => typeof value === "boolean";
const isString: Check = (value) => typeof value === "string";

const ROLES = new Set(["system", "developer", "user", "assistant"]);

/** A message with a role the four text roles share and string content (and optionally a name). */
function plainMessage(value: unknown): boolean {
  if (!isObject(value)) return false;
  let keys = 0;
  for (const key in value) {
    keys++;
    if (key !== "role" && key !== "content" && key !== "name") return false;
  }
  return (
    typeof value.role === "string" &&
    ROLES.has(value.role) &&
    typeof value.content === "string" &&
    (value.name === undefined || typeof value.name === "string") &&
    keys === (value.name === undefined ? 2 : 3)
  );
}

function plainMessages(value: unknown): boolean {
  if (!Array.isArray(value) || value.length === 0) return false;
  for (const message of value) if (!plainMessage(message)) return false;
  return true;
}

function plainStreamOptions(value: unknown): boolean {
  if (!isObject(value)) return false;
  for (const key in value) {
    if (key !== "include_usage" && key !== "include_obfuscation") return false;
    if (typeof value[key] !== "boolean") return false;
  }
  return true;
}

const FIELDS: Record<string, Check> = {
  model: (value) => typeof value === "string" && value.length >= 1 && value.length <= 256,
  messages: plainMessages,
  stream: nullish(isBoolean),
  stream_options: nullish(plainStreamOptions),
  max_tokens: nullish(safeInt(1)),
  max_completion_tokens: nullish(safeInt(1)),
  temperature: nullish(inRange(0, 2)),
  top_p: nullish(inRange(0, 1)),
  n: nullish(safeInt(1, 128)),
  seed: nullish(safeInt(Number.MIN_SAFE_INTEGER)),
  user: nullish(isString),
  presence_penalty: nullish(inRange(-2, 2)),
  frequency_penalty: nullish(inRange(-2, 2)),
};
const hasField = (key: string) => Object.prototype.hasOwnProperty.call(FIELDS, key);

/** `raw` as a ChatRequest when it is a plain one (see above); undefined: let the schema decide. */
export function plainChatRequest(raw: Record<string, unknown>): ChatRequest | undefined {
  if (raw.model === undefined || raw.messages === undefined) return undefined;
  for (const key in raw) {
    if (!hasField(key) || !FIELDS[key]!(raw[key])) return undefined;
  }
  return raw as ChatRequest;
}
