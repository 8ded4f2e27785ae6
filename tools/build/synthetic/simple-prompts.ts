// Synthetic prompts for kinds the outcome data does not cover: greetings, chit-chat,
// thanks, very short translations / rewrites, and one-line lookups, labelling (sentiment,
// spam, topic), extraction and formatting requests. Generated deterministically from
// the templates below (no model, no external text), used ONLY to teach the scorer's
// gate a "simple chat" prompt group, and never evaluated on (docs/evaluation.md).
//   node tools/build/synthetic/simple-prompts.ts        prints them, one JSON line each
// Their label: both a weak and a strong model answer these well, so neither wins
// (win rate 0.5, the "no expected gain" point of the score).
import { seededRandom } from "../../lib/eval/bootstrap.ts";

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

// One-line lookups of common knowledge, labelling, extraction and formatting (added with the
// prompt-only groups: without them every short request that was not a greeting looked like an
// MMLU question to the gate).
const FACTS = [
  "Who painted the Mona Lisa?",
  "How many legs does a spider have?",
  "What's the tallest mountain in the world?",
  "How many minutes are in an hour?",
  "Which planet is closest to the sun?",
  "What is the freezing point of water in Celsius?",
  "Who was the first person to walk on the moon?",
  "What's the square root of 81?",
  "How many continents are there?",
  "What colour do you get by mixing blue and yellow?",
  "What is the plural of 'mouse'?",
  "How many players are on a football team?",
  "What day comes after Tuesday?",
  "Who wrote Romeo and Juliet?",
  "What is H2O?",
  "How many sides does a hexagon have?",
];
const COUNTRIES = ["Japan", "Brazil", "Kenya", "Norway", "Mexico", "Egypt", "Thailand", "Poland", "Chile", "Vietnam"];
const COUNTRY_FACTS = [
  (c: string) => `What is the currency of ${c}?`,
  (c: string) => `What language do people speak in ${c}?`,
  (c: string) => `Which continent is ${c} in?`,
];
const SNIPPETS = [
  "Loved the food, will come back!",
  "The package arrived broken and nobody answers my emails.",
  "It was fine, nothing special.",
  "Best concert of my life",
  "Worst customer service ever.",
  "The app keeps logging me out.",
  "Great value for the price.",
  "You have won a free cruise, click here now",
  "Can we move our call to 3pm?",
  "Local team wins the championship in overtime",
];
const LABEL = [
  (t: string) => `Classify the sentiment of "${t}" as positive, negative or neutral.`,
  (t: string) => `Positive or negative: ${t}`,
  (t: string) => `Is this spam or not? "${t}"`,
  (t: string) => `One word for the tone of this message: "${t}"`,
];
const RECORDS = [
  "Call Jane on 020 7946 0018 after lunch.",
  "Meet me in Lisbon on 3 June.",
  "The ticket costs 45 euros.",
  "Write to tom.baker@example.org for the slides.",
  "Order #48213 ships Friday.",
  "Dr. Patel will see you at 9:15.",
];
const EXTRACT = [
  (r: string) => `Extract the phone number, date, price, email or order number from: "${r}"`,
  (r: string) => `What is the key detail in this line? ${r}`,
  (r: string) => `Pull the name or number out of this: ${r}`,
  (r: string) => `Which number is mentioned here: '${r}'`,
  (r: string) => `Find the contact detail in: ${r}`,
];
// Short quoted texts with a one-step task: routing a message to a label, fixing or restyling a
// line, pulling out one detail. The texts are everyday messages; the labels vary per task.
const MESSAGES = [
  "The delivery came two days late and the box was open.",
  "Can I change my password without the old one?",
  "I'd like a refund for last month's subscription.",
  "Your app crashes every time I upload a photo.",
  "Thanks for the quick help yesterday!",
  "Where can I download my receipts?",
  "The printer on floor 3 is out of toner again.",
  "Is the gym open on public holidays?",
];
const MESSAGE_TASKS = [
  (m: string) => `Route this to sales, support or finance: "${m}"`,
  (m: string) => `Categorise this customer message (complaint, question, praise): "${m}"`,
  (m: string) => `Does this message need a reply today? Yes or no. "${m}"`,
  (m: string) => `Which team should handle this? '${m}'`,
  (m: string) => `Give this message a one-word label: ${m}`,
  (m: string) => `Correct any spelling mistakes: '${m.replace("the", "teh")}'`,
  (m: string) => `Make this sound more polite: '${m}'`,
  (m: string) => `Rewrite in fewer words: ${m}`,
  (m: string) => `What is this message about, in three words? "${m}"`,
];
const HEADLINES = [
  "we moved our office to a bigger space downtown",
  "three tips for sleeping better",
  "our team shipped the new search feature",
  "the bakery on Main Street is closing",
  "why I started running at 50",
];
const SHORT_EDITS = [
  (t: string) => `Turn this into a headline: ${t}`,
  (t: string) => `Make a hashtag out of: ${t}`,
  (t: string) => `Shorten to five words: ${t}`,
  (t: string) => `Give this a catchy title: ${t}`,
];
const WORDS = ["big", "quick", "angry", "cold", "begin", "smart", "tiny", "honest"];
const WORD_ASKS = [
  (w: string) => `What's another word for '${w}'?`,
  (w: string) => `Opposite of ${w}?`,
  (w: string) => `What does '${w}' mean?`,
];
const FORMAT = [
  "Sort these numbers from smallest to largest: 12, 3, 45, 7",
  "Make this all lowercase: HELLO WORLD",
  "Turn this list into one line with commas: milk, eggs, bread",
  "Count the words in: the cat sat on the mat",
  "Convert 10 inches to centimetres",
  "Reverse the order: one, two, three",
  "Write 1,250 in words",
  "Add a full stop at the end: see you soon",
];

export interface SyntheticPrompt {
  id: string;
  set: typeof SYNTHETIC_SET;
  kind: "greeting" | "chat" | "thanks" | "translation" | "rewrite" | "lookup" | "label" | "extract" | "format";
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
  // Appended after the original kinds, so their ids (and cross-validation folds) are unchanged.
  for (const f of FACTS) push("lookup", vary(f));
  for (const c of COUNTRIES) for (const f of COUNTRY_FACTS) push("lookup", f(c));
  for (const t of SNIPPETS) for (const f of LABEL) push("label", f(t));
  for (const r of RECORDS) for (const f of EXTRACT) push("extract", f(r));
  for (const w of WORDS) for (const f of WORD_ASKS) push("lookup", f(w));
  for (const f of FORMAT) push("format", vary(f));
  for (const t of HEADLINES) for (const f of SHORT_EDITS) push("rewrite", f(t));
  for (const m of MESSAGES) for (const f of MESSAGE_TASKS) push("label", f(m));
  return out;
}

if (import.meta.main) for (const p of syntheticPrompts()) console.log(JSON.stringify(p));
