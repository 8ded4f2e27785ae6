// Synthetic prompts for kinds the outcome data does not cover: greetings, chit-chat,
// thanks and very short translations / rewrites. Generated deterministically from
// the templates below (no model, no external text), used ONLY to teach the scorer's
// gate a "simple chat" prompt group, and never evaluated on (docs/evaluation.md).
//   node tools/synthetic/simple-prompts.ts        prints them, one JSON line each
// Their label: both a weak and a strong model answer these well, so neither wins
// (win rate 0.5, the "no expected gain" point of the score).
import { seededRandom } from "../eval/bootstrap.ts";

export const SYNTHETIC_SET = "synthetic-simple";

const GREETINGS = [
  "hi",
  "hello",
  "hey",
  "hi there",
  "hello there",
  "good morning",
  "good evening",
  "hey there",
  "yo",
  "greetings",
];
const CHAT = [
  "how are you?",
  "how's it going?",
  "what's up?",
  "nice to meet you",
  "what's your name?",
  "are you a bot?",
  "tell me a joke",
  "can you help me?",
  "I'm bored",
  "good night",
  "see you later",
  "how was your day?",
  "do you like music?",
  "what can you do?",
  "ok",
  "cool",
  "sounds good",
  "never mind",
];
const THANKS = [
  "thanks",
  "thank you",
  "thanks a lot",
  "thank you so much",
  "great, thanks!",
  "perfect, thank you",
  "awesome",
];
const PHRASES = [
  "good morning",
  "thank you",
  "where is the station?",
  "I love you",
  "how much is this?",
  "see you tomorrow",
  "the weather is nice today",
  "I am hungry",
  "happy birthday",
  "what time is it?",
  "my name is Anna",
  "the cat is on the table",
  "I don't understand",
  "please speak slowly",
  "where is the bathroom?",
];
const LANGUAGES = [
  "French",
  "Spanish",
  "German",
  "Italian",
  "Portuguese",
  "Japanese",
  "Chinese",
  "Dutch",
  "Korean",
  "Russian",
];
const TRANSLATE = [
  (p: string, l: string) => `Translate "${p}" into ${l}.`,
  (p: string, l: string) => `How do you say "${p}" in ${l}?`,
  (p: string, l: string) => `translate to ${l}: ${p}`,
  (p: string, l: string) => `What is "${p}" in ${l}?`,
];
const REWRITE = [
  (p: string) => `Fix the spelling: "${p.replace("e", "ee")}"`,
  (p: string) => `Make this sound friendlier: "${p}"`,
  (p: string) => `Capitalize this: ${p}`,
];

export interface SyntheticPrompt {
  id: string;
  set: typeof SYNTHETIC_SET;
  kind: "greeting" | "chat" | "thanks" | "translation" | "rewrite";
  prompt: string;
}

/** Every template combination, in a fixed order, plus light casing/punctuation variants. */
export function syntheticPrompts(): SyntheticPrompt[] {
  const rng = seededRandom(42);
  const out: SyntheticPrompt[] = [];
  const push = (kind: SyntheticPrompt["kind"], prompt: string) =>
    out.push({ id: `${SYNTHETIC_SET}/${out.length}`, set: SYNTHETIC_SET, kind, prompt });
  const vary = (text: string) => {
    const r = rng();
    if (r < 0.3) return text[0]!.toUpperCase() + text.slice(1);
    if (r < 0.45) return `${text}!`;
    if (r < 0.55) return `${text} :)`;
    return text;
  };
  for (const g of GREETINGS) {
    push("greeting", vary(g));
    for (const c of CHAT.slice(0, 6)) push("chat", `${vary(g)}, ${c}`);
  }
  for (const c of CHAT) push("chat", vary(c));
  for (const t of THANKS) push("thanks", vary(t));
  for (const p of PHRASES) {
    for (const l of LANGUAGES) push("translation", TRANSLATE[Math.floor(rng() * TRANSLATE.length)]!(p, l));
    for (const f of REWRITE) push("rewrite", f(p));
  }
  return out;
}

if (import.meta.main) for (const p of syntheticPrompts()) console.log(JSON.stringify(p));
