// Reliability of a probability: bins of predicted p against the observed rate.

export interface ReliabilityBin {
  low: number;
  high: number;
  count: number;
  meanPredicted: number;
  observedRate: number;
}

export interface Calibration {
  bins: ReliabilityBin[];
  /** Expected calibration error: count-weighted mean |observed - predicted| over bins. */
  ece: number;
  brier: number;
  logLoss: number;
  meanPredicted: number;
  observedRate: number;
}

/** Equal-width bins over [0, 1]; empty bins are omitted. Labels are 0/1. */
export function reliability(predicted: ArrayLike<number>, labels: ArrayLike<number>, binCount = 10): Calibration {
  const n = predicted.length;
  const sums = Array.from({ length: binCount }, () => ({ count: 0, p: 0, y: 0 }));
  let brier = 0;
  let logLoss = 0;
  let sumP = 0;
  let sumY = 0;
  for (let i = 0; i < n; i++) {
    const p = predicted[i]!;
    const y = labels[i]!;
    const bin = sums[Math.min(Math.floor(p * binCount), binCount - 1)]!;
    bin.count++;
    bin.p += p;
    bin.y += y;
    brier += (p - y) ** 2;
    const q = Math.min(Math.max(p, 1e-12), 1 - 1e-12);
    logLoss -= y * Math.log(q) + (1 - y) * Math.log(1 - q);
    sumP += p;
    sumY += y;
  }
  const bins: ReliabilityBin[] = [];
  let ece = 0;
  sums.forEach((s, b) => {
    if (s.count === 0) return;
    const meanPredicted = s.p / s.count;
    const observedRate = s.y / s.count;
    ece += (s.count / n) * Math.abs(observedRate - meanPredicted);
    bins.push({ low: b / binCount, high: (b + 1) / binCount, count: s.count, meanPredicted, observedRate });
  });
  return { bins, ece, brier: brier / n, logLoss: logLoss / n, meanPredicted: sumP / n, observedRate: sumY / n };
}
