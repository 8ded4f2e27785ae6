// Nesting depth of a JSON text, checked before JSON.parse so a hostile body (100,000 nested
// arrays) is refused in one linear pass and never reaches a recursive walk. Strings are skipped
// with indexOf, so the cost is dominated by the structure, not the prompt text.
import { invalidRequest } from "../errors.ts";

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACKET = 91;
const OPEN_BRACE = 123;
const CLOSE_BRACKET = 93;
const CLOSE_BRACE = 125;

/** Index of the quote that closes the string opened at `start` (or -1). */
function stringEnd(text: string, start: number): number {
  let at = start;
  for (;;) {
    at = text.indexOf('"', at + 1);
    if (at < 0) return -1;
    let slashes = 0;
    for (let i = at - 1; text.charCodeAt(i) === BACKSLASH; i--) slashes++;
    if (slashes % 2 === 0) return at;
  }
}

/** The deepest nesting in `text`, stopping early once `limit` is passed. Malformed text is left to JSON.parse. */
export function jsonDepth(text: string, limit = Infinity): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      const end = stringEnd(text, i);
      if (end < 0) return max;
      i = end;
    } else if (code === OPEN_BRACKET || code === OPEN_BRACE) {
      depth++;
      if (depth > max) max = depth;
      if (max > limit) return max;
    } else if (code === CLOSE_BRACKET || code === CLOSE_BRACE) {
      depth--;
    }
  }
  return max;
}

export function checkJsonDepth(text: string, maxDepth: number): void {
  if (jsonDepth(text, maxDepth) > maxDepth) {
    throw invalidRequest(
      `The JSON body nests deeper than the router's limit of ${maxDepth} levels.`,
      null,
      "json_too_deep",
    );
  }
}
