// Host side of the wasm scorer: instantiated once per isolate from a precompiled
// module, fed through a fixed scratch buffer with TextEncoder.encodeInto, so a
// call allocates nothing inside wasm memory. Used by the Worker and by the Node
// tools (fit, eval, bench) alike: no Worker-only imports here.
import { FEATURE_NAMES } from "./feature-names.ts";

export interface ScorerWeights {
  features: readonly string[];
  weights: readonly number[];
  bias: number;
  /** Per-feature upper limits (the training range): features are clipped before weighting. */
  clip: readonly number[];
}

interface ScorerExports {
  memory: WebAssembly.Memory;
  abiVersion(): number;
  inputPtr(): number;
  inputCapacity(): number;
  featuresPtr(): number;
  featureCount(): number;
  weightsPtr(): number;
  featureNamesPtr(): number;
  featureNamesLength(): number;
  tokenEstimate(): number;
  score(
    contextLen: number,
    primaryLen: number,
    contextScale: number,
    primaryScale: number,
    flags: number,
    maxTokens: number,
    turns: number,
  ): number;
}

const ABI_VERSION = 3;

export const SCORE_FLAGS = { tools: 1, images: 2, json: 4, jsonSchema: 8 } as const;

export interface ScorerInput {
  /** The last user turn: scored with the highest weight. */
  primary: string;
  /** System prompt and earlier turns, already bounded by the caller. */
  context: string;
  /** Bit set of SCORE_FLAGS. */
  flags: number;
  /** The request's max_tokens / max_completion_tokens (0 or absent = unset). */
  maxTokens?: number;
  /** Number of messages before the last user turn. */
  turns?: number;
  /** Length (UTF-16 units) of the full context before the caller bounded it; defaults to context.length. */
  contextTotalLength?: number;
}

export interface ScorerOutput {
  /** P(a stronger model is needed), calibrated on the training data. */
  score: number;
  /** A view of the wasm feature buffer: valid until the next call; copy to keep. */
  features: Float32Array;
  /** Estimated prompt tokens (context + last turn; extrapolated for huge inputs). */
  tokens: number;
}

/** Share of the scratch buffer reserved for context; the primary turn gets the rest. */
const CONTEXT_SHARE = 0.125;
/** Of an oversized text we keep the head and the tail, in this ratio. */
const HEAD_SHARE = 0.75;

const encoder = new TextEncoder();

export class Scorer {
  /** Feature names, in vector order, as the wasm reports them. */
  readonly featureNames: readonly string[];
  private readonly exports: ScorerExports;
  private readonly capacity: number;
  private readonly inputPtr: number;
  private bytes: Uint8Array;
  private features: Float32Array;
  // Result of the last writeWindow call: UTF-16 units that made it into the buffer.
  private unitsRead = 0;

  constructor(module: WebAssembly.Module, weights: ScorerWeights) {
    const instance = new WebAssembly.Instance(module, {});
    this.exports = instance.exports as unknown as ScorerExports;
    if (this.exports.abiVersion() !== ABI_VERSION) {
      throw new Error(`scorer.wasm ABI ${this.exports.abiVersion()}, host expects ${ABI_VERSION}`);
    }
    const memory = this.exports.memory.buffer;
    const names = new Uint16Array(memory, this.exports.featureNamesPtr(), this.exports.featureNamesLength());
    this.featureNames = String.fromCharCode(...names).split(",");
    const count = this.exports.featureCount();
    if (this.featureNames.length !== count || this.featureNames.join() !== FEATURE_NAMES.join()) {
      throw new Error("scorer.wasm feature layout differs from src/score/feature-names.ts");
    }
    if (
      weights.features.join() !== this.featureNames.join() ||
      weights.weights.length !== count ||
      weights.clip.length !== count
    ) {
      throw new Error("scorer weights were fitted for a different feature layout: run npm run fit:scorer");
    }
    if (![...weights.weights, weights.bias].every(Number.isFinite) || weights.clip.some(Number.isNaN)) {
      throw new Error("scorer weights must be finite numbers");
    }
    this.capacity = this.exports.inputCapacity();
    this.inputPtr = this.exports.inputPtr();
    this.bytes = new Uint8Array(memory, this.inputPtr, this.capacity);
    this.features = new Float32Array(memory, this.exports.featuresPtr(), count);
    const w = new Float64Array(memory, this.exports.weightsPtr(), 2 * count + 1);
    w.set(weights.weights);
    w[count] = weights.bias;
    w.set(weights.clip, count + 1);
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
    const contextLen = this.writeWindow(input.context, 0, Math.floor(this.capacity * CONTEXT_SHARE));
    const contextScale = scaleOf(input.contextTotalLength ?? input.context.length, this.unitsRead);
    const primaryLen = this.writeWindow(input.primary, contextLen, this.capacity - contextLen);
    const primaryScale = scaleOf(input.primary.length, this.unitsRead);
    const score = this.exports.score(
      contextLen,
      primaryLen,
      contextScale,
      primaryScale,
      input.flags | 0,
      clampInt(input.maxTokens),
      clampInt(input.turns),
    );
    return { score, features: this.features, tokens: this.exports.tokenEstimate() };
  }

  /**
   * Encodes text into the buffer at `offset`, using at most `budget` bytes. Text
   * that does not fit keeps a head window (HEAD_SHARE of the budget) and a tail
   * window (the rest); the wasm is told the ratio of the full length to what it
   * read, so size features stay right. Memory never grows. Returns bytes written.
   */
  private writeWindow(text: string, offset: number, budget: number): number {
    this.unitsRead = 0;
    if (budget <= 0 || text.length === 0) return 0;
    const region = this.bytes.subarray(offset, offset + budget);
    const whole = encoder.encodeInto(text, region);
    if (whole.read === text.length) {
      this.unitsRead = whole.read;
      return whole.written;
    }
    const head = encoder.encodeInto(text, region.subarray(0, Math.floor(budget * HEAD_SHARE)));
    // A UTF-16 unit takes at most 3 UTF-8 bytes, so this many units always fit.
    let tailStart = text.length - Math.floor((budget - head.written) / 3);
    // Never start the tail on the low half of a surrogate pair (it would encode as U+FFFD).
    if (isLowSurrogate(text.charCodeAt(tailStart))) tailStart++;
    tailStart = Math.max(tailStart, head.read);
    const tail = encoder.encodeInto(text.slice(tailStart), region.subarray(head.written));
    this.unitsRead = head.read + tail.read;
    return head.written + tail.written;
  }

  private refreshViews(): void {
    // Views detach only if memory grew, which the ABI promises never happens; stay safe anyway.
    if (this.bytes.byteLength === 0) {
      const memory = this.exports.memory.buffer;
      this.bytes = new Uint8Array(memory, this.inputPtr, this.capacity);
      this.features = new Float32Array(memory, this.exports.featuresPtr(), this.features.length);
    }
  }
}

function scaleOf(total: number, read: number): number {
  return read > 0 && total > read ? total / read : 1;
}

function clampInt(value: number | undefined): number {
  if (value === undefined || !Number.isFinite(value) || value <= 0) return 0;
  return Math.min(Math.floor(value), 0x7fffffff);
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
