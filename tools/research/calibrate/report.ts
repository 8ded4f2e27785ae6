// The before/after report of `npm run calibrate` (markdown).
import type { Calibration } from "../../../src/learning/store/calibration-schema.ts";
import type { CalibrationEvaluation, OperatingPoint } from "./evaluate.ts";
import type { ReplayResult } from "./fit.ts";
import type { LoadedSet } from "./rows.ts";

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const f3 = (x: number) => x.toFixed(3);
const usd = (x: number | null) => (x === null ? "—" : `$${x.toFixed(3)}`);
const ci = (i: { low: number; high: number }) => `[${f3(i.low)}, ${f3(i.high)}]`;

export interface ReportInput {
  command: string;
  set: LoadedSet;
  mode: "outcomes" | "replay";
  replay?: ReplayResult | undefined;
  calibration: Calibration;
  defaults: { boundaries: readonly number[]; uncertaintyBand: number };
  evaluation: CalibrationEvaluation;
}

function row(name: string, p: OperatingPoint) {
  return `| ${name} | ${pct(p.strongShare)} | ${f3(p.quality)} | ${pct(p.routedTooLow)} | ${usd(p.costPer1k)} |`;
}

export function renderCalibrationReport(input: ReportInput): string {
  const { set, calibration: c, evaluation: e } = input;
  const fit = set.rows.filter((r) => r.part === "fit").length;
  const lines = [
    `### ${set.set}: \`${set.strong}\` vs \`${set.weak}\``,
    "",
    `\`${input.command}\``,
    "",
    `Fitted on ${fit} prompts, evaluated on ${e.prompts} others (parts by ${set.split}); mode **${input.mode}**` +
      (input.replay
        ? ` (${input.replay.requests} simulated requests, ${input.replay.feedback} rated, ${input.replay.shadow} shadow-compared, ` +
          `${input.replay.explored} explored; ${input.replay.versions} versions published along the way)`
        : " (both models' outcomes on every fit prompt)") +
      `. Target ${c.target ? `${c.target.kind} ${c.target.value}` : "none"}.`,
    "",
    `Tiers: defaults ${input.defaults.boundaries.map(f3).join(", ")} (band ${input.defaults.uncertaintyBand}) → ` +
      `calibrated ${c.tiers.boundaries.map((b) => b.toFixed(4)).join(", ")} (band ${c.tiers.uncertainty_band.toFixed(4)}); ` +
      `score adjustment: ${c.adjustment ? `${c.adjustment.features.length} features` : "none"}.`,
    "",
    `| router | APGR [95% CI] |`,
    `| --- | --- |`,
    `| uncalibrated | ${f3(e.apgr.uncalibrated.value)} ${ci(e.apgr.uncalibrated.interval)} |`,
    `| calibrated | ${f3(e.apgr.calibrated.value)} ${ci(e.apgr.calibrated.interval)} |`,
    `| difference (paired) | ${e.apgrDelta.value >= 0 ? "+" : ""}${f3(e.apgrDelta.value)} ${ci(e.apgrDelta.interval)} |`,
    "",
    `Operating points (quality: strong ${f3(e.qualityStrong)}, weak ${f3(e.qualityWeak)}):`,
    "",
    `| policy | top-tier share | quality | routed too low | cost per 1,000 prompts |`,
    `| --- | --- | --- | --- | --- |`,
    row("uncalibrated (defaults)", e.points.uncalibrated),
    row("calibrated", e.points.calibrated),
  ];
  if (e.equalQuality) {
    const a = e.equalQuality.atCalibratedQuality;
    const b = e.equalQuality.atUncalibratedQuality;
    const saving = e.equalQuality.saving;
    lines.push(
      "",
      `Cost at equal quality: at the calibrated point's quality the uncalibrated ranking needs ${usd(a.uncalibrated)} ` +
        `per 1,000 prompts against ${usd(a.calibrated)} (saving ${saving.value === null ? "—" : pct(saving.value)}, ` +
        `95% CI [${pct(saving.interval.low)}, ${pct(saving.interval.high)}]); at the defaults' quality the calibrated ` +
        `ranking needs ${usd(b.calibrated)} against ${usd(b.uncalibrated)}.`,
    );
  }
  return `${lines.join("\n")}\n`;
}
