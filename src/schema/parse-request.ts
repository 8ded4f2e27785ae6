// Body -> validated ChatRequest, with zod issues turned into one clear OpenAI-style error.
import type * as z from "zod";
import { invalidRequest } from "../errors.ts";
import { checkJsonDepth } from "../limits/json-depth.ts";
import { readBodyText } from "../limits/read-body.ts";
import { chatRequestSchema, type ChatRequest } from "./openai-request.ts";

/** Admin bodies (catalogs, LiteLLM price files) may be large, but not unbounded. */
const ADMIN_MAX_BODY_BYTES = 32 * 1024 * 1024;
const ADMIN_MAX_JSON_DEPTH = 64;

export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw invalidRequest(
      "We could not parse the JSON body of your request. The body must be a valid JSON object.",
      null,
      "invalid_json",
    );
  }
}

/**
 * A JSON body within the admin size and depth limits (client requests use limits/read-chat-request.ts).
 * `ifEmpty`: what an empty (or all-whitespace) body stands for, where the route allows one.
 */
export async function readJsonBody(request: Request, ifEmpty?: unknown): Promise<unknown> {
  const text = await readBodyText(request, ADMIN_MAX_BODY_BYTES);
  if (ifEmpty !== undefined && text.trim() === "") return ifEmpty;
  checkJsonDepth(text, ADMIN_MAX_JSON_DEPTH);
  return parseJsonText(text);
}

/** Longest object key echoed back in an error's param (a hostile key can be megabytes long). */
const MAX_ECHOED_KEY = 64;
const clipKey = (key: string) => (key.length > MAX_ECHOED_KEY ? `${key.slice(0, MAX_ECHOED_KEY)}…` : key);

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) =>
      typeof key === "number" ? `${out}[${key}]` : out ? `${out}.${clipKey(String(key))}` : clipKey(String(key)),
    "",
  );
}

export function issueToError(issue: z.core.$ZodIssue): ReturnType<typeof invalidRequest> {
  // A union (a function tool or another tool type): report why the first alternative failed.
  const inner = issue.code === "invalid_union" ? issue.errors[0]?.[0] : undefined;
  if (inner) return issueToError({ ...inner, path: [...issue.path, ...inner.path] });
  if (issue.code === "unrecognized_keys") {
    const where = formatPath(issue.path);
    const key = formatPath([issue.keys[0] ?? ""]);
    const param = where ? `${where}.${key}` : key;
    return invalidRequest(`Unrecognized request argument supplied: ${param}`, param, "unknown_parameter");
  }
  const param = formatPath(issue.path) || null;
  return invalidRequest(param ? `Invalid '${param}': ${issue.message}` : issue.message, param, "invalid_value");
}

/** Validates a request body against a wire format's schema; the first issue becomes the error. */
export function parseBody<T>(schema: z.ZodType<T>, raw: unknown): T {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw invalidRequest("The request body must be a JSON object.", null, "invalid_json");
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const first = result.error.issues[0];
    throw first ? issueToError(first) : invalidRequest("Invalid request body.");
  }
  return result.data;
}

export const parseChatRequest = (raw: unknown): ChatRequest => parseBody(chatRequestSchema, raw);
