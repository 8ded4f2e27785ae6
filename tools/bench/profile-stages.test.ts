import { describe, expect, it } from "vitest";
import { fileAtLine, moduleMarkers, sourceName, stageOfFile, stageProfile, type CpuProfile } from "./profile-stages.ts";

// A miniature of esbuild's unminified output: helpers first, then one marker line per module.
const BUNDLE = [
  "var __defProp = Object.defineProperty;", // 0: esbuild's runtime helpers
  "",
  "// ../../work/x/node_modules/hono/dist/hono-base.js", // 2
  "var Hono = class {};",
  "// @__NO_SIDE_EFFECTS__", // 4: an annotation, not a module
  "// ../../work/x/node_modules/zod/v4/core/schemas.js", // 5
  "function parse() {}",
  "// src/schema/openai-request.ts", // 7
  "function readRequest() {}",
  "// src/pipeline/plan-route.ts", // 9
  "function planRoute() {}",
  "// src/providers/openai-compatible/adapter.ts", // 11
  "function callUpstream() {}",
  "// src/record/accounting.ts", // 13
  "function record() {}",
  "// node_modules/@scope/pkg/index.js", // 15
  "var x = 1;",
].join("\n");

describe("bundle lines → source module → stage", () => {
  it("finds esbuild's module markers and skips annotations", () => {
    expect(moduleMarkers(BUNDLE)).toEqual([
      { line: 2, file: "hono" },
      { line: 5, file: "zod" },
      { line: 7, file: "src/schema/openai-request.ts" },
      { line: 9, file: "src/pipeline/plan-route.ts" },
      { line: 11, file: "src/providers/openai-compatible/adapter.ts" },
      { line: 13, file: "src/record/accounting.ts" },
      { line: 15, file: "@scope/pkg" },
    ]);
  });

  it("names project files by their path from src/ and dependencies by package", () => {
    expect(sourceName("../../tmp/triage-before-x/src/stream/sse.ts")).toBe("src/stream/sse.ts");
    expect(sourceName("../../work/a/node_modules/hono/dist/index.js")).toBe("hono");
    expect(sourceName("node_modules/@cf/x/y.js")).toBe("@cf/x");
    expect(sourceName("wasm/scorer-weights.json")).toBe("wasm/scorer-weights.json");
  });

  it("maps a line to the last marker at or above it", () => {
    const markers = moduleMarkers(BUNDLE);
    expect(fileAtLine(markers, 0)).toBe("(bundle runtime)");
    expect(fileAtLine(markers, 2)).toBe("hono");
    expect(fileAtLine(markers, 4)).toBe("hono");
    expect(fileAtLine(markers, 8)).toBe("src/schema/openai-request.ts");
    expect(fileAtLine(markers, 100)).toBe("@scope/pkg");
  });

  it("puts each source module in its stage", () => {
    expect(stageOfFile("hono")).toBe("framework");
    expect(stageOfFile("src/middleware/request-id.ts")).toBe("framework");
    expect(stageOfFile("zod")).toBe("read + validate");
    expect(stageOfFile("src/limits/read-body.ts")).toBe("read + validate");
    expect(stageOfFile("src/pipeline/plan-route.ts")).toBe("plan");
    expect(stageOfFile("src/score/scorer.ts")).toBe("plan");
    expect(stageOfFile("src/dispatch/attempt.ts")).toBe("dispatch");
    expect(stageOfFile("src/stream/sse-events.ts")).toBe("answer");
    expect(stageOfFile("src/pipeline/serve-request.ts")).toBe("answer");
    expect(stageOfFile("src/stats/stats-buffer.ts")).toBe("record");
    expect(stageOfFile("src/dashboard/pages.ts")).toBe("other code");
  });
});

describe("stageProfile", () => {
  const frame = (functionName: string, lineNumber = -1, url = "") => ({ functionName, url, lineNumber });
  // root → hono handler → readRequest → (native) read ; hono → callUpstream → (native) fetch ; GC ; program ; idle
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: frame("(root)"), children: [2, 7, 8, 9] },
      { id: 2, callFrame: frame("dispatch", 3, "file:///bundle/index.js"), children: [3, 5] },
      { id: 3, callFrame: frame("readRequest", 8, "file:///bundle/index.js"), children: [4] },
      { id: 4, callFrame: frame("read") },
      { id: 5, callFrame: frame("callUpstream", 12, "file:///bundle/index.js"), children: [6] },
      { id: 6, callFrame: frame("fetch") },
      { id: 7, callFrame: frame("(garbage collector)") },
      { id: 8, callFrame: frame("(program)") },
      { id: 9, callFrame: frame("(idle)") },
    ],
    // µs of self time per node, one sample each: hono 10, readRequest 20, read 30, callUpstream 5,
    // fetch 15, GC 8, program 12, idle 1000 (ignored).
    samples: [2, 3, 4, 5, 6, 7, 8, 9],
    timeDeltas: [10, 20, 30, 5, 15, 8, 12, 1000],
  };
  const result = stageProfile(profile, BUNDLE, 2);
  const stage = (name: string) => result.stages.find((s) => s.stage === name)!;

  it("charges natives to their nearest caller's stage and leaves idle out", () => {
    expect(result.sampledUsPerRequest).toBe(100 / 2);
    expect(stage("framework").usPerRequest).toBe(5);
    expect(stage("read + validate")).toMatchObject({ usPerRequest: 25, nativeUsPerRequest: 15, share: 0.5 });
    expect(stage("dispatch")).toMatchObject({ usPerRequest: 10, nativeUsPerRequest: 7.5 });
    expect(stage("GC").usPerRequest).toBe(4);
    expect(stage("runtime (no JS caller)").usPerRequest).toBe(6);
    expect(result.stages.reduce((sum, s) => sum + s.share, 0)).toBeCloseTo(1, 10);
  });

  it("lists the biggest natives and files", () => {
    expect(result.natives[0]).toEqual({ name: "read", stage: "read + validate", usPerRequest: 15 });
    expect(result.natives.map((n) => n.name)).toEqual(["read", "fetch", "(program)", "(garbage collector)"]);
    expect(result.files[0]).toEqual({
      file: "src/schema/openai-request.ts",
      stage: "read + validate",
      usPerRequest: 25,
    });
  });
});
