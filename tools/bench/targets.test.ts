import { describe, expect, it } from "vitest";
import { beforeAfter, targetRows } from "./targets.ts";

const rounds = (name: string, medians: number[], p99 = 1) => ({
  name,
  roundMediansMs: medians,
  latency: { p99 },
  overheadMs: medians[0],
});
const saturated = (name: string, cpuMsPerRequest: number) => ({
  name,
  cpuMsPerRequest,
  requestsPerCore: 1000 / cpuMsPerRequest,
  requestsPerSecond: 1000,
  rounds: [],
});

const gateway = {
  before: { rev: "abc1234", commit: "abc1234".padEnd(40, "0"), subject: "before" },
  overhead: {
    results: [
      rounds("direct", [0.1, 0.1]),
      rounds("workerd proxy", [0.6, 0.7]),
      rounds("triage (model)", [0.7, 0.8]), // own 0.1: met
      rounds("triage (auto)", [0.9, 1.0]), // own 0.3: missed
      rounds("triage before (model)", [1.1, 1.2]),
      rounds("triage before (auto)", [1.2, 1.3]),
      rounds("portkey", [1.2, 1.3]),
    ],
  },
  streaming: {
    results: [
      rounds("direct", [20, 20]),
      rounds("workerd proxy", [21, 21]),
      rounds("triage (model)", [21.2, 21.4]), // own 0.3: met (at the goal)
      rounds("triage (auto)", [21.5, 21.5]),
      rounds("triage before (model)", [22, 22]),
    ],
  },
  saturation: {
    connections: 32,
    results: [
      saturated("workerd proxy", 0.2),
      saturated("triage (model)", 0.4),
      saturated("triage (auto)", 0.5),
      saturated("triage before (model)", 0.8),
      saturated("portkey", 0.9),
    ],
  },
  cold: {
    full: { startupMs: 150 },
    lite: { startupMs: 60 },
    beforeFull: { startupMs: 190 },
    beforeLite: { startupMs: 80 },
    portkey: { startupMs: 170 },
  },
  liteGzipBytes: { before: 485 * 1024, after: 141 * 1024 },
};
const bundle = {
  withClassifier: { total: { gzipBytes: 3900 * 1024 } },
  withoutClassifier: { total: { gzipBytes: 140 * 1024 } },
};
const decision = {
  rows: [
    { bytes: 4096, decideUs: { p99: 45 }, baselineUs: { p99: 9 } },
    { bytes: 4096, decideUs: { p99: 55 }, baselineUs: { p99: 8 } },
    { bytes: 256, decideUs: { p99: 99 }, baselineUs: { p99: 1 } },
  ],
};

describe("issue 19's Targets rows", () => {
  const rows = targetRows({ gateway, bundle, decision });
  const row = (start: string) => rows.find((r) => r[0].startsWith(start))!;

  it("judges own work from the proxy-subtracted rounds, before → after", () => {
    const passThrough = row("Triage's own work per request, median: pass-through");
    expect(passThrough[3]).toBe("0.500 → 0.100 ms");
    expect(passThrough[4]).toBe("**met**");
    expect(passThrough[5]).toContain("--before abc1234");
    expect(row("Triage's own work per request, median: `auto`")[4]).toBe("**missed**");
  });

  it("judges the stream's first token against the proxy floor", () => {
    const stream = row("Stream first token");
    expect(stream[3]).toBe("1.000 → 0.300 ms");
    expect(stream[4]).toBe("**met**");
  });

  it("compares requests per core with Portkey's", () => {
    const perCore = row("Requests per second per core");
    expect(perCore[3]).toBe("1.13 → 2.25×");
    expect(perCore[4]).toBe("**met**");
  });

  it("reports cold starts, the lite bundle and the worst decision p99 at 4 KB", () => {
    expect(row("Cold start")[3]).toBe("full 190 → 150 ms; lite 80 → 60 ms");
    expect(row("Lite bundle")[3]).toBe("485.0 → 141.0 KiB"); // both from the gateway run
    expect(targetRows({ bundle })[5]![3]).toBe("140.0 KiB (no --before)");
    expect(row("Lite bundle")[4]).toBe("**met**");
    expect(row("Decision p99")[3]).toContain("→ 55.0 µs");
    expect(row("Decision p99")[4]).toBe("**missed**");
  });

  it("says what was not measured instead of inventing it", () => {
    const empty = targetRows({});
    expect(empty.map((r) => r[4])).toEqual([
      "not measured",
      "not measured",
      "not measured",
      "not measured",
      "not measured",
      "not measured",
      "not measured",
    ]);
  });
});

describe("beforeAfter", () => {
  it("shows both values, or says the run had no --before", () => {
    expect(beforeAfter(1.5, 1.25, 2, " ms")).toBe("1.50 → 1.25 ms");
    expect(beforeAfter(undefined, 1.25, 2, " ms")).toBe("1.25 ms (no --before)");
    expect(beforeAfter(1, undefined, 2)).toBe("–");
  });
});
