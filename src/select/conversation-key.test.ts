import { describe, expect, it } from "vitest";
import type { CanonicalMessage, CanonicalRequest } from "../schema/canonical";
import { conversationRef, hash64, historyPrefixChars } from "./conversation-key";

const user = (text: string): CanonicalMessage => ({ role: "user", content: [{ type: "text", text }] });
const assistant = (text: string): CanonicalMessage => ({ role: "assistant", content: text, toolCalls: [] });
const req = (...messages: CanonicalMessage[]): CanonicalRequest => ({ messages, stream: false, includeUsage: false });

describe("conversationRef", () => {
  it("has no conversation for a first turn without an id", () => {
    expect(conversationRef(req(user("hi")), undefined)).toBeUndefined();
  });

  it("uses the caller's id when given, with or without history", () => {
    expect(conversationRef(req(user("hi")), "abc")).toEqual({ key: "id:abc", hasHistory: false });
  });

  it("gives every later turn of a conversation the same key", () => {
    const second = conversationRef(req(user("Prove it"), assistant("Proof…"), user("thanks")), undefined);
    const third = conversationRef(
      req(user("Prove it"), assistant("Proof…"), user("thanks"), assistant("welcome"), user("one more")),
      undefined,
    );
    expect(second?.hasHistory).toBe(true);
    expect(second?.key).toBe(third?.key);
    expect(conversationRef(req(user("Other"), assistant("x"), user("y")), undefined)?.key).not.toBe(second?.key);
  });

  it("measures the history before the last user turn", () => {
    expect(historyPrefixChars(req(user("abcd"), assistant("efgh"), user("ij")))).toBe(8);
  });

  it("hashes to 16 hex characters, stably", () => {
    expect(hash64("hello")).toMatch(/^[0-9a-f]{16}$/);
    expect(hash64("hello")).toBe(hash64("hello"));
    expect(hash64("hello")).not.toBe(hash64("hellp"));
  });
});
