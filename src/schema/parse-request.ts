// Request validation for every route: a body (or part of one) against its zod schema, the first
// issue turned into one clear 400 in the OpenAI envelope. Routes choose how an issue is worded
// (issueToError, or sectionIssue for an admin body's named section); the validation is this one.
import type * as z from "zod";
import { invalidRequest, type RouterError } from "../errors.ts";
import { chatRequestSchema, type ChatRequest } from "./openai-request.ts";
import { plainChatRequest } from "./plain-chat-request.ts";

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

/** How a route words a validation issue. */
export type IssueError = (issue: z.core.$ZodIssue) => RouterError;

/** The default wording: the parameter's path, and OpenAI's codes (unknown_parameter, invalid_value). */
export function issueToError(issue: z.core.$ZodIssue): RouterError {
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

/**
 * An admin body's named section (settings, calibration, catalog): "Invalid <what>: <path>: <message>",
 * code invalid_<what>. `path` formats the issue's path (default: `a.b[0]`).
 */
export const sectionIssue =
  (what: string, path: (keys: readonly PropertyKey[]) => string = formatPath): IssueError =>
  (issue) => {
    const where = path(issue.path);
    return invalidRequest(
      `Invalid ${what}: ${where ? `${where}: ` : ""}${issue.message}`,
      where || null,
      `invalid_${what}`,
    );
  };

/** Validates `raw` against `schema`: the data, or the first issue as a 400 (worded by `toError`). */
export function validate<T>(schema: z.ZodType<T>, raw: unknown, toError: IssueError = issueToError): T {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  throw first ? toError(first) : invalidRequest("Invalid request body.");
}

/** A request body: a JSON object valid against its wire format's (or route's) schema. */
export function parseBody<T>(schema: z.ZodType<T>, raw: unknown, toError: IssueError = issueToError): T {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw invalidRequest("The request body must be a JSON object.", null, "invalid_json");
  }
  return validate(schema, raw, toError);
}

/** A chat request: the common plain shape without zod (plain-chat-request.ts), anything else by the schema. */
export function parseChatRequest(raw: unknown): ChatRequest {
  if (typeof raw === "object" && raw !== null && !Array.isArray(raw)) {
    const plain = plainChatRequest(raw as Record<string, unknown>);
    if (plain) return plain;
  }
  return parseBody(chatRequestSchema, raw);
}
