// Body -> validated ChatRequest, with zod issues turned into one clear OpenAI-style error.
import type * as z from "zod";
import { invalidRequest } from "../errors";
import { chatRequestSchema, type ChatRequest } from "./openai-request";

export async function readJsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
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

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === "number" ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    "",
  );
}

export function issueToError(issue: z.core.$ZodIssue) {
  if (issue.code === "unrecognized_keys") {
    const where = formatPath(issue.path);
    const key = issue.keys[0] ?? "";
    const param = where ? `${where}.${key}` : key;
    return invalidRequest(`Unrecognized request argument supplied: ${param}`, param, "unknown_parameter");
  }
  const param = formatPath(issue.path) || null;
  return invalidRequest(param ? `Invalid '${param}': ${issue.message}` : issue.message, param, "invalid_value");
}

export function parseChatRequest(raw: unknown): ChatRequest {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw invalidRequest("The request body must be a JSON object.", null, "invalid_json");
  }
  const result = chatRequestSchema.safeParse(raw);
  if (!result.success) {
    const first = result.error.issues[0];
    throw first ? issueToError(first) : invalidRequest("Invalid request body.");
  }
  return result.data;
}
