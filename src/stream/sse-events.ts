// Upstream SSE bytes -> events, pulled one at a time so back-pressure and client
// cancellation reach the upstream connection (cancelling the reader aborts it).
import { createParser, type EventSourceMessage } from "eventsource-parser";

export async function* sseEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<EventSourceMessage> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const pending: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (event) => pending.push(event) });
  let finished = false;
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
      while (pending.length > 0) yield pending.shift()!;
    }
    parser.feed(decoder.decode());
    // A final event without its blank line is incomplete: the parser drops it, by design.
    while (pending.length > 0) yield pending.shift()!;
    finished = true;
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/** Wraps an async generator as a ReadableStream; cancelling the stream returns the generator. */
export function streamFromGenerator<T>(generator: AsyncGenerator<T>): ReadableStream<T> {
  return new ReadableStream<T>({
    async pull(controller) {
      const { done, value } = await generator.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel() {
      await generator.return(undefined);
    },
  });
}

/** Turns one upstream SSE event into parts; answers false to end the stream after what it emitted. */
export interface SseConverter<T> {
  event(event: EventSourceMessage, emit: (part: T) => void): boolean;
  /** The upstream ended cleanly (after the last event). */
  end(emit: (part: T) => void): void;
  /** Reading the upstream failed (the connection broke). */
  broken(emit: (part: T) => void): void;
}

/**
 * Upstream SSE bytes -> parts in one stream, through a synchronous converter per event: each pull
 * reads upstream bytes until they give at least one part, then hands over every part they gave.
 * The same contract as sseEvents + an async generator, without two generator hops per event (most
 * of the cost of relaying a chunk). Pulled on demand, so back-pressure and a cancel reach the upstream.
 */
export function sseParts<T>(body: ReadableStream<Uint8Array>, converter: SseConverter<T>): ReadableStream<T> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const queue: T[] = [];
  const emit = (part: T) => void queue.push(part);
  let stopped = false; // the converter ended the stream
  let finished = false; // nothing more will be read
  const parser = createParser({
    onEvent: (event) => {
      if (!stopped && !converter.event(event, emit)) stopped = true;
    },
  });
  return new ReadableStream<T>(
    {
      async pull(controller) {
        while (queue.length === 0 && !finished && !stopped) {
          let read: ReadableStreamReadResult<Uint8Array>;
          try {
            read = await reader.read();
          } catch {
            converter.broken(emit);
            finished = true;
            break;
          }
          if (read.done) {
            parser.feed(decoder.decode());
            // A final event without its blank line is incomplete: the parser drops it, by design.
            if (!stopped) converter.end(emit);
            finished = true;
          } else parser.feed(decoder.decode(read.value, { stream: true }));
        }
        for (const part of queue) controller.enqueue(part);
        queue.length = 0;
        if (stopped && !finished) {
          finished = true;
          await reader.cancel().catch(() => undefined);
        }
        if (finished) controller.close();
      },
      async cancel() {
        finished = true;
        await reader.cancel().catch(() => undefined);
      },
    },
    { highWaterMark: 0 },
  );
}
