import { describe, expect, it } from "vitest";
import type { CanonicalMessage, CanonicalRequest } from "../schema/canonical.ts";
import { hash64 } from "../util/hash.ts";
import { conversationRef, historyPrefixChars } from "./conversation-key.ts";

const user = (text: string): CanonicalMessage => ({ role: "user", content: [{ type: "text", text }] });
const assistant = (text: string): CanonicalMessage => ({ role: "assistant", content: text, toolCalls: [] });
const req = (...messages: CanonicalMessage[]): CanonicalRequest => ({ messages, stream: false, includeUsage: false });

const tool = (content: string): CanonicalMessage => ({ role: "tool", toolCallId: "call_1", content });
const toolCall = (): CanonicalMessage => ({
  role: "assistant",
  content: null,
  toolCalls: [{ id: "call_1", name: "lookup", arguments: "{}" }],
});

describe("conversationRef", () => {
  it("records a first turn without an id, and reads nothing for it", () => {
    const first = conversationRef(req(user("Prove it")), undefined);
    expect(first?.readKey).toBeUndefined();
    expect(first?.writeKey).toMatch(/^h:[0-9a-f]{16}$/);
  });

  it("uses the caller's id when given; reads only with history", () => {
    expect(conversationRef(req(user("hi")), "abc")).toEqual({ readKey: undefined, writeKey: "id:abc" });
    expect(conversationRef(req(user("hi"), assistant("yo"), user("x")), "abc")).toEqual({
      readKey: "id:abc",
      writeKey: "id:abc",
    });
  });

  it("reads each turn where the turn before it wrote, whatever the replies say", () => {
    const first = conversationRef(req(user("Prove it")), undefined)!;
    const second = conversationRef(req(user("Prove it"), assistant("Proof…"), user("thanks")), undefined)!;
    const third = conversationRef(
      req(user("Prove it"), assistant("a differently serialised proof"), user("thanks"), assistant("ok"), user("more")),
      undefined,
    )!;
    expect(second.readKey).toBe(first.writeKey);
    expect(third.readKey).toBe(second.writeKey);
    expect(second.writeKey).not.toBe(first.writeKey);
  });

  it("tells conversations apart by their earlier turns, not only their opening", () => {
    const a = conversationRef(
      req(user("hi"), assistant("hello"), user("Prove it"), assistant("…"), user("ok")),
      undefined,
    );
    const b = conversationRef(
      req(user("hi"), assistant("hello"), user("thanks"), assistant("…"), user("ok")),
      undefined,
    );
    expect(a?.readKey).not.toBe(b?.readKey);
  });

  it("a tool result continues the current turn: it reads where the tool call was recorded", () => {
    const call = conversationRef(req(user("Look it up")), undefined)!;
    const result = conversationRef(req(user("Look it up"), toolCall(), tool("42")), undefined)!;
    expect(result.readKey).toBe(call.writeKey);
    expect(result.writeKey).toBe(call.writeKey);
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
