// Anthropic has no response_format: JSON mode is a forced call of one tool whose input
// schema is the requested schema (the approach Anthropic documents for JSON output).
// The tool's input comes back as the answer's text, so clients see plain JSON content.
import type { CanonicalRequest } from "../../schema/canonical.ts";

export const JSON_TOOL_NAME = "json_response";

export function wantsJsonTool(request: CanonicalRequest): boolean {
  const type = request.responseFormat?.type;
  return type === "json_object" || type === "json_schema";
}

export function jsonTool(request: CanonicalRequest) {
  const format = request.responseFormat;
  const schema = format?.type === "json_schema" && format.schema ? format.schema : { type: "object" };
  const description =
    format?.type === "json_schema" && format.description
      ? format.description
      : "Give your complete answer as this tool's input, a JSON object.";
  return { name: JSON_TOOL_NAME, description, input_schema: schema };
}
