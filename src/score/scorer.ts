// Host side of the wasm scorer: instantiated once per isolate from a precompiled
// module, fed through a fixed scratch buffer with TextEncoder.encodeInto, so a
// call allocates nothing inside wasm memory. Used by the Worker and Node tools alike.

export interface ScorerWeights {
  features: string[];
  weights: number[];
  bias: number;
}

interface ScorerExports {
  memory: WebAssembly.Memory;
  inputPtr(): number;
  inputCapacity(): number;
  featuresPtr(): number;
  weightsPtr(): number;
  featureCount(): number;
  score(contextLen: number, primaryLen: number, flags: number): number;
}

export const SCORE_FLAGS = { tools: 1, images: 2, json: 4 } as const;

export interface ScorerInput {
  /** The last user turn: scored with the highest weight. */
  primary: string;
  /** System prompt and earlier turns, already bounded by the caller. */
  context: string;
  /** Bit set of SCORE_FLAGS. */
  flags: number;
}

export interface ScorerOutput {
  score: number;
  /** A view of the wasm feature buffer: valid until the next call; copy to keep. */
  features: Float32Array;
}

/** Share of the scratch buffer reserved for context; the primary turn gets the rest. */
const CONTEXT_SHARE = 0.125;
/** Of an oversized primary turn we keep the head and the tail, in this ratio. */
const HEAD_SHARE = 0.75;

const encoder = new TextEncoder();

export class Scorer {
  private readonly exports: ScorerExports;
  private readonly capacity: number;
  private readonly inputPtr: number;
  private bytes: Uint8Array;
  private features: Float32Array;

  constructor(module: WebAssembly.Module, weights: ScorerWeights) {
    const instance = new WebAssembly.Instance(module, {});
    this.exports = instance.exports as unknown as ScorerExports;
    this.capacity = this.exports.inputCapacity();
    this.inputPtr = this.exports.inputPtr();
    const count = this.exports.featureCount();
    if (weights.weights.length !== count) {
      throw new Error(`scorer weights have ${weights.weights.length} entries, the wasm expects ${count}`);
    }
    this.bytes = new Uint8Array(this.exports.memory.buffer, this.inputPtr, this.capacity);
    this.features = new Float32Array(this.exports.memory.buffer, this.exports.featuresPtr(), count);
    const w = new Float32Array(this.exports.memory.buffer, this.exports.weightsPtr(), count + 1);
    w.set(weights.weights);
    w[count] = weights.bias;
  }

  get featureCount(): number {
    return this.features.length;
  }

  /** Bytes of wasm linear memory (for the no-growth checks). */
  get memoryBytes(): number {
    return this.exports.memory.buffer.byteLength;
  }

  score(input: ScorerInput): ScorerOutput {
    this.refreshViews();
    // Layout: [context | primary]. Context is bounded first; the primary turn gets the rest.
    const contextLen = this.writeWindow(input.context, 0, Math.floor(this.capacity * CONTEXT_SHARE), 1);
    const primaryLen = this.writeWindow(input.primary, contextLen, this.capacity - contextLen, HEAD_SHARE);
    const score = this.exports.score(contextLen, primaryLen, input.flags);
    return { score, features: this.features };
  }

  /**
   * Encodes text into the buffer at `offset`, using at most `budget` bytes. Text
   * that does not fit keeps a head window and a tail window (documented policy:
   * huge inputs are sampled, never allowed to grow memory). Returns bytes written.
   */
  private writeWindow(text: string, offset: number, budget: number, headShare: number): number {
    if (budget <= 0 || text.length === 0) return 0;
    const head = this.bytes.subarray(offset, offset + budget);
    const first = encoder.encodeInto(text, head);
    if (first.read === text.length || headShare >= 1) return first.written;
    const headBudget = Math.floor(budget * headShare);
    const headWritten = encoder.encodeInto(text, head.subarray(0, headBudget)).written;
    const tailBudget = budget - headWritten;
    // A UTF-16 unit takes at most 3 UTF-8 bytes, so this many units always fit.
    const tailUnits = Math.floor(tailBudget / 3);
    const tail = text.slice(Math.max(text.length - tailUnits, 0));
    const tailWritten = encoder.encodeInto(tail, head.subarray(headWritten)).written;
    return headWritten + tailWritten;
  }

  private refreshViews(): void {
    // Views detach only if memory grew, which the ABI promises never happens; stay safe anyway.
    if (this.bytes.byteLength === 0) {
      this.bytes = new Uint8Array(this.exports.memory.buffer, this.inputPtr, this.capacity);
      this.features = new Float32Array(this.exports.memory.buffer, this.exports.featuresPtr(), this.features.length);
    }
  }
}
