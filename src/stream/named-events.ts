// Canonical parts -> named SSE events (`event: <type>` and JSON data carrying the same `type`), the
// shape of the Responses API and Anthropic Messages streams. A format turns each part into zero or
// more events; parts are read only once the client has taken every event written so far.
import type { StreamPart } from "../schema/canonical.ts";

const encoder = new TextEncoder();

export interface EventFormat {
  /** Events that open the stream. */
  start(): void;
  /** Events for one part; false ends the stream (after a failure the format reported). */
  part(part: StreamPart): boolean;
  /** Events that close a stream whose parts ended normally. */
  end(): void;
}

export class NamedEvents {
  private frames: Uint8Array[] = [];

  emit(type: string, payload: Record<string, unknown>): void {
    this.frames.push(encoder.encode(`event: ${type}\ndata: ${JSON.stringify({ type, ...payload })}\n\n`));
  }

  stream(parts: ReadableStream<StreamPart>, format: EventFormat): ReadableStream<Uint8Array> {
    const reader = parts.getReader();
    let started = false;
    const flush = (controller: ReadableStreamDefaultController<Uint8Array>) => {
      for (const frame of this.frames) controller.enqueue(frame);
      this.frames = [];
    };
    return new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        if (!started) {
          started = true;
          format.start();
        }
        while (this.frames.length === 0) {
          const { done, value } = await reader.read();
          const goOn = done ? (format.end(), false) : format.part(value);
          if (!goOn) {
            flush(controller);
            controller.close();
            if (!done) await reader.cancel().catch(() => undefined);
            return;
          }
        }
        flush(controller);
      },
      cancel: async (reason) => {
        await reader.cancel(reason).catch(() => undefined);
      },
    });
  }
}
