import { describe, expect, it } from "vitest";
import type { StreamPart } from "../schema/canonical.ts";
import { PartReader, type Timers } from "./part-reader.ts";

/** A clock the test moves by hand; counts the timers it was asked for. */
function manualClock() {
  let now = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; callback: () => void }>();
  const clock: Timers & { set: number; advance(ms: number): Promise<void> } = {
    set: 0,
    now: () => now,
    setTimeout(callback, ms) {
      clock.set++;
      const id = nextId++;
      timers.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimeout: (id) => void timers.delete(id as number),
    async advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = [...timers].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].callback();
        await new Promise((r) => setTimeout(r, 0));
      }
      now = until;
      await new Promise((r) => setTimeout(r, 0));
    },
  };
  return clock;
}

function source() {
  let push!: (part: StreamPart) => void;
  let end!: () => void;
  const stream = new ReadableStream<StreamPart>({
    start(controller) {
      push = (part) => controller.enqueue(part);
      end = () => controller.close();
    },
  });
  return { reader: stream.getReader(), push: (text: string) => push({ type: "text-delta", text }), end: () => end() };
}

describe("PartReader", () => {
  it("times a waiting read out at its deadline, and the late part is read next", async () => {
    const clock = manualClock();
    const upstream = source();
    const reader = new PartReader(upstream.reader, clock);
    const first = reader.read(100);
    let settled: unknown;
    void first.then((r) => (settled = r));
    await clock.advance(99);
    expect(settled).toBeUndefined();
    await clock.advance(1);
    expect(settled).toBe("timeout");
    upstream.push("late");
    expect(await reader.read(100)).toEqual({ done: false, value: { type: "text-delta", text: "late" } });
  });

  it("serves many reads with one timer, and still times out the read that waits too long", async () => {
    const clock = manualClock();
    const upstream = source();
    const reader = new PartReader(upstream.reader, clock);
    for (let i = 0; i < 50; i++) {
      upstream.push(`t${i}`);
      expect(await reader.read(1000)).toMatchObject({ done: false });
      await clock.advance(10);
    }
    expect(clock.set).toBe(1);
    const stalled = reader.read(1000);
    let settled: unknown;
    void stalled.then((r) => (settled = r));
    await clock.advance(999);
    expect(settled).toBeUndefined(); // the first timer fired early (at 1000 ms) and re-armed
    await clock.advance(1);
    expect(settled).toBe("timeout");
    expect(clock.set).toBe(2);
  });

  it("a shorter deadline than the armed timer's is honoured", async () => {
    const clock = manualClock();
    const upstream = source();
    const reader = new PartReader(upstream.reader, clock);
    upstream.push("a");
    await reader.read(10_000);
    const quick = reader.read(5);
    let settled: unknown;
    void quick.then((r) => (settled = r));
    await clock.advance(5);
    expect(settled).toBe("timeout");
    upstream.end();
    expect(await reader.read(5)).toEqual({ done: true, value: undefined });
  });
});
