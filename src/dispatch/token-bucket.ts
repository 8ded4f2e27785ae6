// A token bucket: requests deposit a fraction of a token, retries (or hedges) spend a whole
// one. So retries stay below `ratio` of requests plus a small burst, whatever the fault rate:
// random upstream failures can never turn into a retry storm.
export class TokenBucket {
  private tokens: number;

  private readonly ratio: number;
  private readonly capacity: number;

  constructor(ratio: number, capacity: number) {
    this.ratio = ratio;
    this.capacity = capacity;
    this.tokens = capacity;
  }

  /** One request arrived. */
  deposit(): void {
    this.tokens = Math.min(this.capacity, this.tokens + this.ratio);
  }

  /** Spends a token if one is there. */
  tryWithdraw(): boolean {
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  get available(): number {
    return this.tokens;
  }
}
