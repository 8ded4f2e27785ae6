// Which conversation a request belongs to: the caller's id (x-router-conversation-id or
// router.conversation_id), else the hash of its earlier turns (see conversationRef).
import type { CanonicalMessage, CanonicalRequest } from "../schema/canonical.ts";
import { hash64 } from "../util/hash.ts";

/** Only the first characters of each opening message are hashed (long prompts stay cheap). */
const HASHED_CHARS = 4096;

const textOf = (message: CanonicalMessage): string => {
  if (message.role === "user")
    return message.content.map((part) => (part.type === "text" ? part.text : part.url)).join("\n");
  return message.content ?? "";
};

export const hasHistory = (request: CanonicalRequest) => request.messages.some((m) => m.role === "assistant");

export interface ConversationRef {
  /** Where this turn's state is read from, when the conversation has earlier turns. */
  readKey: string | undefined;
  /** Where the state after this turn is written (the next turn's readKey). */
  writeKey: string;
}

/** Hash of the system prompt and the given user turns: what every later request repeats verbatim. */
function turnsKey(system: CanonicalMessage | undefined, users: CanonicalMessage[]): string {
  const text = [system, ...users].map((m) => (m ? textOf(m).slice(0, HASHED_CHARS) : "")).join("\u0000");
  return `h:${hash64(text)}`;
}

/**
 * Without an id, a conversation is recognised by its earlier turns: the state after a turn is
 * written under the hash of the system prompt and every user turn so far, and the next request
 * (which repeats them and adds one user turn) reads it there. A request ending in a tool result
 * continues the current turn, so it reads where that turn's tool call was recorded. The first
 * turn is recorded too; only requests with history read. Replies are not hashed: clients
 * re-serialise them (tool arguments, empty contents), and identical user turns route alike anyway.
 */
export function conversationRef(
  request: CanonicalRequest,
  explicitId: string | undefined,
): ConversationRef | undefined {
  const history = hasHistory(request);
  if (explicitId) {
    const key = `id:${explicitId}`;
    return { readKey: history ? key : undefined, writeKey: key };
  }
  const users = request.messages.filter((m) => m.role === "user");
  if (users.length === 0) return undefined;
  const system = request.messages.find((m) => m.role === "system");
  const last = request.messages[request.messages.length - 1];
  const earlier = last?.role === "user" ? users.slice(0, -1) : users;
  return {
    readKey: history && earlier.length > 0 ? turnsKey(system, earlier) : undefined,
    writeKey: turnsKey(system, users),
  };
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
