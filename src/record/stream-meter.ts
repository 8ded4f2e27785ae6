// Passes canonical stream parts through unchanged while noting when the first content arrived, how
// much output there was, when the stream ended and the final usage. `onEnd` runs once: on
// completion, on an error part, or after the client went away.
//
// A client that disconnects does not end the upstream answer's cost: the provider bills what it
// generates. So when the client cancels, the meter keeps reading the upstream (through the same
// chain: look-ahead, idle timeouts, learning) until the provider's usage arrives, for at most
// DRAIN_AFTER_DISCONNECT_MS, and only then closes it; if the usage never comes, the caller charges
// an estimate from the output seen. The Worker is kept alive for this by a waitUntil registered
// when the stream starts (the runtime allows background work for a limited time after a response).
import type { StreamPart, Usage } from "../schema/canonical.ts";

/** The longest the upstream is read after the client went away, waiting for its usage. */
export const DRAIN_AFTER_DISCONNECT_MS = 20_000;

export interface StreamMeter {
  firstTokenAt: number | undefined;
  endAt: number;
  usage: Usage | undefined;
  /** Characters of output seen (text, reasoning, tool calls), read after a disconnect included. */
  outputChars: number;
  completed: boolean;
  /** The client went away before the end (the upstream was read on without it). */
  disconnected: boolean;
}

export interface MeterOptions {
  waitUntil: (promise: Promise<unknown>) => void;
  drainMs?: number;
}

function contentChars(part: StreamPart): number {
  if (part.type === "text-delta" || part.type === "reasoning-delta") return part.text.length;
  if (part.type === "tool-call-delta") return (part.name?.length ?? 0) + part.argumentsDelta.length;
  return 0;
}

function readWithin<T>(reader: ReadableStreamDefaultReader<T>, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), ms)));
  return Promise.race([reader.read(), timeout]).finally(() => {
    if (timer !== undefined) clearTimeout(timer);
  });
}

export function meterStream(
  parts: ReadableStream<StreamPart>,
  now: () => number,
  onEnd: (meter: StreamMeter) => void,
  options: MeterOptions,
): ReadableStream<StreamPart> {
  const reader = parts.getReader();
  let firstTokenAt: number | undefined;
  let usage: Usage | undefined;
  let outputChars = 0;
  let ended = false;
  let cancelled = false;
  let finished!: () => void;
  options.waitUntil(new Promise<void>((resolve) => (finished = resolve)));

  const observe = (part: StreamPart) => {
    const chars = contentChars(part);
    if (chars > 0 && firstTokenAt === undefined) firstTokenAt = now();
    outputChars += chars;
    if (part.type === "usage") usage = part.usage;
  };
  const end = (completed: boolean, disconnected: boolean) => {
    if (ended) return;
    ended = true;
    try {
      onEnd({ firstTokenAt, endAt: now(), usage, outputChars, completed, disconnected });
    } catch (error) {
      console.error(JSON.stringify({ level: "error", event: "accounting_failed", error: String(error) }));
    } finally {
      finished();
    }
  };

  async function drain() {
    const deadline = now() + (options.drainMs ?? DRAIN_AFTER_DISCONNECT_MS);
    try {
      while (usage === undefined && !ended) {
        const left = deadline - now();
        if (left <= 0) break;
        const read = await readWithin(reader, left);
        if (read === "timeout" || read.done) break;
        observe(read.value);
        if (read.value.type === "error") break;
      }
    } catch {
      // The upstream broke while nobody was listening: what was seen is what can be charged.
    }
    await reader.cancel().catch(() => undefined); // closes the upstream if it is still open
    end(false, true);
  }

  return new ReadableStream<StreamPart>(
    {
      async pull(controller) {
        let result: ReadableStreamReadResult<StreamPart>;
        try {
          result = await reader.read();
        } catch (error) {
          end(false, false);
          throw error;
        }
        if (cancelled) {
          if (!result.done) observe(result.value); // read for a client that has gone: still counts
          return;
        }
        if (result.done) {
          controller.close();
          end(true, false);
          return;
        }
        observe(result.value);
        controller.enqueue(result.value);
        if (result.value.type === "error") end(false, false);
      },
      cancel() {
        cancelled = true;
        if (!ended) void drain();
      },
    },
    { highWaterMark: 0 },
  );
}
