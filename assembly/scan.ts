// One pass over UTF-8 bytes (already normalised: normalise.ts), updating the counters.
// Every byte is visited once (line heads and a few punctuation marks peek at most 4 bytes
// ahead, always bounds-checked), so time is linear in the input and any byte sequence is
// safe: invalid UTF-8, NUL and control characters only add to the size.
//
// Against router gaming (docs/gaming.md): the counts measure new content, not bytes.
// A word, number, sentence or line counts only when it brings something new to the span
// (its bigram, or its value for numbers, was not seen before: ngrams.ts), a cue word counts
// once per span however often it is repeated, and text inside code fences is data the
// prompt is about, not the task: it counts at FENCE_WEIGHT and its words are no task cues
// (only code and error words are).
import * as K from "./counters";
import {
  CUE_CODE,
  CUE_FIN,
  CUE_NUMBER,
  CUE_QWORD,
  CUE_STACK,
  CUE_STOP,
  CUE_UNIT,
  FNV_OFFSET,
  FNV_PRIME,
  lookupCue,
  PREFIX,
} from "./keywords";
import { firstSeen, NEW_BIGRAM, NEW_WORD, ngramItem, ngramSpanStart, numberItem, wordIsNew } from "./ngrams";
import { topicWord } from "./topics";

/** Weight of text inside ``` fences relative to the rest of the span. */
export const FENCE_WEIGHT: f32 = 0.25;

// Token estimate per unit (script-aware; see docs/scorer.md).
const TOK_PUNCT: f32 = 1;
const TOK_PUNCT_REPEAT: f32 = 0.25;
const TOK_CJK: f32 = 1;
const TOK_OTHER_SCRIPT: f32 = 0.45;
const TOK_SYMBOL: f32 = 1;
const TOK_EMOJI: f32 = 2;

const SCRIPT_LATIN: i32 = 1;
const SCRIPT_CJK: i32 = 2;
const SCRIPT_OTHER: i32 = 3;

// Per-span state shared by the helpers below (globals: no allocation).
let items: i32 = 0; // words and numbers so far, to pair "<number> <unit>"
let lastNumberItem: i32 = -100;
let lastNumber: f32 = 0;
let script: i32 = 0;
let inFence = false;
/** FENCE_WEIGHT inside a fence, else 1: scales the new-content token count. */
let fenceScale: f32 = 1;
// New content since the last line / sentence end: they count only if they had some.
let novelLine = false;
let novelSentence = false;
// The current sentence's new-content tokens, and whether it states a quantity (K_QUANTITY_TOKENS:
// a number in digits or a number word; vague quantifiers like "several" are not in the lexicon).
let sentenceTokens: f32 = 0;
let sentenceQuantity = false;
/** Question words of the current sentence: they count only if it ends with "?". */
let pendingQuestionWords: f32 = 0;

@inline function peek(p: usize, end: usize): u32 {
  return p < end ? <u32>load<u8>(p) : 0;
}

@inline function isDigit(b: u32): bool {
  return b - 0x30 < 10;
}

@inline function isBlank(b: u32): bool {
  return b == 0x20 || b == 0x09 || b == 0x0d || b == 0x0a || b == 0;
}

function switchScript(to: i32, w: f32): void {
  if (script != 0 && script != to) K.add(K.K_SCRIPT_SWITCHES, w);
  script = to;
}

/** Tokens of new content (the size features), scaled down inside fences. */
@inline function addNovelTokens(t: f32): void {
  K.add(K.K_NOVEL_TOKENS, t * fenceScale);
  sentenceTokens += t * fenceScale;
}

/** A sentence (or line) ended: its tokens count as problem size if it stated a quantity. */
function endSentence(): void {
  if (sentenceQuantity) K.add(K.K_QUANTITY_TOKENS, sentenceTokens);
  sentenceTokens = 0;
  sentenceQuantity = false;
  pendingQuestionWords = 0;
}

