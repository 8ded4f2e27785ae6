// Host side of the wasm scorer: instantiated once per isolate from a precompiled
// module, fed through a fixed scratch buffer with TextEncoder.encodeInto, so a
// call allocates nothing inside wasm memory. Used by the Worker and by the Node
// tools (fit, eval, bench) alike: no Worker-only imports here.
import { FEATURE_NAMES } from "./feature-names.ts";
import { checkScorerModel, type ScorerModel } from "./scorer-model.ts";
import { TOPIC_NAMES } from "./topic-names.ts";
import { decodeTopicTable, TOPIC_ENTRY_BYTES } from "./topic-table.ts";

interface ScorerExports {
  memory: WebAssembly.Memory;
  abiVersion(): number;
  inputPtr(): number;
  inputCapacity(): number;
  featuresPtr(): number;
  featureCount(): number;
  featureNamesPtr(): number;
  featureNamesLength(): number;
  tokenEstimate(): number;
  ngramBuckets(): number;
  ngramIndexPtr(): number;
  ngramValuePtr(): number;
  ngramCount(): number;
  topicCapacity(): number;
  topicCount(): number;
  topicTablePtr(): number;
  buildTopics(n: number): number;
  clipPtr(): number;
  modelWeightsPtr(): number;
  setModel(bias: number, active: number): number;
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

const ABI_VERSION = 5;

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

/** Hashed word n-grams of a prompt: bucket numbers and their values (unit L2 norm). */
export interface NgramView {
  index: Uint16Array;
  value: Float32Array;
}

export interface ScorerOutput {
  /**
   * The strong model's estimated win rate over a cheaper one on this prompt (ties count
   * half): 0.5 = no expected gain from routing up. See docs/evaluation.md.
   */
  score: number;
  /** A view of the wasm feature buffer: valid until the next call; copy to keep. */
  features: Float32Array;
  /** Views of the wasm n-gram buffers: valid until the next call; copy to keep. */
  ngrams: NgramView;
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
  private ngramIndex: Uint16Array;
  private ngramValue: Float32Array;
  /** Tier boundaries and band fitted with the weights (env variables override them). */
  readonly defaults: ScorerModel["defaults"] | undefined;
  /** Words in the topic table. */
  readonly topicEntries: number;
  // Result of the last writeWindow call: UTF-16 units that made it into the buffer.
  private unitsRead = 0;

  /**
   * `topics` (the bytes of wasm/scorer-topics.bin, src/score/topic-table.ts) is the word table the topic features read.
   * Without `model` the scorer only extracts features (its score is then 0.5): the fitting tools use that.
   */
  constructor(module: WebAssembly.Module, topics: ArrayBuffer | Uint8Array, model?: ScorerModel) {
    const instance = new WebAssembly.Instance(module, {});
    this.exports = instance.exports as unknown as ScorerExports;
    const x = this.exports;
    if (x.abiVersion() !== ABI_VERSION) {
      throw new Error(`scorer.wasm ABI ${x.abiVersion()}, host expects ${ABI_VERSION}`);
    }
    const memory = x.memory.buffer;
    const names = new Uint16Array(memory, x.featureNamesPtr(), x.featureNamesLength());
    // The wasm names its dense features; the topic features (its last topicCount) are named by topic-names.ts.
    if (x.topicCount() !== TOPIC_NAMES.length) throw new Error("scorer.wasm topic count differs from topic-names.ts");
    this.featureNames = [...String.fromCharCode(...names).split(","), ...TOPIC_NAMES.map((t) => `topic_${t}`)];
    const count = x.featureCount();
    if (this.featureNames.length !== count || this.featureNames.join() !== FEATURE_NAMES.join()) {
      throw new Error("scorer.wasm feature layout differs from src/score/feature-names.ts");
    }
    this.capacity = x.inputCapacity();
    this.inputPtr = x.inputPtr();
    this.bytes = new Uint8Array(memory, this.inputPtr, this.capacity);
    this.features = new Float32Array(memory, x.featuresPtr(), count);
    this.ngramIndex = new Uint16Array(memory, x.ngramIndexPtr(), x.ngramBuckets());
    this.ngramValue = new Float32Array(memory, x.ngramValuePtr(), x.ngramBuckets());
    this.topicEntries = this.loadTopics(topics);
    this.defaults = model?.defaults;
    if (model) this.load(model);
  }

  /** Copies the word-topic table into wasm memory and indexes it; returns its entry count. */
  private loadTopics(data: ArrayBuffer | Uint8Array): number {
    const x = this.exports;
    const bytes = decodeTopicTable(data instanceof Uint8Array ? data : new Uint8Array(data));
    const entries = bytes.length / TOPIC_ENTRY_BYTES;
    if (entries < 1 || entries > x.topicCapacity()) {
      throw new Error(`scorer topic table invalid: ${bytes.length} bytes (run npm run build:topics)`);
    }
    new Uint8Array(x.memory.buffer, x.topicTablePtr(), bytes.length).set(bytes);
    if (!x.buildTopics(entries)) throw new Error("scorer.wasm refused the topic table");
    return entries;
  }

  private load(model: ScorerModel): void {
    const x = this.exports;
    checkScorerModel(model, {
      featureNames: this.featureNames,
      topicNames: TOPIC_NAMES,
      topicEntries: this.topicEntries,
    });
    const memory = x.memory.buffer;
    const count = this.featureNames.length;
    new Float32Array(memory, x.clipPtr(), count).set(model.clip);
    new Float32Array(memory, x.modelWeightsPtr(), count).set(model.weights);
    if (!x.setModel(model.bias, 1)) throw new Error("scorer.wasm refused the model");
  }

  get featureCount(): number {
    return this.features.length;
  }

  get ngramBuckets(): number {
    return this.ngramIndex.length;
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
    const n = this.exports.ngramCount();
    return {
      score,
      features: this.features,
      ngrams: { index: this.ngramIndex.subarray(0, n), value: this.ngramValue.subarray(0, n) },
      tokens: this.exports.tokenEstimate(),
    };
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
      this.ngramIndex = new Uint16Array(memory, this.exports.ngramIndexPtr(), this.ngramIndex.length);
      this.ngramValue = new Float32Array(memory, this.exports.ngramValuePtr(), this.ngramValue.length);
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
