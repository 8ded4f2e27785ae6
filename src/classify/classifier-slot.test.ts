// Readiness of the isolate's classifier, with injected loaders (no ORT here).
import { describe, expect, it, vi } from "vitest";
import type { Classifier } from "./classifier.ts";
import { createClassifierSlot } from "./classifier-slot.ts";

const model: Classifier = {
  version: "m-1",
  classify: () => Promise.reject(new Error("not used")),
};

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("classifier slot", () => {
  it("starts nothing until asked, then loads once; concurrent requests share the load", async () => {
    const load = deferred<Classifier>();
    const loader = vi.fn(() => load.promise);
    const slot = createClassifierSlot(loader, vi.fn());
    expect(slot.status()).toEqual({ state: "idle" });
    expect(loader).not.toHaveBeenCalled();

    const waitUntil = vi.fn();
    expect(slot.acquire(waitUntil)).toEqual({ state: "loading" });
    expect(slot.acquire(waitUntil)).toEqual({ state: "loading" });
    expect(slot.acquire(waitUntil)).toEqual({ state: "loading" });
    await Promise.resolve();
    expect(loader).toHaveBeenCalledTimes(1);
    // Every waiting request keeps the load alive, with the same promise.
    expect(waitUntil).toHaveBeenCalledTimes(3);
    expect(new Set(waitUntil.mock.calls.map((call) => call[0])).size).toBe(1);
    expect(slot.status()).toEqual({ state: "loading" });

    load.resolve(model);
    await slot.settled();
    expect(slot.status()).toEqual({ state: "ready", model: "m-1" });
    const ready = slot.acquire(waitUntil);
    expect(ready).toEqual({ state: "ready", classifier: model });
    expect(waitUntil).toHaveBeenCalledTimes(3);
  });

  it("a failed load is logged once, stays failed, and is never retried in the isolate", async () => {
    const log = vi.fn();
    const loader = vi.fn(() => Promise.reject(new Error("metadata mismatch")));
    const slot = createClassifierSlot(loader, log);
    slot.acquire(() => undefined);
    await slot.settled();
    expect(slot.status()).toEqual({ state: "failed" });
    for (let i = 0; i < 3; i++) expect(slot.acquire(() => undefined)).toEqual({ state: "failed" });
    expect(loader).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledWith(
      "classifier_unavailable",
      expect.objectContaining({ error: expect.stringContaining("metadata mismatch") }),
    );
  });

  it("a loader that throws synchronously is a failed load, not a crash", async () => {
    const slot = createClassifierSlot(() => {
      throw new Error("sync");
    }, vi.fn());
    expect(slot.acquire(() => undefined)).toEqual({ state: "loading" });
    await slot.settled();
    expect(slot.status().state).toBe("failed");
  });

  it("the promise handed to waitUntil never rejects (no unhandled rejection when the load fails)", async () => {
    const slot = createClassifierSlot(() => Promise.reject(new Error("x")), vi.fn());
    let held: Promise<unknown> | undefined;
    slot.acquire((p) => (held = p));
    await expect(held).resolves.toBeUndefined();
  });

  it("without a loader (a build that left ORT out) it is not-bundled and never loads", () => {
    const slot = createClassifierSlot(undefined, vi.fn());
    const waitUntil = vi.fn();
    expect(slot.acquire(waitUntil)).toEqual({ state: "not-bundled" });
    expect(slot.status()).toEqual({ state: "not-bundled" });
    expect(waitUntil).not.toHaveBeenCalled();
  });

  it("inference errors are logged once per isolate", () => {
    const log = vi.fn();
    const slot = createClassifierSlot(() => Promise.resolve(model), log);
    slot.reportRunError(new Error("a"));
    slot.reportRunError(new Error("b"));
    expect(log).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledWith("classifier_run_failed", expect.objectContaining({ error: "Error: a" }));
  });
});