/** A finished ASCII/Latin word: `h` hashes its first PREFIX letters; flags bit 0 = identifier, bit 1 = non-ASCII. */
function endWord(h: u32, len: i32, flags: i32, w: f32): void {
  const novelty = ngramItem(h, w);
  const fresh = (novelty & NEW_BIGRAM) != 0;
  const tokens: f32 = 1 + <f32>max(len - 6, 0) * 0.25;
  K.add(K.K_TOKENS, tokens);
  if (fresh) {
    addNovelTokens(tokens);
    K.add(K.K_WORDS, w);
    if (len >= 9) K.add(K.K_LONG_WORDS, w);
    if (flags & 1) K.add(K.K_IDENTIFIERS, w);
    novelLine = true;
    novelSentence = true;
  }
  if ((flags & 2) == 0 && len <= 24) {
    topicWord(h, w);
    const entry = lookupCue(h);
    if (entry != 0) {
      const cue = <i32>(entry & 0xffff);
      const value = <f32>(entry >>> 16);
      if (cue == CUE_STOP) {
        if (fresh) K.add(cue, w); // english_ratio: stop words per (new) word
      } else if ((!inFence || cue == CUE_CODE || cue == CUE_STACK) && ((novelty & NEW_WORD) != 0 || wordIsNew(h))) {
        // Each distinct cue word once per span; a question word only in a question.
        if (cue == CUE_QWORD) pendingQuestionWords += w;
        else K.add(cue, w);
      }
      if (cue == CUE_NUMBER) {
        if (fresh) {
          K.add(K.K_NUMBERS, w); // "three cups" is a quantity too
          sentenceQuantity = true;
        }
        // "five hundred": a number word right after a number multiplies it.
        lastNumber = lastNumberItem == items - 1 && value >= 100 ? lastNumber * value : value;
        lastNumberItem = items;
      } else if (cue == CUE_UNIT && items - lastNumberItem <= 2 && !inFence) {
        K.set(K.K_REQUESTED_WORDS, max(K.get(K.K_REQUESTED_WORDS), (lastNumber * value) / 5));
      }
    }
  }
  items++;
}

function endNumber(value: f32, digits: i32, w: f32): void {
  ngramItem(numberItem(digits), w);
  const tokens = <f32>((digits + 2) / 3); // digits tokenise in groups of up to three
  K.add(K.K_TOKENS, tokens);
  // A number is new when its value is (a problem's quantities, not their repetitions).
  if (firstSeen(reinterpret<u32>(value) ^ (<u32>digits << 27) ^ 0x3c6ef372)) {
    K.add(K.K_NUMBERS, w);
    addNovelTokens(tokens);
    novelLine = true;
    novelSentence = true;
    sentenceQuantity = true;
  }
  lastNumber = value;
  lastNumberItem = items++;
}

/** The first non-blank byte of a line: list items, choices, diffs, stack frames, indented code. */
function lineHead(p: usize, end: usize, b: u32, indent: i32, w: f32): void {
  const b1 = peek(p + 1, end);
  const b2 = peek(p + 2, end);
  if (indent >= 4) K.add(K.K_CODE_LINES, w);
  if ((b == 0x2d || b == 0x2a) && b1 == 0x20) K.add(K.K_LIST_ITEMS, w); // "- " "* "
  else if (b == 0x2b && indent == 0) K.add(K.K_DIFF_LINES, w); // "+added"
  else if (b == 0x2d && indent == 0 && !isDigit(b1)) K.add(K.K_DIFF_LINES, w); // "-removed", "--- a/"
  else if (b == 0x40 && b1 == 0x40) K.add(K.K_DIFF_LINES, w); // "@@ -1 +1 @@"
  else if (isDigit(b)) {
    const sep = isDigit(b1) ? b2 : b1;
    if (sep == 0x2e || sep == 0x29) K.add(K.K_LIST_ITEMS, w); // "1." "12)"
  } else if ((b | 0x20) - 0x61 < 8 && (b1 == 0x2e || b1 == 0x29) && (b2 == 0x20 || b2 == 0x09)) {
    K.add(K.K_CHOICES, w); // "A. " "b) "
  } else if (b == 0x28 && (b1 | 0x20) - 0x61 < 8 && b2 == 0x29) K.add(K.K_CHOICES, w); // "(a)"
  else if (indent >= 2 && b == 0x61 && b1 == 0x74 && b2 == 0x20) K.add(K.K_STACK_LINES, w); // "  at f (x.js:1)"
  else if (b == 0x46 && b1 == 0x69 && b2 == 0x6c && peek(p + 3, end) == 0x65 && peek(p + 4, end) == 0x20) {
    K.add(K.K_STACK_LINES, w); // Python: File "x.py", line 3
  } else if (b == 0xe2 && b1 == 0x80 && b2 == 0xa2) K.add(K.K_LIST_ITEMS, w); // "•"
}

