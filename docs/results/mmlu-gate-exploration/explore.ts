// MMLU gate exploration (train split only, 5-fold CV as tools/build/train/cross-validate.ts).
// Archived as run for docs/results/mmlu-gate-exploration.md (not part of the build or the tests):
//   node docs/results/mmlu-gate-exploration/explore.ts DATA '{variant json}' ...
// Variant keys: "recipe" (a patch of SCORER_RECIPE), "binBalance", "smooth" + "smoothMode"
// ("mmlu" | "neighbours", "smoothRadius"), "lrEnd", "batch", "seeds", "oracles": true.
// Environment: NGRAM_BITS (word buckets, 2^bits; default 12 = the wasm), CHAR=n (char n-grams),
// CHAR_BITS, CHAR_W (their bucket bits and presence value), FORCE_JS=1 (the JS n-grams at 12 bits).
const R = new URL("../../../", import.meta.url).pathname;
const { twoModelMetrics } = await import(R + "tools/lib/eval/two-model.ts");
const { loadScorer } = await import(R + "tools/lib/scorer/node-scorer.ts");
const { augmentedItems } = await import(R + "tools/build/train/augmented-rows.ts");
const { FOLDS, foldOf, heldOut, isScored } = await import(R + "tools/build/train/cross-validate.ts");
const { exportMixture, mixtureForward, mixtureLogits } = await import(R + "tools/build/train/export-mixture.ts");
const rc = await import(R + "tools/build/train/recipe.ts");
const { resolvePriors } = await import(R + "tools/build/train/priors.ts");
const { fitSparseLogistic, predictRow } = await import(R + "tools/build/train/sparse-logistic.ts");
const { fitTierDefaults } = await import(R + "tools/build/train/tier-defaults.ts");
const { loadTrainingData, OUTCOME_SETS } = await import(R + "tools/build/train/training-rows.ts");
const { FEATURE_NAMES } = await import(R + "src/score/feature-names.ts");
const { trainSoftmax } = await import(R + "tools/build/train/softmax.ts");

process.chdir(R);
const [dataDir = "../shared/data", ...variants] = process.argv.slice(2);
const t0 = performance.now();
const baseScorer = loadScorer(null);
const BITS = Number(process.env.NGRAM_BITS ?? 12);
const { ngramPresence } = await import(R + "tools/lib/scorer/ngram-reference.ts");
const { normaliseBytes } = await import(R + "tools/lib/scorer/normalise-reference.ts");
const enc = new TextEncoder();
// NGRAM_BITS != 12: n-grams recomputed by the JS reference at that size (primary span only:
// the training rows are single-turn); UNI_ONLY / CHAR=n add variants.
const scorer: any =
  BITS === 12 && !process.env.CHAR && !process.env.FORCE_JS
    ? baseScorer
    : {
        ngramBuckets: (1 << BITS) + (process.env.CHAR ? 1 << Number(process.env.CHAR_BITS ?? 12) : 0),
        score(input: any) {
          const out = baseScorer.score(input);
          if (input.context) throw new Error("context not supported");
          const pres = ngramPresence(normaliseBytes(enc.encode(input.primary)), BITS);
          if (process.env.CHAR) {
            // hashed char n-grams of lower-cased letters/digits, words padded with spaces, presence
            const n = Number(process.env.CHAR);
            const cb = Number(process.env.CHAR_BITS ?? 12);
            const cw = Number(process.env.CHAR_W ?? 0.5);
            const text = " " + input.primary.toLowerCase().replace(/[^a-z0-9]+/g, " ") + " ";
            for (let i = 0; i + n <= text.length; i++) {
              let h = 2166136261;
              for (let q = 0; q < n; q++) h = Math.imul(h ^ text.charCodeAt(i + q), 16777619) >>> 0;
              const b = (1 << BITS) + (Math.imul(h, 0x9e3779b1) >>> (32 - cb));
              pres.set(b, Math.max(pres.get(b) ?? 0, cw));
            }
          }
          let norm = 0;
          for (const v of pres.values()) norm += v * v;
          norm = Math.sqrt(norm) || 1;
          const keys = [...pres.keys()].sort((a, b) => a - b);
          return {
            ...out,
            features: out.features,
            ngrams: { index: keys, value: keys.map((k) => pres.get(k)! / norm) },
          };
        },
      };
