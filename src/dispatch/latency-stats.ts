// Recent time-to-first-token per model, for hedging: a request is hedged only once it has
// waited longer than this model's p95 usually takes.
const SAMPLES = 100;

export class LatencyStats {
  private readonly samples = new Map<string, number[]>();

  record(key: string, ms: number): void {
    let list = this.samples.get(key);
    if (!list) this.samples.set(key, (list = []));
    list.push(ms);
    if (list.length > SAMPLES) list.shift();
  }

  /** The p95 of recent samples, or undefined with fewer than `minSamples`. */
  p95(key: string, minSamples = 20): number | undefined {
    const list = this.samples.get(key);
    if (!list || list.length < minSamples) return undefined;
    const sorted = [...list].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)];
  }
}
