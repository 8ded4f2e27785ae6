// The stream a client receives once dispatch has committed to an upstream: the parts held
// back during look-ahead first, then the live upstream. A stall longer than the idle timeout
// ends it with an explicit error part (never a clean-looking end) and aborts the upstream.
import type { RouterError } from "../errors.ts";
import type { StreamPart } from "../schema/canonical.ts";
import type { PartReader } from "./part-reader.ts";

export interface CommittedStreamOptions {
  idleTimeoutMs: number;
  /** The error to report when the upstream goes quiet for too long. */
  stalled: () => RouterError;
  /** Aborts the upstream request (closes its connection). */
  abort: () => void;
}

export function committedStream(
  held: readonly StreamPart[],
  reader: PartReader,
  ended: boolean,
  options: CommittedStreamOptions,
): ReadableStream<StreamPart> {
  const queue = [...held];
  let done = ended;
  return new ReadableStream<StreamPart>({
    async pull(controller) {
      const next = queue.shift();
      if (next) return controller.enqueue(next);
      if (done) return controller.close();
      const result = await reader.read(options.idleTimeoutMs);
      if (result === "timeout") {
        done = true;
        controller.enqueue({ type: "error", error: options.stalled() });
        controller.close();
        options.abort();
        await reader.cancel();
        return;
      }
      if (result.done) {
        done = true;
        return controller.close();
      }
      if (result.value.type === "error") done = true;
      controller.enqueue(result.value);
      if (done) controller.close();
    },
    async cancel(reason) {
      done = true;
      options.abort();
      await reader.cancel(reason);
    },
  });
}
