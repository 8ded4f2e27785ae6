// The isolate's classifier and its readiness. Nothing loads at global scope: the
// first uncertain prompt starts loading (kept alive with waitUntil) and is
// answered without it; concurrent first requests share that one load. A failed
// load is logged once and stays failed for the isolate's lifetime — ORT cannot be
// re-initialised in an isolate where its start failed — so the router carries on
// heuristic-only until the next deploy or isolate.
import type { Classifier, ClassifierAccess } from "./classifier.ts";

export type { ClassifierAccess };
export type SlotState = "idle" | "loading" | "ready" | "failed" | "not-bundled";

export interface SlotStatus {
  state: SlotState;
  /** Model version, once ready. */
  model?: string;
}

export interface ClassifierSlot {
  /** The ready classifier, or why there is none. The first call starts loading. */
  acquire(waitUntil: (promise: Promise<unknown>) => void): ClassifierAccess;
  status(): SlotStatus;
  /** Resolves once loading has finished, either way (immediately if it never started). */
  settled(): Promise<void>;
  /** A failed inference after a successful load: logged once per isolate. */
  reportRunError(error: unknown): void;
}

type Log = (event: string, fields: Record<string, unknown>) => void;

const logError: Log = (event, fields) => console.error(JSON.stringify({ level: "error", event, ...fields }));

/** `load` undefined means the build left the classifier out (see README: Free plan). */
export function createClassifierSlot(
  load: (() => Promise<Classifier>) | undefined,
  log: Log = logError,
): ClassifierSlot {
  let state: SlotState = load ? "idle" : "not-bundled";
  let classifier: Classifier | undefined;
  let loading: Promise<void> | undefined;
  let runErrorLogged = false;

  const start = (): Promise<void> =>
    Promise.resolve()
      .then(load!)
      .then(
        (ready) => {
          classifier = ready;
          state = "ready";
        },
        (error: unknown) => {
          state = "failed";
          log("classifier_unavailable", { error: String(error), note: "routing heuristic-only in this isolate" });
        },
      );

  return {
    acquire(waitUntil) {
      if (state === "ready") return { state, classifier: classifier! };
      if (state === "idle") {
        state = "loading";
        loading = start();
      }
      // Every waiting request holds the load open, in case the one that started it ends first.
      if (state === "loading") waitUntil(loading!);
      return { state } as ClassifierAccess;
    },
    status() {
      return classifier ? { state, model: classifier.version } : { state };
    },
    settled() {
      return loading ?? Promise.resolve();
    },
    reportRunError(error) {
      if (runErrorLogged) return;
      runErrorLogged = true;
      log("classifier_run_failed", { error: String(error), note: "this request fell back to the heuristic" });
    },
  };
}

// Build-time switch (wasm/modules.d.ts): with `--define __TRIAGE_ONNX__:false` esbuild
// folds this to `undefined` and drops the import, and with it onnxruntime-web.
const loadBundled =
  typeof __TRIAGE_ONNX__ === "undefined" || __TRIAGE_ONNX__
    ? () => import("./onnx/bundled.ts").then((m) => m.createBundledClassifier())
    : undefined;

/** The classifier this isolate serves with. */
export const isolateClassifier = createClassifierSlot(loadBundled);