const data = loadTrainingData(dataDir, scorer, { gateOnly: true, stems: true, promptOnly: true });
const items = [...data.items, ...augmentedItems(dataDir, scorer, data.items, rc.AUGMENTATION)];
console.error(`loaded ${items.length} rows in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
const round = (x: number) => Math.round(x * 1e4) / 1e4;

function fit(train: any[], recipe: any, v: any) {
  const groupMap = rc.groupMapOf(train, recipe);
  const groups = [...new Set(Object.values(groupMap) as string[])].sort();
  const index = new Map(groups.map((g, i) => [g, i]));
  const K = groups.length;
  const rows = train.map((it: any) => ({
    dense: it.dense,
    idx: it.idx,
    val: it.val,
    y: it.y ?? Number.NaN,
    w: it.weight ?? (it.derivedFrom && it.set.endsWith("#stem") ? recipe.derivedWeight : 1),
    group: index.get(groupMap[it.group])!,
    src: it.group,
  }));
  let gw = rows.map((r: any) => r.w);
  if (recipe.balance !== undefined && recipe.balance !== 1)
    gw = rc.balancedGateWeights(
      rows.map((r: any) => ({ group: r.src, w: r.w })),
      recipe.balance,
    );
  if (v.binBalance !== undefined) {
    // within MMLU: each bin's total proportional to total^binBalance, MMLU total kept
    const tot = new Map<number, number>();
    rows.forEach((r: any, i: number) => {
      if (r.src.startsWith("mmlu")) tot.set(r.group, (tot.get(r.group) ?? 0) + gw[i]);
    });
    const all = [...tot.values()].reduce((a, b) => a + b, 0);
    const tgt = new Map([...tot].map(([g, t]) => [g, t ** v.binBalance]));
    const sc = all / [...tgt.values()].reduce((a, b) => a + b, 0);
    gw = gw.map((w: number, i: number) =>
      rows[i].src.startsWith("mmlu") ? (w * tgt.get(rows[i].group)! * sc) / tot.get(rows[i].group)! : w,
    );
  }
  const mmluIdx = groups.flatMap((g, i) => (g.startsWith("mmlu") ? [i] : []));
  let smoothTo: ((l: number) => number[]) | undefined;
  if (v.smoothMode === "mmlu") smoothTo = (l) => (mmluIdx.includes(l) ? mmluIdx : [l]);
  else if (v.smoothMode === "neighbours")
    smoothTo = (l) => {
      const j = mmluIdx.indexOf(l);
      if (j < 0) return [l];
      return mmluIdx.filter((_, q) => Math.abs(q - j) <= (v.smoothRadius ?? 1));
    };
  const gateOpt = { ...recipe.gate };
  delete gateOpt.dropDense;
  const trainGate = (seed: number) =>
    trainSoftmax(
      rows.map((r: any, i: number) => ({ dense: r.dense, idx: r.idx, val: r.val, w: gw[i], label: r.group })),
      {
        classes: K,
        buckets: scorer.ngramBuckets,
        ...gateOpt,
        batch: v.batch,
        smooth: v.smooth,
        smoothTo,
        lrEnd: v.lrEnd,
        ...(recipe.gate.dropDense
          ? { denseMask: FEATURE_NAMES.map((n: string) => !recipe.gate.dropDense.includes(n)) }
          : {}),
        seed,
      },
    );
  // seeds > 1: average the weights (logits) of gates trained with different shuffles
  const nSeeds = v.seeds ?? 1;
  const gate = trainGate(recipe.gate.seed);
  for (let q = 1; q < nSeeds; q++) {
    const g2 = trainGate(recipe.gate.seed + 100 * q);
    for (let j = 0; j < gate.w.length; j++) gate.w[j]! += g2.w[j]!;
    for (let j = 0; j < gate.b.length; j++) gate.b[j]! += g2.b[j]!;
  }
  for (let j = 0; j < gate.w.length; j++) gate.w[j]! /= nSeeds;
  for (let j = 0; j < gate.b.length; j++) gate.b[j]! /= nSeeds;
  const usable = rows.filter((r: any) => Number.isFinite(r.y));
  let total = 0,
    weight = 0;
  for (const r of usable) {
    total += r.w * r.y;
    weight += r.w;
  }
  const overall = total / weight;
  const priors = resolvePriors(train, groups);
  const experts = groups.map((g, k) => {
    if (priors[g] !== undefined) return { kind: "constant", logit: Math.log(priors[g] / (1 - priors[g])) };
    const mine = usable.filter((r: any) => r.group === k);
    if (recipe.linear.includes(g)) {
      const dense = recipe.expert.dense;
      const { dense: _d, ...ex } = recipe.expert;
      return {
        kind: "linear",
        model: fitSparseLogistic(mine, {
          ...ex,
          buckets: scorer.ngramBuckets,
          ...(dense ? { denseMask: FEATURE_NAMES.map((n: string) => dense.includes(n)) } : {}),
        }),
      };
    }
    const n = recipe.shrink;
    let sy = 0,
      sw = 0;
    for (const r of mine) {
      sy += r.w * r.y;
      sw += r.w;
    }
    const mean = (sy + n * overall) / (sw + n);
    return { kind: "constant", logit: Math.log(mean / (1 - mean)) };
  });
  const exported = exportMixture({ groups, gate, experts } as any, rc.featureClip(train), recipe.padTo);
  const t = recipe.gateSharpen ?? 1;
  const C = exported.columns;
  for (let k = 0; k < K; k++) exported.bias[k]! *= t;
  for (let r = 0; r < exported.weights.length / C; r++) for (let k = 0; k < K; k++) exported.weights[r * C + k]! *= t;
  return { exported, groupMap, index };
}

function gateProbs(m: any, row: any) {
  const K = m.groups.length;
  const logits = mixtureLogits(m, row).subarray(0, K);
  let top = -Infinity;
  for (let k = 0; k < K; k++) top = Math.max(top, logits[k]!);
  let s = 0;
  for (let k = 0; k < K; k++) s += logits[k] = Math.exp(logits[k]! - top);
  for (let k = 0; k < K; k++) logits[k]! /= s;
  return logits;
}

const sig = (z: number) => 1 / (1 + Math.exp(-z));
const scored = items.map((it, i) => ({ it, i })).filter(({ it }) => isScored(it));
const apgr = (set: string, sc: Float64Array) => {
  const rows = scored.filter(({ it }) => it.set === set);
  return round(
    twoModelMetrics(
      Float64Array.from(rows, ({ i }) => sc[i]!),
      rows.map(({ it }) => it.pair!),
    ).apgr,
  );
};

for (const vs of variants.length ? variants : ["{}"]) {
  const t1 = performance.now();
  const v = JSON.parse(vs);
  const patch = v.recipe ?? {};
  const recipe = {
    ...rc.SCORER_RECIPE,
    ...patch,
    gate: { ...rc.SCORER_RECIPE.gate, ...patch.gate },
    expert: { ...rc.SCORER_RECIPE.expert, ...patch.expert },
  };
  const oof = new Float64Array(items.length).fill(Number.NaN);
  const oracleBin = new Float64Array(items.length).fill(Number.NaN);
  const oracleSubj = new Float64Array(items.length).fill(Number.NaN);
  const oracleSubjShrunk = new Float64Array(items.length).fill(Number.NaN);
  const hardGate = new Float64Array(items.length).fill(Number.NaN);
  let nM = 0,
    hit = 0,
    pTrue = 0,
    nearHit = 0,
    rateErr = 0;
  for (let f = 0; f < FOLDS; f++) {
    const train = items.filter((it) => !heldOut(it, f));
    const { exported, groupMap, index } = fit(train, recipe, v);
    const consts = exported.experts.map((e: any) => (e.column < 0 ? sig(e.logit) : Number.NaN));
    // train-fold subject rates (outcome rows only, no copies)
    const subj = new Map<string, [number, number]>();
    let ys = 0,
      yn = 0;
    for (const it of train)
      if (it.set === "routellm-mmlu" && it.y !== undefined && !it.derivedFrom) {
        const s = subj.get(it.group) ?? [0, 0];
        s[0] += it.y;
        s[1]++;
        subj.set(it.group, s);
        ys += it.y;
        yn++;
      }
    const overall = ys / yn;
    items.forEach((it, i) => {
      if (!((isScored(it) || it.probe) && !it.derivedFrom && foldOf(it.id) === f)) return;
      oof[i] = mixtureForward(exported, it);
      if (it.set !== "routellm-mmlu") {
        oracleBin[i] = oracleSubj[i] = oracleSubjShrunk[i] = hardGate[i] = oof[i]!;
        return;
      }
      const k = index.get(groupMap[it.group])!;
      oracleBin[i] = consts[k]!;
      const s = subj.get(it.group)!;
      oracleSubj[i] = s[0] / s[1];
      oracleSubjShrunk[i] = (s[0] + 20 * overall) / (s[1] + 20);
      const p = gateProbs(exported, it);
      let am = 0;
      for (let q = 1; q < p.length; q++) if (p[q]! > p[am]!) am = q;
      hardGate[i] = Number.isFinite(consts[am]) ? consts[am]! : oof[i]!;
      nM++;
      if (am === k) hit++;
      if (Math.abs(am - k) <= 1 && exported.groups[am].startsWith("mmlu")) nearHit++;
      pTrue += p[k]!;
      if (Number.isFinite(consts[am])) rateErr += Math.abs(consts[am]! - consts[k]!);
    });
  }
  const d = fitTierDefaults(
    scored.map(({ it, i }) => ({ set: it.set, score: oof[i]!, pair: it.pair! })),
    0.2,
  );
  const [lo, hi] = d.tier_boundaries;
  const tier = (s: number) => (s < lo ? 0 : s < hi ? 1 : 2);
  const out: Record<string, unknown> = {
    v: vs,
    mmlu: apgr("routellm-mmlu", oof),
    gsm8k: apgr("routellm-gsm8k", oof),
    gateAcc: round(hit / nM),
    gateAcc1: round(nearHit / nM),
    pTrue: round(pTrue / nM),
    rateErr: round(rateErr / nM),
    hardGate: apgr("routellm-mmlu", hardGate),
    oracleBin: apgr("routellm-mmlu", oracleBin),
  };
  if (v.oracles) {
    out.oracleSubj = apgr("routellm-mmlu", oracleSubj);
    out.oracleSubjShrunk = apgr("routellm-mmlu", oracleSubjShrunk);
  }
  const probes: Record<string, string> = {};
  for (const g of [...new Set(items.filter((it) => it.probe).map((it) => it.group))].sort()) {
    const s = items.flatMap((it, i) => (it.probe && !it.derivedFrom && it.group === g ? [oof[i]!] : []));
    const sh = [0, 1, 2].map((t) => s.filter((x) => tier(x) === t).length / s.length);
    probes[g] = sh.map((x) => (100 * x).toFixed(1)).join("/");
  }
  out.probes = probes;
  out.sec = Math.round((performance.now() - t1) / 1000);
  console.log(JSON.stringify(out));
}
