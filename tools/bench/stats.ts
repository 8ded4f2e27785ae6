// Summary statistics for benchmark samples (milliseconds in, microseconds out).

export interface Summary {
  n: number;
  p50Us: number;
  p90Us: number;
  p99Us: number;
  p999Us: number;
  maxUs: number;
  meanUs: number;
}

export function summarise(samplesMs: number[]): Summary {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const q = (p: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! * 1000);
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return {
    n: sorted.length,
    p50Us: q(0.5),
    p90Us: q(0.9),
    p99Us: q(0.99),
    p999Us: q(0.999),
    maxUs: round(sorted.at(-1)! * 1000),
    meanUs: round(mean * 1000),
  };
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
