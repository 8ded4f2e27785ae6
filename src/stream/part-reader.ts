// Reads stream parts with an optional deadline. A read that times out stays in flight and
// is picked up by the next call, so a deadline never loses a part.
import type { StreamPart } from "../schema/canonical.ts";

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export type TimedRead = ReadableStreamReadResult<StreamPart> | "timeout";

export class PartReader {
  private pending: Promise<ReadableStreamReadResult<StreamPart>> | undefined;

  private readonly reader: ReadableStreamDefaultReader<StreamPart>;
  private readonly timers: Timers;

  constructor(reader: ReadableStreamDefaultReader<StreamPart>, timers: Timers) {
    this.reader = reader;
    this.timers = timers;
  }

  async read(timeoutMs: number): Promise<TimedRead> {
    const pending = (this.pending ??= this.reader.read());
    let handle: unknown;
    const timer = new Promise<"timeout">((resolve) => {
      handle = this.timers.setTimeout(() => resolve("timeout"), Math.max(0, timeoutMs));
    });
    const result = await Promise.race([pending, timer]);
    this.timers.clearTimeout(handle);
    if (result !== "timeout") this.pending = undefined;
    return result;
  }

  async cancel(reason?: unknown): Promise<void> {
    await this.reader.cancel(reason).catch(() => undefined);
  }
}
