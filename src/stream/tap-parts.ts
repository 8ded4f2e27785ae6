// Passes canonical stream parts through unchanged, letting an observer see each part, and calls
// `onEnd` exactly once: completed = true at the clean end, false on an error part, a broken
// upstream or a cancel by the client. Nothing is buffered (highWaterMark 0: pulled on demand).
import type { StreamPart } from "../schema/canonical.ts";

export interface PartTap {
  onPart(part: StreamPart): void;
  onEnd(completed: boolean): void;
  /** Logged when onEnd throws: an observer never breaks the client's stream. */
  failureEvent: string;
}

export function tapParts(parts: ReadableStream<StreamPart>, tap: PartTap): ReadableStream<StreamPart> {
  const reader = parts.getReader();
  let ended = false;
  const end = (completed: boolean) => {
    if (ended) return;
    ended = true;
    try {
      tap.onEnd(completed);
    } catch (error) {
      console.error(JSON.stringify({ level: "error", event: tap.failureEvent, error: String(error) }));
    }
  };
  return new ReadableStream<StreamPart>(
    {
      async pull(controller) {
        let result: ReadableStreamReadResult<StreamPart>;
        try {
          result = await reader.read();
        } catch (error) {
          end(false);
          throw error;
        }
        if (result.done) {
          controller.close();
          end(true);
          return;
        }
        tap.onPart(result.value);
        controller.enqueue(result.value);
        if (result.value.type === "error") end(false);
      },
      async cancel(reason) {
        await reader.cancel(reason).catch(() => undefined);
        end(false);
      },
    },
    { highWaterMark: 0 },
  );
}
