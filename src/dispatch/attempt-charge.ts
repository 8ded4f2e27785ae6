// What an upstream attempt costs the operator, as dispatch knows it: the provider's usage when it
// reported some; otherwise an estimate from what the attempt produced (the record stage prices it
// with the request's input estimate). An attempt the provider answered with an HTTP error costs
// nothing and has no charge. `outputUnseen`: the provider may have generated output the router never
// read (a timed-out attempt): priced at the request's predicted output.
import type { CanonicalResponse, StreamPart, Usage } from "../schema/canonical.ts";

export type AttemptCharge =
  { basis: "usage"; usage: Usage } | { basis: "estimate"; outputChars: number; outputUnseen?: boolean };

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
