// Inputs for the scorer's differential check (tools/lib/scorer/diff-wasm.ts): deterministic, and
// aimed at what a faster normalisation or scan could get wrong. Random text built from a palette
// of the characters the wasm treats specially (look-alikes, dropped and folded characters, CJK
// with its exceptions U+3000 and U+3164, U+061C, emoji, mathematical letters, lone surrogates,
// NUL, "<!--"), so every 16-byte chunk alignment is met; every code point up to U+3200 (and a
// sample beyond) in Latin and Cyrillic context; golden and benchmark prompts; inputs larger than
// the scratch buffer.
import type { ScorerInput } from "../../../src/score/scorer.ts";
import { GOLDEN_INPUTS } from "../../../test/fixtures/scorer-golden-prompts.ts";
import { benchPrompt, SIZES } from "../bench-prompts.ts";
import { seededRandom } from "../../../src/util/seeded-random.ts";

const PALETTE = [
  ..."abcdefghijklmnopqrstuvwxyzABCXYZ0123456789",
  ..."    \n\n\t.,;:!?-+*/=<>()[]{}$\\`_'\"#@%&|^~",
  "```",
  "<!--",
  "-->",
  "<",
  "\0",
  "\r\n",
  // Cyrillic, Greek, Armenian: look-alikes and not; IPA.
  ..."аеорсухѕіјѡѵүһӏԁԛԝАВЕКМНОРСТУХЅІЈприветкакделаПЖЩЯ",
  ..."αγικνορυχωϲϳΑΒΕΖΗΙΚΜΝΟΡΤΥΧλπσΣΔ",
  ..."հոսօաբգ",
  ..."ɑɡɩ",
  // Latin-1 and Latin Extended, combining marks, invisible and space-like characters.
  ..."éèêëïîôöüçñßÀÉØ×÷ÆœŁłŒſḀḁẞỳ",
  "\u0301",
  "\u0308",
  "\u034f",
  "\u00a0",
  "\u00ad",
  "\u0085",
  "\u200b",
  "\u200c",
  "\u200d",
  "\u2060",
  "\u202e",
  "\u2028",
  "\u2029",
  "\u2003",
  "\u202f",
  "\ufeff",
  "\ufe0f",
  "\u061c",
  "\u115f",
  "\u180b",
  "\u1680",
  "\u3000",
  "\u3164",
  "\uffa0",
  "\ufff9",
  // CJK, kana, Hangul, punctuation of the E3 lead byte, fullwidth.
  ..."日本語のテキストを英語に翻訳してください。、「」한국어문장있습니다中文字符ｱＡｚ１！",
  // Hebrew, Arabic, Devanagari, Thai.
  ..."שלוםעולםמרחבابالعالمنهदिनไทย",
  // Symbols, maths, emoji (with ZWJ sequences and skin tones), maths alphanumerics, tags.
  ..."—–•→∀∑∫≤√°±€£…™ℝℓℎ⒜Ⓐⓐ",
  "😀",
  "🚀",
  "👩‍👩‍👧",
  "👍🏽",
  "🇫🇷",
  "🅰",
  "🄰",
  "𝐀",
  "𝒙",
  "𝟎",
  "\u{e0041}",
  "\u{e0100}",
  "\u{1d173}",
  "\u{1bca0}",
  "\u{10ffff}",
  "\u{1f190}",
  "\u{1f1c0}",
  // Lone surrogates (TextEncoder writes U+FFFD) and U+FFFD itself.
  "\ud800",
  "\udc00",
  "\udbff",
  "\ufffd",
];

export function randomText(rand: () => number, maxItems: number): string {
  const n = Math.floor(rand() * maxItems);
  let s = "";
  // Runs of one character class (a script block) as well as noise: pick a sub-palette per text.
  const lo = Math.floor(rand() * PALETTE.length);
  const span = 1 + Math.floor(rand() * PALETTE.length);
  for (let i = 0; i < n; i++) {
    const j = rand() < 0.7 ? (lo + Math.floor(rand() * span)) % PALETTE.length : Math.floor(rand() * PALETTE.length);
    s += PALETTE[j]!;
  }
  return s;
}

/** Any UTF-16 units at all, including unpaired surrogates. */
function randomUnits(rand: () => number, max: number): string {
  const n = Math.floor(rand() * max);
  const units: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = rand();
    units.push(
      r < 0.3 ? Math.floor(rand() * 0x80) : r < 0.5 ? Math.floor(rand() * 0x800) : Math.floor(rand() * 0x10000),
    );
  }
  return String.fromCharCode(...units);
}

function input(primary: string, context = "", rand?: () => number): ScorerInput {
  if (!rand) return { primary, context, flags: 0 };
  return {
    primary,
    context,
    flags: Math.floor(rand() * 16),
    maxTokens: rand() < 0.3 ? Math.floor(rand() * 9000) : undefined,
    turns: Math.floor(rand() * 4),
  };
}

/** About 10,000 inputs (plus one per code point up to U+3200 in two contexts). */
export function* diffInputs(seed = 1): Generator<ScorerInput> {
  const rand = seededRandom(seed);
  for (const g of GOLDEN_INPUTS) yield g.input;
  for (const kind of ["ascii", "mixed"] as const) for (const size of SIZES) yield input(benchPrompt(kind, size));
  // Every code point (surrogates alone) up to U+3200, then a sample of the rest, between Latin
  // letters and between Cyrillic ones, next to look-alikes, at word starts and ends.
  for (let cp = 0; cp < 0x110000; cp += cp < 0x3200 ? 1 : 97) {
    const c = String.fromCodePoint(cp);
    yield input(`Please prove th${c}s: x${c}y, р${c}оve ${c}word ${c}`);
    yield input(`Привет ${c}как де${c}ла р${c}с ${c}. hello w${c}rld`, `system ${c} рrоmрt`);
  }
  for (let i = 0; i < 6000; i++) {
    const context = rand() < 0.3 ? randomText(rand, 200) : "";
    yield input(randomText(rand, i % 10 === 0 ? 3000 : 300), context, rand);
  }
  for (let i = 0; i < 2000; i++) yield input(randomUnits(rand, 400), rand() < 0.2 ? randomUnits(rand, 100) : "", rand);
  // Larger than the buffer (64 KiB; the context's share is 8 KiB): head + tail windows.
  for (let i = 0; i < 40; i++) {
    const piece = randomText(rand, 400);
    const big = piece.repeat(Math.ceil((70_000 + rand() * 150_000) / Math.max(piece.length, 1)));
    yield input(big, i % 2 ? big.slice(0, 9000 + i * 7) : "", rand);
    yield input(benchPrompt(i % 2 ? "mixed" : "ascii", 65536) + randomText(rand, 30) + big.slice(0, 5000), "", rand);
  }
}
