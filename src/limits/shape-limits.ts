// Size limits on the parsed body, before validation and scoring: message and tool counts, the
// longest string, and the prompt's total characters. Data URLs and base64 payloads (image_url.url,
// input_audio.data, file.file_data) are bounded by the body limit only.
import { invalidRequest } from "../errors.ts";
import { formatPath } from "../schema/parse-request.ts";
import type { InputLimits } from "./limits-config.ts";

const PAYLOAD_FIELDS = new Set(["url", "data", "file_data", "image_url"]);

interface Walk {
  limits: InputLimits;
  total: number;
  path: (string | number)[];
}

function tooLong(walk: Walk, length: number): never {
  const param = formatPath(walk.path) || null;
  throw invalidRequest(
    `${param ? `'${param}'` : "A string"} is ${length} characters long; the router's limit is ${walk.limits.maxStringChars}.`,
    param,
    "string_too_long",
  );
}

function visit(value: unknown, walk: Walk, payload: boolean): void {
  if (typeof value === "string") {
    if (payload) return;
    if (value.length > walk.limits.maxStringChars) tooLong(walk, value.length);
    walk.total += value.length;
    return;
  }
  if (typeof value !== "object" || value === null) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      walk.path.push(i);
      visit(value[i], walk, false);
      walk.path.pop();
    }
    return;
  }
  for (const key of Object.keys(value)) {
    walk.path.push(key);
    if (key.length > walk.limits.maxStringChars) tooLong(walk, key.length);
    walk.total += key.length;
    visit((value as Record<string, unknown>)[key], walk, PAYLOAD_FIELDS.has(key));
    walk.path.pop();
  }
}

/** Throws a 400 naming the first limit the body breaks. Call only on depth-checked JSON. */
export function checkShape(body: unknown, limits: InputLimits): void {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return; // left to the schema
  // Chat and Anthropic Messages send `messages`; the Responses API sends `input` items.
  const { tools } = body as { tools?: unknown };
  const messages = (body as { messages?: unknown }).messages ?? (body as { input?: unknown }).input;
  if (Array.isArray(messages) && messages.length > limits.maxMessages) {
    throw invalidRequest(
      `'messages' has ${messages.length} entries; the router's limit is ${limits.maxMessages}.`,
      "messages",
      "too_many_messages",
    );
  }
  if (Array.isArray(tools) && tools.length > limits.maxTools) {
    throw invalidRequest(
      `'tools' has ${tools.length} entries; the router's limit is ${limits.maxTools}.`,
      "tools",
      "too_many_tools",
    );
  }
  const walk: Walk = { limits, total: 0, path: [] };
  visit(body, walk, false);
  if (walk.total > limits.maxTextChars) {
    throw invalidRequest(
      `The request has ${walk.total} characters of text; the router's limit is ${limits.maxTextChars}.`,
      "messages",
      "prompt_too_long",
    );
  }
}
