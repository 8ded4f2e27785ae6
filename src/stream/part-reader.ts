// Reads stream parts with an optional deadline. A read that times out stays in flight and
// is picked up by the next call, so a deadline never loses a part.
//
// One timer serves every read of a stream: setting and clearing a timer per part cost more than
// the rest of relaying it. The armed timer checks, when it fires, whether a read is still waiting
// past its own deadline, and otherwise re-arms for what is left; a read never waits past its deadline.
import type { StreamPart } from "../schema/canonical.ts";

export interface Timers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export type TimedRead = ReadableStreamReadResult<StreamPart> | "timeout";

export class PartReader {
  private pending: Promise<ReadableStreamReadResult<StreamPart>> | undefined;
  /** The waiting read's deadline, and how to time it out (undefined: no read is waiting). */
  private deadline = Infinity;
  private expire: (() => void) | undefined;
  private timer: unknown;
  private timerAt = Infinity;

  private readonly reader: ReadableStreamDefaultReader<StreamPart>;
  private readonly timers: Timers;

  constructor(reader: ReadableStreamDefaultReader<StreamPart>, timers: Timers) {
    this.reader = reader;
    this.timers = timers;
  }

  async read(timeoutMs: number): Promise<TimedRead> {
    const pending = (this.pending ??= this.reader.read());
    const now = this.timers.now();
    this.deadline = now + Math.max(0, timeoutMs);
    const timeout = new Promise<"timeout">((resolve) => (this.expire = () => resolve("timeout")));
    // A timer due no later than this deadline checks again when it fires.
    if (this.timerAt > this.deadline) this.arm(this.deadline - now);
    const result = await Promise.race([pending, timeout]);
    this.expire = undefined;
    if (result !== "timeout") {
      this.pending = undefined;
      if (result.done) this.disarm();
    }
    return result;
  }

  async cancel(reason?: unknown): Promise<void> {
    this.disarm();
    await this.reader.cancel(reason).catch(() => undefined);
  }

  private arm(ms: number): void {
    this.disarm();
    this.timerAt = this.timers.now() + ms;
    this.timer = this.timers.setTimeout(() => this.fire(), ms);
  }

  private disarm(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
  }

  private fire(): void {
    this.timer = undefined;
    this.timerAt = Infinity;
    if (!this.expire) return; // no read waiting: the next one arms a timer of its own
    const left = this.deadline - this.timers.now();
    if (left <= 0) this.expire();
    else this.arm(left);
  }
}
