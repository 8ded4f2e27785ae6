// Refusing what a provider cannot carry: a 400 in the OpenAI envelope that names the
// parameter. Dispatch treats it as "this candidate cannot serve the request" and moves on;
// when no candidate can, the client gets this error.
import { RouterError } from "../errors.ts";
import type { CanonicalRequest } from "../schema/canonical.ts";
import type { ProviderCapabilities } from "./types.ts";

export function unsupportedParameter(provider: string, param: string, why = "is not supported"): RouterError {
  return new RouterError(`Provider ${provider}: '${param}' ${why}.`, {
    status: 400,
    type: "invalid_request_error",
    param,
    code: "unsupported_parameter",
  });
}

export const isUnsupportedParameter = (error: unknown): error is RouterError =>
  error instanceof RouterError && error.code === "unsupported_parameter";

/** Output constraints the selector routes only to declaring models; an adapter that cannot carry them refuses. */
export function refuseOutputConstraints(provider: string, request: CanonicalRequest) {
  if (request.logprobs) throw unsupportedParameter(provider, "logprobs");
  if (request.webSearch) throw unsupportedParameter(provider, "web_search_options");
}

/** Parameters that change the answer's meaning, checked against what the provider declares it can carry. */
export function refuseBeyondCapabilities(provider: string, caps: ProviderCapabilities, request: CanonicalRequest) {
  if (!caps.tools && request.tools && request.tools.length > 0) throw unsupportedParameter(provider, "tools");
  if (!caps.tools && request.toolChoice !== undefined) throw unsupportedParameter(provider, "tool_choice");
  const format = request.responseFormat?.type;
  if (format === "json_schema" && caps.json !== "json_schema") throw unsupportedParameter(provider, "response_format");
  if (format === "json_object" && caps.json === "none") throw unsupportedParameter(provider, "response_format");
  if (!caps.vision) {
    request.messages.forEach((message, index) => {
      if (message.role !== "user") return;
      const part = message.content.findIndex((p) => p.type === "image");
      if (part >= 0)
        throw unsupportedParameter(provider, `messages[${index}].content[${part}]`, "(an image) is not supported");
    });
  }
}
