// Which conversation a request belongs to: the caller's id (x-router-conversation-id or
// router.conversation_id), else a hash of the conversation's opening (system prompt + first user
// turn), which every later turn repeats verbatim. A request without history and without an id
// has no conversation state to read.
import type { CanonicalMessage, CanonicalRequest } from "../schema/canonical";

/** Only the first characters of each opening message are hashed (long prompts stay cheap). */
const HASHED_CHARS = 4096;

/** Two 32-bit FNV-1a passes with different seeds: 64 bits, no allocation, no async crypto. */
export function hash64(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995);
  }
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}

const textOf = (message: CanonicalMessage): string => {
  if (message.role === "user")
    return message.content.map((part) => (part.type === "text" ? part.text : part.url)).join("\n");
  return message.content ?? "";
};

export const hasHistory = (request: CanonicalRequest) => request.messages.some((m) => m.role === "assistant");

export interface ConversationRef {
  key: string;
  /** The conversation has earlier turns, so there may be state to read. */
  hasHistory: boolean;
}

export function conversationRef(
  request: CanonicalRequest,
  explicitId: string | undefined,
): ConversationRef | undefined {
  const history = hasHistory(request);
  if (explicitId) return { key: `id:${explicitId}`, hasHistory: history };
  if (!history) return undefined;
  const system = request.messages.find((m) => m.role === "system");
  const firstUser = request.messages.find((m) => m.role === "user");
  const opening = [system, firstUser].map((m) => (m ? textOf(m).slice(0, HASHED_CHARS) : "")).join("\u0000");
  return { key: `h:${hash64(opening)}`, hasHistory: true };
}

/** Input tokens before the last user turn: the prefix a provider's prompt cache may hold. */
export function historyPrefixChars(request: CanonicalRequest): number {
  let last = -1;
  request.messages.forEach((m, i) => {
    if (m.role === "user") last = i;
  });
  let chars = 0;
  for (let i = 0; i < last; i++) chars += textOf(request.messages[i]!).length;
  return chars;
}
