// Passes canonical stream parts through unchanged while noting when the first content arrived,
// when the stream ended and the final usage. `onEnd` runs once: on completion, error or cancel.
import type { StreamPart, Usage } from "../schema/canonical";

export interface StreamMeter {
  firstTokenAt: number | undefined;
  endAt: number;
  usage: Usage | undefined;
  completed: boolean;
}

export function meterStream(
  parts: ReadableStream<StreamPart>,
  now: () => number,
  onEnd: (meter: StreamMeter) => void,
): ReadableStream<StreamPart> {
  const reader = parts.getReader();
  let firstTokenAt: number | undefined;
  let usage: Usage | undefined;
  let ended = false;
  const end = (completed: boolean) => {
    if (ended) return;
    ended = true;
    try {
      onEnd({ firstTokenAt, endAt: now(), usage, completed });
    } catch (error) {
      console.error(JSON.stringify({ level: "error", event: "accounting_failed", error: String(error) }));
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
        const part = result.value;
        if (
          firstTokenAt === undefined &&
          (part.type === "text-delta" || part.type === "tool-call-delta" || part.type === "reasoning-delta")
        ) {
          firstTokenAt = now();
        }
        if (part.type === "usage") usage = part.usage;
        controller.enqueue(part);
        if (part.type === "error") end(false);
      },
      async cancel(reason) {
        await reader.cancel(reason).catch(() => undefined);
        end(false);
      },
    },
    { highWaterMark: 0 },
  );
}
