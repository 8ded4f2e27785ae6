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
