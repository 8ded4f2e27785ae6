// Keyword cues, matched by a 32-bit FNV-1a hash of each lower-cased ASCII word.
// The table is an open-addressing hash set filled once by the module's start
// function, so matching allocates nothing and costs one probe per word.

export const CUE_NONE: u8 = 0;
export const CUE_REASONING: u8 = 1;
export const CUE_SIMPLE: u8 = 2;
export const CUE_CODE: u8 = 3;

const SLOTS: i32 = 512; // power of two, well above the number of keywords
const TABLE: usize = memory.data(SLOTS * 8, 8); // [hash: u32, cue: u32] per slot

export const FNV_OFFSET: u32 = 2166136261;
export const FNV_PRIME: u32 = 16777619;

function hashAscii(word: string): u32 {
  let h = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) {
    h = (h ^ (<u32>word.charCodeAt(i))) * FNV_PRIME;
  }
  return h;
}

function insert(word: string, cue: u8): void {
  const h = hashAscii(word);
  let slot = <i32>(h & (<u32>(SLOTS - 1)));
  while (load<u32>(TABLE + ((<usize>slot) << 3) + 4) != 0) {
    slot = (slot + 1) & (SLOTS - 1);
  }
  store<u32>(TABLE + ((<usize>slot) << 3), h);
  store<u32>(TABLE + ((<usize>slot) << 3) + 4, <u32>cue);
}

/** Returns the cue of a word hash, or CUE_NONE. */
export function lookupCue(h: u32): u8 {
  let slot = <i32>(h & (<u32>(SLOTS - 1)));
  while (true) {
    const cue = load<u32>(TABLE + ((<usize>slot) << 3) + 4);
    if (cue == 0) return CUE_NONE;
    if (load<u32>(TABLE + ((<usize>slot) << 3)) == h) return <u8>cue;
    slot = (slot + 1) & (SLOTS - 1);
  }
}

const REASONING_WORDS: string[] = [
  "prove",
  "proof",
  "derive",
  "analyze",
  "analyse",
  "compare",
  "optimize",
  "optimise",
  "design",
  "debug",
  "explain",
  "why",
  "evaluate",
  "justify",
  "reason",
  "step",
];
const SIMPLE_WORDS: string[] = [
  "translate",
  "summarize",
  "summarise",
  "classify",
  "extract",
  "hi",
  "hello",
  "hey",
  "thanks",
  "thank",
  "rewrite",
  "rephrase",
  "list",
];
const CODE_WORDS: string[] = [
  "function",
  "class",
  "def",
  "return",
  "import",
  "const",
  "var",
  "struct",
  "fn",
  "public",
  "void",
  "async",
  "await",
  "select",
  "traceback",
  "exception",
];

export function initKeywords(): void {
  for (let i = 0; i < REASONING_WORDS.length; i++) insert(REASONING_WORDS[i], CUE_REASONING);
  for (let i = 0; i < SIMPLE_WORDS.length; i++) insert(SIMPLE_WORDS[i], CUE_SIMPLE);
  for (let i = 0; i < CODE_WORDS.length; i++) insert(CODE_WORDS[i], CUE_CODE);
}
