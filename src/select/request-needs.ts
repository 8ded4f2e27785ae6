// Capabilities a request needs from the model that serves it.
import type { CanonicalRequest } from "../schema/canonical.ts";
import type { Capability } from "../schema/router-options.ts";

export function requestNeeds(request: CanonicalRequest): Capability[] {
  const needs: Capability[] = [];
  if (request.tools && request.tools.length > 0) needs.push("tools");
  if (request.messages.some((m) => m.role === "user" && m.content.some((part) => part.type === "image"))) {
    needs.push("vision");
  }
  const format = request.responseFormat?.type;
  if (format === "json_object" || format === "json_schema") needs.push("json");
  if (request.stream) needs.push("streaming");
  if (request.logprobs) needs.push("logprobs");
  if (request.webSearch) needs.push("web_search");
  return needs;
}
