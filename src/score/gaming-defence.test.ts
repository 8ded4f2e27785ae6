// The scorer's router-gaming defences inside workerd (real wasm): text normalisation
// (assembly/normalise.ts) and repetition damping / fenced text (assembly/scan.ts, ngrams.ts).
import { describe, expect, it } from "vitest";
import { getScorer } from "./default-scorer.ts";
import { FEATURE_NAMES, type FeatureName } from "./feature-names.ts";

/** Everything the models read of a prompt: features and n-grams, copied out of wasm memory. */
function view(primary: string) {
  const out = getScorer().score({ primary, context: "", flags: 0 });
  return {
    score: out.score,
    features: Array.from(out.features),
    ngrams: Array.from(out.ngrams.index).map((b, i) => [b, out.ngrams.value[i]]),
  };
}

function feature(primary: string, name: FeatureName): number {
  return getScorer().score({ primary, context: "", flags: 0 }).features[FEATURE_NAMES.indexOf(name)]!;
}

const PROMPT = "Prove that the sum of two odd integers is even. Show each step, then check it with 3 and 5.";

describe("normalisation: what reads the same scores the same", () => {
  it.each([
    [
      "Cyrillic and Greek look-alikes",
      "Рrоvе thаt thе ѕum оf twо оdd іntеgеrѕ іѕ еvеn. Ѕhоw еасh ѕtер, thеn сhесk іt wіth 3 аnd 5.",
    ],
    [
      "a look-alike-only word after Latin text",
      "Prove that the ѕum оf two odd integers is even. Show each step, then check it with 3 аnd 5.",
    ],
    [
      "fullwidth forms",
      "Ｐｒｏｖｅ ｔｈａｔ ｔｈｅ ｓｕｍ ｏｆ ｔｗｏ ｏｄｄ ｉｎｔｅｇｅｒｓ ｉｓ ｅｖｅｎ． Show each step, then check it with ３ and ５.",
    ],
    [
      "mathematical bold and letterlike",
      "𝐏𝐫𝐨𝐯𝐞 that the sum of two odd integers is even. Show eac\u210e step, then check it with 𝟑 and 𝟓.",
    ],
    ["circled letters", "Ⓟⓡⓞⓥⓔ that the sum of two odd integers is even. Show each step, then check it with 3 and 5."],
    [
      "zero-width characters, BOM, word joiner",
      "Pr\u200bove th\u200cat the s\u200dum of two o\u2060dd integers is\ufeff even. Show each step, then check it with 3 and 5.",
    ],
    [
      "soft hyphens and combining marks",
      "Pro\u00adve that the sum of two odd inte\u00adgers is even. Sho\u0301w each step, then check it with 3 and 5.",
    ],
    [
      "tag characters",
      "Prove that the sum of two odd integers is even.\u{E0050}\u{E0072}\u{E006F} Show each step, then check it with 3 and 5.",
    ],
    [
      "bidi controls and variation selectors",
      "Prove\u202e that\u202c the sum\ufe0f of two odd integers is even. Show each step, then check it with 3 and 5.",
    ],
    [
      "an HTML comment",
      "Prove that the sum of two odd <!-- prove derive rigorous theorem -->integers is even. Show each step, then check it with 3 and 5.",
    ],
    [
      "no-break and ideographic spaces",
      "Prove\u00a0that the\u3000sum of two odd integers is even. Show each step, then check it with 3 and 5.",
    ],
  ])("%s", (_, disguised) => {
    expect(view(disguised)).toEqual(view(PROMPT));
  });

  it("folds accents to their base letters, so the lexicon sees the word", () => {
    expect(feature("Próvé it", "log_reasoning")).toBe(feature("Prove it", "log_reasoning"));
    expect(feature("Prove it", "log_reasoning")).toBeGreaterThan(0);
  });

  it("leaves real Greek, Cyrillic and Armenian text in its own script", () => {
    for (const text of ["Привет, как дела?", "Բարև աշխարհ"]) {
      expect(feature(text, "other_script_ratio")).toBeGreaterThan(0.5);
    }
    expect(feature("Καλημέρα κόσμε", "symbol_ratio")).toBeGreaterThan(0.5); // the scan reads Greek as symbols
    // A look-alike-only word inside Russian text stays Russian too.
    expect(feature("Привет сор мир", "other_script_ratio")).toBeGreaterThan(0.8);
  });
});

describe("repetition and hidden text add nothing", () => {
  it("a repeated prompt, sentence or phrase does not grow the size features or the n-grams", () => {
    const once = view(PROMPT);
    const thrice = view(`${PROMPT}\n${PROMPT}\n${PROMPT}`);
    // Undamped, tripling the text would add log(3) ~ 1.1 to each; only the seam between copies is new.
    for (const name of [
      "log_tokens",
      "log_sentences",
      "log_numbers",
      "log_reasoning",
      "log_quantity_tokens",
    ] as const) {
      const i = FEATURE_NAMES.indexOf(name);
      expect(thrice.features[i]! - once.features[i]!, name).toBeLessThan(0.3);
    }
    // Presence, not counts: the repeated prompt touches the same buckets (plus a bigram or two at the seams).
    expect(thrice.ngrams.length).toBeLessThanOrEqual(once.ngrams.length + 2);
    const repeated = "Think step by step and prove rigorously. ".repeat(20);
    const single = feature("Think step by step and prove rigorously.", "log_tokens");
    expect(feature(repeated, "log_tokens") - single).toBeLessThan(0.25); // undamped: + log(20) ~ 3
  });

  it("counts each cue word once however often it is stuffed", () => {
    expect(feature("prove ".repeat(50), "log_reasoning")).toBeCloseTo(Math.log(2), 5);
    expect(feature("prove derive analyze", "log_reasoning")).toBeCloseTo(Math.log(4), 5);
  });

  it("reads text in a code fence as data: no task cues, a quarter of the size", () => {
    const fenced = "Summarise this:\n```\nprove derive analyze optimize theorem lemma\n```";
    expect(feature(fenced, "log_reasoning")).toBe(0);
    expect(feature("```\nconst x = await f();\n```", "log_code_words")).toBeGreaterThan(0); // code words still count
    const padding = "The weather was mild and the office was quiet all day long. ";
    const outside = feature(`Fix this.\n${padding}`, "log_tokens");
    const inside = feature(`Fix this.\n\`\`\`\n${padding}\n\`\`\``, "log_tokens");
    expect(inside).toBeLessThan(outside);
  });

  it("sizes a problem by the sentences that state a quantity, not by padding", () => {
    const problem = "Tom has 3 apples and buys 5 more. How many apples does he have?";
    const padded = `The office was quiet and the weather was mild all week long. ${problem}`;
    expect(feature(problem, "log_quantity_tokens")).toBeGreaterThan(0);
    expect(feature(padded, "log_quantity_tokens")).toBe(feature(problem, "log_quantity_tokens"));
    expect(feature(padded, "log_tokens")).toBeGreaterThan(feature(problem, "log_tokens"));
  });

  it("counts question words only in questions", () => {
    expect(feature("when where what how", "log_question_words")).toBe(0);
    expect(feature("When and where did it happen?", "log_question_words")).toBeCloseTo(Math.log(3), 5);
  });

  it("still gives the full token estimate for costs (repeats are billed)", () => {
    const scorer = getScorer();
    const once = scorer.score({ primary: PROMPT, context: "", flags: 0 }).tokens;
    const thrice = scorer.score({ primary: `${PROMPT} ${PROMPT} ${PROMPT}`, context: "", flags: 0 }).tokens;
    expect(thrice).toBeGreaterThan(2.5 * once);
  });
});
