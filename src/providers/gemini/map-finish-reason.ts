import type { FinishReason } from "../../schema/canonical.ts";

/** Gemini finishReason -> OpenAI finish_reason (a function call is reported as STOP by Gemini). */
export function mapGeminiFinishReason(reason: string | null | undefined, calledTools: boolean): FinishReason {
  switch (reason) {
    case "MAX_TOKENS":
      return "length";
    case "SAFETY":
    case "RECITATION":
    case "BLOCKLIST":
    case "PROHIBITED_CONTENT":
    case "SPII":
    case "IMAGE_SAFETY":
      return "content_filter";
    default:
      // STOP, LANGUAGE, OTHER, MALFORMED_FUNCTION_CALL, UNEXPECTED_TOOL_CALL…: the answer
      // checks (empty, bad tool arguments) judge what came back.
      return calledTools ? "tool_calls" : "stop";
  }
}