/** Lead byte b (and the byte after it, b1) of a CJK, kana, Hangul, fullwidth or CJK-extension character. */
@inline function isCjk(b: u32, b1: u32): bool {
  return (b >= 0xe3 && b <= 0xed) || (b == 0xef && (b1 == 0xbc || b1 == 0xbd)) || (b == 0xf0 && b1 >= 0xa0);
}

/** Lead byte of a letter of another script (not Latin U+1E00..U+1EFF, not Greek: see scanSpan). */
@inline function isOtherScript(b: u32, b1: u32): bool {
  return (b >= 0xd0 && b <= 0xdf) || b == 0xe0 || (b == 0xe1 && (b1 < 0xb8 || b1 > 0xbb));
}

let skipped: i32 = 0; // continuation bytes consumed right after their lead byte

/** Steps over the continuation bytes (10xxxxxx) of the character whose lead byte was just read. */
@inline function skipContinuation(p: usize, end: usize): usize {
  while (p < end && (<u32>load<u8>(p) & 0xc0) == 0x80) {
    skipped++;
    p++;
  }
  return p;
}

/** Scans `len` bytes at `ptr`; counts grow by `w` (span weight x extrapolation scale). */
export function scanSpan(ptr: usize, len: i32, weight: f32): void {
  let w = weight; // the span's weight, reduced inside code fences
  const end = ptr + <usize>len;
  items = 0;
  lastNumberItem = -100;
  lastNumber = 0;
  script = 0;
  skipped = 0;
  inFence = false;
  fenceScale = 1;
  novelLine = false;
  novelSentence = false;
  sentenceTokens = 0;
  sentenceQuantity = false;
  pendingQuestionWords = 0;
  const spanWeight = weight;
  ngramSpanStart();
  let h = FNV_OFFSET;
  let wordLen = 0;
  let wordFlags = 0;
  let numDigits = 0;
  let numValue: f32 = 0;
  let numDecimal = false;
  let lineStart = true;
  let indent = 0;
  let continuation = 0;
  let prev: u32 = 0x0a;
  let p = ptr;
  while (p < end) {
    const b = <u32>load<u8>(p);
    const lower = b | 0x20;
    if (lower - 0x61 < 26) {
      // ASCII letter: the hot path.
      if (lineStart) {
        lineHead(p, end, b, indent, w);
        lineStart = false;
      }
      if (numDigits > 0) {
        endNumber(numValue, numDigits, w);
        numDigits = 0;
      }
      if (wordLen == 0 && script != SCRIPT_LATIN) switchScript(SCRIPT_LATIN, w);
      // camelCase: an upper-case letter right after a lower-case one. Bit 5 of a letter is 1 for
      // lower case: bit arithmetic, not two comparisons and a branch per letter.
      let prevLower: u32 = wordLen > 0 && prev - 0x61 < 26 ? 1 : 0;
      let c = b;
      // The hash runs on in `chain` for every letter and is copied to h while the word is within
      // its first PREFIX letters: h is the same, but the select is off the xor-multiply chain, which
      // sets the pace of this loop (the word's end waits for its hash).
      let chain = h;
      while (true) {
        // Consume the whole run of letters in a tight loop.
        while (true) {
          const lc = c | 0x20;
          const isLower = (c >> 5) & 1;
          wordFlags |= <i32>(prevLower & ~isLower);
          prevLower = isLower;
          chain = (chain ^ lc) * FNV_PRIME;
          if (wordLen < PREFIX) h = chain;
          wordLen++;
          p++;
          if (p >= end) break;
          const d = <u32>load<u8>(p);
          if ((d | 0x20) - 0x61 >= 26) break;
          c = d;
        }
        prev = c;
        // The commonest case next, one space and another word, stays in this loop: what the
        // dispatch below would do for the space (end the word) and for the new word's first
        // letter (nothing: not at a line start, no number pending, the script is Latin already).
        if (p + 1 >= end || load<u8>(p) != 0x20) break;
        const d = <u32>load<u8>(p + 1);
        if ((d | 0x20) - 0x61 >= 26) break;
        endWord(h, wordLen, wordFlags, w);
        h = FNV_OFFSET;
        chain = FNV_OFFSET;
        wordLen = 0;
        wordFlags = 0;
        p++;
        c = d;
        prevLower = 0;
      }
      continue;
    }
    if (b < 0x80) {
      if (isDigit(b)) {
        if (lineStart) {
          lineHead(p, end, b, indent, w);
          lineStart = false;
        }
        if (wordLen > 0) wordLen++; // "utf8", "x2": part of the word
        else {
          if (numDigits == 0) {
            numValue = 0;
            numDecimal = false;
          }
          numDigits++;
          if (!numDecimal) numValue = min(numValue * 10 + <f32>(b - 0x30), 1e7);
        }
        prev = b;
        p++;
        continue;
      }
      if (b == 0x5f && wordLen > 0) {
        wordFlags |= 1; // snake_case
        wordLen++;
        prev = b;
        p++;
        continue;
      }
      // Any other ASCII byte ends the current word or number.
      if (wordLen > 0) {
        endWord(h, wordLen, wordFlags, w);
        h = FNV_OFFSET;
        wordLen = 0;
        wordFlags = 0;
      }
      if (numDigits > 0) {
        const next = peek(p + 1, end);
        if ((b == 0x2c || b == 0x2e) && isDigit(next)) {
          if (b == 0x2e) numDecimal = true; // "3.5"; "5,000" keeps accumulating
          prev = b;
          p++;
          continue;
        }
        endNumber(numValue, numDigits, w);
        numDigits = 0;
      }
      if (b == 0x20 || b == 0x09 || b == 0x0d) {
        if (lineStart) indent += b == 0x09 ? 4 : 1;
        else if (prev == 0x20 && b == 0x20) K.add(K.K_TOKENS, 0.25); // runs of spaces merge into few tokens (never new content)
        prev = b;
        p++;
        continue;
      }
      if (b == 0x0a) {
        if (novelLine) K.add(K.K_LINES, w);
        if (prev != 0x0a) {
          K.add(K.K_TOKENS, 1);
          if (novelLine) addNovelTokens(1);
        }
        novelLine = false;
        endSentence();
        // A line ending in ; { or } is code.
        let q = p;
        while (q > ptr && q + 8 > p) {
          q--;
          const c = <u32>load<u8>(q);
          if (c == 0x20 || c == 0x09 || c == 0x0d) continue;
          if (c == 0x3b || c == 0x7b || c == 0x7d) K.add(K.K_CODE_LINES, w);
          break;
        }
        lineStart = true;
        indent = 0;
        prev = b;
        p++;
        continue;
      }
      if (lineStart) {
        lineHead(p, end, b, indent, w);
        lineStart = false;
      }
      const punct = b == prev ? TOK_PUNCT_REPEAT : TOK_PUNCT;
      K.add(K.K_TOKENS, punct);
      if (novelSentence) addNovelTokens(punct);
      const next = peek(p + 1, end);
      // One switch (a jump table), not a chain of comparisons that "," and ")" ran to the end of.
      switch (b) {
        case 0x2e:
        case 0x21:
        case 0x3f: {
          // . ! ? followed by a blank end a sentence (counted when it said something new).
          if (b == 0x3f) {
            if (novelSentence) K.add(K.K_QUESTION_MARKS, w);
            K.add(CUE_QWORD, pendingQuestionWords);
            pendingQuestionWords = 0;
          }
          if (isBlank(next) && !isBlank(prev)) {
            if (novelSentence) K.add(K.K_SENTENCES, w);
            novelSentence = false;
            endSentence();
          }
          break;
        }
        case 0x60: {
          if (prev == 0x60 && p >= ptr + 2 && load<u8>(p - 2) == 0x60 && next != 0x60) {
            K.add(K.K_FENCES, spanWeight);
            inFence = !inFence;
            fenceScale = inFence ? FENCE_WEIGHT : 1;
            w = spanWeight * fenceScale;
          }
          break;
        }
        case 0x24: {
          if (isDigit(next)) K.add(CUE_FIN, w); // "$5" is money
          else K.add(K.K_LATEX, w * 0.5); // $...$ pairs
          break;
        }
        case 0x5c: {
          if ((next | 0x20) - 0x61 < 26) K.add(K.K_LATEX, w); // \frac, \sum
          break;
        }
        case 0x3d: {
          K.add(K.K_MATH_OPS, w);
          K.add(K.K_CODE_SYMBOLS, w);
          if (prev != 0x3d && prev != 0x21 && prev != 0x3c && prev != 0x3e && next != 0x3d) K.add(K.K_EQUATIONS, w);
          break;
        }
        case 0x2b:
        case 0x2a:
        case 0x5e:
        case 0x2f: {
          K.add(K.K_MATH_OPS, w);
          break;
        }
        case 0x2d: {
          if ((isDigit(prev) || prev == 0x20) && (isDigit(next) || next == 0x20)) K.add(K.K_MATH_OPS, w);
          break;
        }
        case 0x3c:
        case 0x3e: {
          K.add(K.K_MATH_OPS, w);
          K.add(K.K_CODE_SYMBOLS, w);
          break;
        }
        case 0x3b:
        case 0x7b:
        case 0x7d:
        case 0x5b:
        case 0x5d:
        case 0x7c:
        case 0x26:
        case 0x5f: {
          K.add(K.K_CODE_SYMBOLS, w);
          break;
        }
      }
      prev = b;
      p++;
      continue;
    }
    // Non-ASCII. Continuation bytes (10xxxxxx) belong to the character before.
    if (b < 0xc0) {
      continuation++;
      p++;
      continue;
    }
    if (lineStart) {
      lineHead(p, end, b, indent, w);
      lineStart = false;
    }
    const b1 = peek(p + 1, end);
    // Latin letters with diacritics (U+00C0..U+036F, U+1E00..U+1EFF) stay inside the word.
    if ((b >= 0xc3 && b <= 0xcd && !(b == 0xcd && b1 >= 0xb0)) || (b == 0xe1 && b1 >= 0xb8 && b1 <= 0xbb)) {
      if (wordLen == 0 && script != SCRIPT_LATIN) switchScript(SCRIPT_LATIN, w);
      if (numDigits > 0) {
        endNumber(numValue, numDigits, w);
        numDigits = 0;
      }
      wordFlags |= 2;
      wordLen++;
      prev = b;
      p = skipContinuation(p + 1, end);
      continue;
    }
    if (wordLen > 0) {
      endWord(h, wordLen, wordFlags, w);
      h = FNV_OFFSET;
      wordLen = 0;
      wordFlags = 0;
    }
    if (numDigits > 0) {
      endNumber(numValue, numDigits, w);
      numDigits = 0;
    }
    const cjk = isCjk(b, b1);
    if (cjk || isOtherScript(b, b1)) {
      // CJK, kana, Hangul, fullwidth forms, CJK extensions; or Greek, Cyrillic, Armenian, Hebrew,
      // Arabic, Indic, Thai, Georgian, Ethiopic... A run of characters of one kind (a CJK sentence,
      // a Cyrillic word) is counted in locals: the same f32 additions in the same order as one
      // character at a time, without a load and a store per counter and character.
      const to = cjk ? SCRIPT_CJK : SCRIPT_OTHER;
      if (script != to) switchScript(to, w);
      const counter = cjk ? K.K_CJK : K.K_OTHER_SCRIPT;
      const t: f32 = cjk ? TOK_CJK : TOK_OTHER_SCRIPT;
      const novel = t * fenceScale; // addNovelTokens(t)
      let count = K.get(counter);
      let tokens = K.get(K.K_TOKENS);
      let novelTokens = K.get(K.K_NOVEL_TOKENS);
      let sentence = sentenceTokens;
      const lo: u32 = cjk ? 0xe3 : 0xd0;
      const span: u32 = cjk ? 11 : 16;
      let c = b;
      while (true) {
        count += w;
        tokens += t;
        novelTokens += novel;
        sentence += novel;
        prev = c;
        p = skipContinuation(p + 1, end);
        if (p >= end) break;
        c = <u32>load<u8>(p);
        const c1 = peek(p + 1, end);
        // The run's main block first (E3..ED or D0..DF: bounds held in locals), then the full test.
        if (c - lo < span || (cjk ? isCjk(c, c1) : isOtherScript(c, c1))) continue;
        // One space and another word of the same kind ("как дела") stay in the loop too: the
        // space adds nothing here (no word or number is pending, the byte before is not a space).
        if (c != 0x20 || p + 1 >= end) break;
        const n = <u32>load<u8>(p + 1);
        const n1 = peek(p + 2, end);
        if (!(cjk ? isCjk(n, n1) : isOtherScript(n, n1))) break;
        p++;
        c = n;
      }
      K.set(counter, count);
      K.set(K.K_TOKENS, tokens);
      K.set(K.K_NOVEL_TOKENS, novelTokens);
      sentenceTokens = sentence;
      continue;
    }
    if (b == 0xce || b == 0xcf) {
      // Greek letters in English text are almost always maths or science symbols.
      K.add(K.K_SYMBOLS, w);
      K.add(K.K_MATH_OPS, w);
      K.add(K.K_TOKENS, TOK_SYMBOL);
      addNovelTokens(TOK_SYMBOL);
    } else if (b == 0xe2 || (b == 0xf0 && b1 == 0x9d)) {
      // Technical symbols: U+2000..U+2FFF (arrows, maths operators, ...) and maths alphanumerics.
      K.add(K.K_SYMBOLS, w);
      K.add(K.K_TOKENS, TOK_SYMBOL);
      addNovelTokens(TOK_SYMBOL);
      if (b == 0xe2 && b1 >= 0x88 && b1 <= 0x8b) K.add(K.K_MATH_OPS, w); // U+2200..U+22FF
    } else {
      // Emoji, Latin-1 punctuation, private use, U+FFFD, invalid lead bytes: size only.
      const t = b == 0xf0 && b1 == 0x9f ? TOK_EMOJI : TOK_SYMBOL;
      K.add(K.K_TOKENS, t);
      addNovelTokens(t);
    }
    prev = b;
    p = skipContinuation(p + 1, end);
  }
  if (wordLen > 0) endWord(h, wordLen, wordFlags, w);
  if (numDigits > 0) endNumber(numValue, numDigits, w);
  endSentence();
  K.add(K.K_CHARS, spanWeight * <f32>(len - continuation - skipped));
}
