// Charges of upstream attempts (schema/facts.ts: AttemptCharge), as dispatch knows them: the
// provider's usage when it reported some, else the output an attempt produced.
import type { CanonicalResponse, StreamPart } from "../schema/canonical.ts";
import type { AttemptCharge } from "../schema/facts.ts";

export const estimated = (outputChars: number, outputUnseen = false): AttemptCharge =>
  outputUnseen ? { basis: "estimate", outputChars, outputUnseen } : { basis: "estimate", outputChars };

/** Characters of output in a whole response (text, reasoning and tool-call arguments). */
export function responseChars(response: CanonicalResponse): number {
  let chars = (response.content ?? "").length + (response.reasoning ?? "").length;
  for (const call of response.toolCalls) chars += call.name.length + call.arguments.length;
  return chars;
}

export const responseCharge = (response: CanonicalResponse): AttemptCharge =>
  response.usage ? { basis: "usage", usage: response.usage } : estimated(responseChars(response));

/** Characters of output in stream parts (what a dropped or cut stream had produced). */
export function partChars(parts: readonly StreamPart[]): number {
  let chars = 0;
  for (const part of parts) {
    if (part.type === "text-delta" || part.type === "reasoning-delta") chars += part.text.length;
    else if (part.type === "tool-call-delta") chars += (part.name?.length ?? 0) + part.argumentsDelta.length;
  }
  return chars;
}
