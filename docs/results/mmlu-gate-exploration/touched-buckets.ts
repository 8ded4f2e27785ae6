// How many n-gram buckets MMLU train prompts touch (words at 12 and 14 bits, char 4-grams at 13).
//   node docs/results/mmlu-gate-exploration/touched-buckets.ts
const R = new URL("../../../", import.meta.url).pathname;
process.chdir(R);
const { loadScorer } = await import(R + "tools/lib/scorer/node-scorer.ts");
const { readDataFile } = await import(R + "tools/lib/eval/data.ts");
const { ngramPresence } = await import(R + "tools/lib/scorer/ngram-reference.ts");
const { normaliseBytes } = await import(R + "tools/lib/scorer/normalise-reference.ts");
const s = loadScorer(null);
const enc = new TextEncoder();
const rows = readDataFile(process.argv[2] ?? "../shared/data", "routellm-mmlu")
  .rows.filter((r: any) => r.split === "train")
  .slice(0, 3000);
let w = 0,
  w14 = 0,
  c = 0;
for (const r of rows) {
  w += s.score({ primary: r.prompt, context: "", flags: 0 }).ngrams.index.length;
  w14 += ngramPresence(normaliseBytes(enc.encode(r.prompt)), 14).size;
  const text = " " + r.prompt.toLowerCase().replace(/[^a-z0-9]+/g, " ") + " ";
  const set = new Set<number>();
  for (let i = 0; i + 4 <= text.length; i++) {
    let h = 2166136261;
    for (let q = 0; q < 4; q++) h = Math.imul(h ^ text.charCodeAt(i + q), 16777619) >>> 0;
    set.add(Math.imul(h, 0x9e3779b1) >>> 19);
  }
  c += set.size;
}
console.log({ words12: w / rows.length, words14: w14 / rows.length, char13: c / rows.length });
