// Text normalisation before the scan, from the input buffer into NORMALISED (never longer than the input):
// what a user can make *look* the same but *score* differently is folded to what a reader
// sees, so router-gaming by look-alikes and invisible characters buys nothing.
//   dropped:  zero-width and format characters (ZWSP/ZWNJ/ZWJ, word joiner, soft hyphen, BOM,
//             bidi controls, variation selectors, tag characters, fillers), combining marks,
//             and HTML comments `<!-- ... -->` (hidden when rendered)
//   spaces:   no-break, en/em/thin/ideographic spaces -> " "; NEL, U+2028/2029 -> "\n"
//   letters:  fullwidth forms, mathematical alphanumerics, letterlike symbols, circled and
//             squared letters, Latin-1 / Latin Extended-A / Latin Extended Additional letters
//             -> their ASCII base letter; Greek, Cyrillic and Armenian look-alikes -> the ASCII
//             letter only inside a run of letters that touches an ASCII letter ("рrоvе" is
//             "prove"; a Russian or Greek word stays Russian or Greek)
// Invalid UTF-8 is copied byte for byte (the scan counts it as noise).

// Per code point U+0080..U+05FF: 0 keep, DROP, an ASCII byte, or an ASCII byte | LOOKALIKE.
const TABLE_END: u32 = 0x600;
const FOLD: usize = memory.data(<i32>TABLE_END, 16);
// Latin Extended Additional U+1E00..U+1EFF: 0 keep or an ASCII letter.
const FOLD_1E: usize = memory.data(256, 16);
const DROP: u8 = 0x7f;
const LOOKALIKE: u8 = 0x80;

// U+00C0..U+017F, one ASCII byte each ("_" keeps the character: x and ÷).
const LATIN: usize = memory.data<u8>([
  65, 65, 65, 65, 65, 65, 65, 67, 69, 69, 69, 69, 73, 73, 73, 73,
  68, 78, 79, 79, 79, 79, 79, 95, 79, 85, 85, 85, 85, 89, 84, 115,
  97, 97, 97, 97, 97, 97, 97, 99, 101, 101, 101, 101, 105, 105, 105, 105,
  100, 110, 111, 111, 111, 111, 111, 95, 111, 117, 117, 117, 117, 121, 116, 121,
  65, 97, 65, 97, 65, 97, 67, 99, 67, 99, 67, 99, 67, 99, 68, 100,
  68, 100, 69, 101, 69, 101, 69, 101, 69, 101, 69, 101, 71, 103, 71, 103,
  71, 103, 71, 103, 72, 104, 72, 104, 73, 105, 73, 105, 73, 105, 73, 105,
  73, 105, 73, 105, 74, 106, 75, 107, 107, 76, 108, 76, 108, 76, 108, 76,
  108, 76, 108, 78, 110, 78, 110, 78, 110, 110, 78, 110, 79, 111, 79, 111,
  79, 111, 79, 111, 82, 114, 82, 114, 82, 114, 83, 115, 83, 115, 83, 115,
  83, 115, 84, 116, 84, 116, 84, 116, 85, 117, 85, 117, 85, 117, 85, 117,
  85, 117, 85, 117, 87, 119, 89, 121, 89, 90, 122, 90, 122, 90, 122, 115,
]);

// Greek, Cyrillic, Armenian (and a few IPA) look-alikes: [code point - 0x200, ASCII] pairs.
const LOOKALIKES: usize = memory.data<u16>([
  // IPA: ɑ ɡ ɩ
  0x51, 97, 0x61, 103, 0x69, 105,
  // Greek capitals Α Β Ε Ζ Η Ι Κ Μ Ν Ο Ρ Τ Υ Χ Ϲ Ϳ
  0x191, 65, 0x192, 66, 0x195, 69, 0x196, 90, 0x197, 72, 0x199, 73, 0x19a, 75, 0x19c, 77,
  0x19d, 78, 0x19f, 79, 0x1a1, 80, 0x1a4, 84, 0x1a5, 89, 0x1a7, 88, 0x1f9, 67, 0x17f, 74,
  // Greek small α γ ι κ ν ο ρ υ χ ω ϲ ϳ
  0x1b1, 97, 0x1b3, 121, 0x1b9, 105, 0x1ba, 107, 0x1bd, 118, 0x1bf, 111, 0x1c1, 112, 0x1c5, 117,
  0x1c7, 120, 0x1c9, 119, 0x1f2, 99, 0x1f3, 106,
  // Cyrillic capitals Ѕ І Ј А В Е К М Н О Р С Т У Х Ѵ Ү Ӏ Ԁ Ԍ Ԛ Ԝ
  0x205, 83, 0x206, 73, 0x208, 74, 0x210, 65, 0x212, 66, 0x215, 69, 0x21a, 75, 0x21c, 77,
  0x21d, 72, 0x21e, 79, 0x220, 80, 0x221, 67, 0x222, 84, 0x223, 89, 0x225, 88, 0x274, 86,
  0x2ae, 89, 0x2c0, 73, 0x300, 68, 0x30c, 71, 0x31a, 81, 0x31c, 87,
  // Cyrillic small а е о р с у х ѕ і ј ѡ ѵ ү һ ӏ ԁ ԛ ԝ
  0x230, 97, 0x235, 101, 0x23e, 111, 0x240, 112, 0x241, 99, 0x243, 121, 0x245, 120, 0x255, 115,
  0x256, 105, 0x258, 106, 0x261, 119, 0x275, 118, 0x2af, 121, 0x2bb, 104, 0x2cf, 108, 0x301, 100,
  0x31b, 113, 0x31d, 119,
  // Armenian small հ ո ս օ
  0x370, 104, 0x378, 110, 0x37d, 117, 0x385, 111,
]);
const LOOKALIKE_COUNT: i32 = 75;

// Latin Extended Additional as runs of upper/lower pairs: [offset, pairs, upper-case letter].
const RUNS_1E: usize = memory.data<u8>([
  0x00, 1, 65, 0x02, 3, 66, 0x08, 1, 67, 0x0a, 5, 68, 0x14, 5, 69, 0x1e, 1, 70, 0x20, 1, 71, 0x22, 5, 72,
  0x2c, 2, 73, 0x30, 3, 75, 0x36, 4, 76, 0x3e, 3, 77, 0x44, 4, 78, 0x4c, 4, 79, 0x54, 2, 80, 0x58, 4, 82,
  0x60, 5, 83, 0x6a, 4, 84, 0x72, 5, 85, 0x7c, 2, 86, 0x80, 5, 87, 0x8a, 2, 88, 0x8e, 1, 89, 0x90, 3, 90,
  0xa0, 12, 65, 0xb8, 8, 69, 0xc8, 2, 73, 0xcc, 12, 79, 0xe4, 7, 85, 0xf2, 4, 89,
]);
const RUNS_1E_COUNT: i32 = 30;

/** Fills the tables (start function). */
export function initNormalise(): void {
  store<u8>(FOLD + 0x85, 0x0a);
  store<u8>(FOLD + 0xa0, 0x20);
  store<u8>(FOLD + 0xad, DROP);
  for (let i = 0; i < 0xc0; i++) {
    const c = load<u8>(LATIN + <usize>i);
    if (c != 95) store<u8>(FOLD + 0xc0 + <usize>i, c);
  }
  for (let cp: u32 = 0x300; cp < 0x370; cp++) store<u8>(FOLD + <usize>cp, DROP); // combining marks
  store<u8>(FOLD + 0x34f, DROP);
  for (let i = 0; i < LOOKALIKE_COUNT; i++) {
    const at = LOOKALIKES + ((<usize>i) << 2);
    const cp = <u32>load<u16>(at) + 0x200;
    const ascii = <u8>load<u16>(at + 2);
    // IPA letters are Latin script already: always folded.
    store<u8>(FOLD + <usize>cp, cp < 0x300 ? ascii : ascii | LOOKALIKE);
  }
  for (let r = 0; r < RUNS_1E_COUNT; r++) {
    const at = RUNS_1E + <usize>(r * 3);
    const offset = <usize>load<u8>(at);
    const pairs = <usize>load<u8>(at + 1);
    const upper = load<u8>(at + 2);
    for (let k: usize = 0; k < pairs; k++) {
      store<u8>(FOLD_1E + offset + 2 * k, upper);
      store<u8>(FOLD_1E + offset + 2 * k + 1, upper | 0x20);
    }
  }
}

/** What to write for code point `cp`: -1 keep, 0 drop, else an ASCII byte (| LOOKALIKE). */
function mapCodePoint(cp: u32): i32 {
  if (cp < TABLE_END) {
    const m = load<u8>(FOLD + <usize>cp);
    return m == 0 ? -1 : m == DROP ? 0 : <i32>m;
  }
  // The common scripts first: CJK, kana, Hangul (U+3040..U+FDFF) and emoji/pictographs map to nothing.
  if (cp - 0x3040 < 0xcdc0) return cp == 0x3164 ? 0 : -1;
  if (cp - 0x1f190 < 0xbee70) return -1; // U+1F190..U+DFFFF
  if (cp - 0x1e00 < 0x100) {
    const m = load<u8>(FOLD_1E + <usize>(cp - 0x1e00));
    return m == 0 ? -1 : <i32>m;
  }
  if (cp < 0x2000) {
    if (cp == 0x61c || cp == 0x115f || cp == 0x1160 || cp == 0x17b4 || cp == 0x17b5) return 0;
    if (cp - 0x180b < 5) return 0;
    return cp == 0x1680 ? 0x20 : -1;
  }
  if (cp < 0x2070) {
    if (cp <= 0x200a || cp == 0x202f || cp == 0x205f) return 0x20; // spaces
    if (cp <= 0x200f || cp - 0x202a < 5 || cp >= 0x2060) return 0; // zero-width, bidi, invisible operators
    if (cp == 0x2028 || cp == 0x2029) return 0x0a;
    return -1;
  }
  if (cp - 0x2100 < 0x35) {
    const letter = load<u8>(LETTERLIKE + <usize>(cp - 0x2100));
    return letter != 0 ? <i32>letter : -1;
  }
  if (cp - 0x249c < 26) return <i32>(cp - 0x249c) + 0x61; // ⒜
  if (cp - 0x24b6 < 26) return <i32>(cp - 0x24b6) + 0x41; // Ⓐ
  if (cp - 0x24d0 < 26) return <i32>(cp - 0x24d0) + 0x61; // ⓐ
  if (cp == 0x3000) return 0x20;
  if (cp == 0xfeff || cp == 0xffa0 || cp - 0xfe00 < 16 || cp - 0xfff9 < 3) return 0;
  if (cp - 0xff01 < 0x5e) return <i32>(cp - 0xfee0); // fullwidth ASCII
  if (cp - 0x1d400 < 0x2a4) {
    const i = <i32>((cp - 0x1d400) % 52); // 13 alphabets of A-Z a-z
    return i < 26 ? 0x41 + i : 0x61 + i - 26;
  }
  if (cp - 0x1d7ce < 50) return 0x30 + <i32>((cp - 0x1d7ce) % 10);
  if (cp - 0x1d173 < 8 || cp - 0x1bca0 < 4) return 0;
  if (cp - 0x1f130 < 0x5a) {
    const i = <i32>((cp - 0x1f130) & 0x1f);
    return i < 26 ? 0x41 + i : -1; // squared, negative circled, negative squared A-Z
  }
  if (cp - 0xe0000 < 0x80 || cp - 0xe0100 < 0xf0) return 0; // tags, variation selectors
  return -1;
}

// Letterlike symbols U+2100..U+2134 that fill the holes of the mathematical alphabets (ℎ, ℓ, ℝ, ...):
// their ASCII letter, 0 for none.
const LETTERLIKE: usize = memory.data<u8>([
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 103, 72, 72, 72, 104, 104,
  73, 73, 76, 108, 0, 78, 0, 0, 0, 80, 81, 82, 82, 82, 0, 0,
  0, 0, 0, 0, 90, 0, 0, 0, 0, 0, 0, 0, 66, 67, 0, 101,
  69, 70, 0, 77, 111,
]);

// The code point decoded by decode() and its length in bytes (0: not valid UTF-8 here).
let cpValue: u32 = 0;
let cpBytes: i32 = 0;

@inline function cont(p: usize, end: usize): u32 {
  return p < end ? <u32>load<u8>(p) ^ 0x80 : 0xff; // < 0x40 for a continuation byte
}

/** Decodes the UTF-8 sequence at p (lead byte b >= 0x80) into cpValue/cpBytes. */
function decode(p: usize, end: usize, b: u32): void {
  cpBytes = 0;
  if (b >= 0xc2 && b <= 0xdf) {
    const c1 = cont(p + 1, end);
    if (c1 < 0x40) {
      cpValue = ((b & 0x1f) << 6) | c1;
      cpBytes = 2;
    }
  } else if (b >= 0xe0 && b <= 0xef) {
    const c1 = cont(p + 1, end);
    const c2 = cont(p + 2, end);
    if ((c1 | c2) < 0x40) {
      cpValue = ((b & 0x0f) << 12) | (c1 << 6) | c2;
      if (cpValue >= 0x800) cpBytes = 3;
    }
  } else if (b >= 0xf0 && b <= 0xf4) {
    const c1 = cont(p + 1, end);
    const c2 = cont(p + 2, end);
    const c3 = cont(p + 3, end);
    if ((c1 | c2 | c3) < 0x40) {
      cpValue = ((b & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3;
      if (cpValue >= 0x10000 && cpValue <= 0x10ffff) cpBytes = 4;
    }
  }
}

@inline function isAsciiLetter(b: u32): bool {
  return (b | 0x20) - 0x61 < 26;
}

const BOUNDARY: i32 = 0;
const LATIN_LETTER: i32 = 1;
const OTHER_LETTER: i32 = 2;

@inline function isOtherLetter(cp: u32): bool {
  return cp - 0x370 < 0x220; // Greek, Cyrillic, Armenian (the scripts with look-alikes)
}

/** What follows the run of look-alikes starting at p: a Latin letter, another letter, or a boundary. */
function after(p: usize, end: usize): i32 {
  while (p < end) {
    const b = <u32>load<u8>(p);
    if (b < 0x80) return isAsciiLetter(b) ? LATIN_LETTER : BOUNDARY;
    decode(p, end, b);
    if (cpBytes == 0) return BOUNDARY;
    const m = mapCodePoint(cpValue);
    if (m < 0) return isOtherLetter(cpValue) ? OTHER_LETTER : BOUNDARY;
    if (m > 0 && (m & LOOKALIKE) == 0) return isAsciiLetter(<u32>m) ? LATIN_LETTER : BOUNDARY;
    p += <usize>cpBytes; // a look-alike or an invisible character: the run goes on
  }
  return BOUNDARY;
}

/**
 * The letter before position w of the output (the text already normalised, start at ptr):
 * its kind, and in `adjacent` whether nothing separates it from w. Looks back at most 64 bytes.
 */
let adjacent = false;
function before(ptr: usize, w: usize): i32 {
  adjacent = true;
  let q = w;
  const stop = w - ptr > 64 ? w - 64 : ptr;
  while (q > stop) {
    q--;
    const b = <u32>load<u8>(q);
    if (b < 0x80) {
      if (isAsciiLetter(b)) return LATIN_LETTER;
      adjacent = false;
      continue;
    }
    if (b >= 0xc0) continue; // a lead byte whose character was not a Greek/Cyrillic/Armenian letter
    // A continuation byte: Greek, Cyrillic and Armenian letters are 2 bytes (lead 0xcd..0xd6).
    if (q > stop) {
      const lead = <u32>load<u8>(q - 1);
      if (lead >= 0xcd && lead <= 0xd6 && isOtherLetter(((lead & 0x1f) << 6) | (b & 0x3f))) return OTHER_LETTER;
    }
    adjacent = false;
  }
  adjacent = false;
  return q == ptr ? BOUNDARY : LATIN_LETTER; // the span's start; far back: assume the text is Latin
}

/**
 * Whether a run of look-alike letters at r (first character n bytes) is Latin text in disguise:
 * it touches a Latin letter, or it is a whole word and the word before it is Latin (or there
 * is none). A run inside or next to a Greek/Cyrillic/Armenian word stays as it is.
 */
function foldRun(ptr: usize, w: usize, r: usize, n: usize, end: usize): bool {
  const prior = before(ptr, w);
  if (adjacent && prior == LATIN_LETTER) return true;
  const next = after(r + n, end);
  if (next != BOUNDARY) return next == LATIN_LETTER;
  return prior != OTHER_LETTER;
}

/** Room for the normalised text of one span (never longer than the input), and for whole-word stores past its end. */
export const NORMALISED: usize = memory.data(65536 + 16, 16);

// Constants of keptPrefix, loaded from memory: V8 materialises a v128.const anew on every use.
const KEPT_CONSTS: usize = memory.data<u8>([
  0x3c, 0xbf, 0xd7, 0xdf, 0xe3, 0xee, 0xd8, 0x80, 0x85, 0x9c, 0, 0, 0, 0, 0, 0,
]);
@inline function splat(i: usize): v128 {
  return v128.load8_splat(KEPT_CONSTS + i);
}

/**
 * How many bytes at the start of a 16-byte chunk the loop below would copy unchanged, one
 * character at a time, whatever precedes or follows the chunk: ASCII but "<", continuation bytes,
 * and the lead bytes of characters that are always kept as they are (U+05C0..U+05FF,
 * U+0600..U+07FF but U+061C, U+3000..U+DFFF but U+3000 and U+3164). A chunk may end inside such a
 * character: its remaining continuation bytes are then copied one by one (as invalid UTF-8 is),
 * so the output is the same. D8 and E3 leads count only when the byte after them is in the chunk
 * and rules out U+061C (D8 9C), U+3000 (E3 80 80) and U+3164 (E3 85 A4).
 */
@inline function keptPrefix(c: v128): i32 {
  // ASCII, continuation bytes and D7..DF; E3..ED; not "<".
  const low = v128.or(i8x16.le_u(c, splat(1)), v128.and(i8x16.ge_u(c, splat(2)), i8x16.le_u(c, splat(3))));
  const kept = v128.and(
    v128.or(low, v128.and(i8x16.ge_u(c, splat(4)), i8x16.lt_u(c, splat(5)))),
    i8x16.ne(c, splat(0)),
  );
  const lead = i8x16.bitmask(v128.or(i8x16.eq(c, splat(6)), i8x16.eq(c, splat(4))));
  const next = i8x16.bitmask(v128.or(v128.or(i8x16.eq(c, splat(7)), i8x16.eq(c, splat(8))), i8x16.eq(c, splat(9))));
  return ctz(~i8x16.bitmask(kept) | (lead & ((next >> 1) | 0x8000)) | 0x10000);
}

/**
 * Normalises `len` bytes at `src` into `dst` (NORMALISED); returns the new length (<= len).
 * Writes may run up to 15 bytes past the returned length (whole-word and 16-byte stores).
 */
export function normaliseSpan(src: usize, len: i32, dst: usize): i32 {
  const end = src + <usize>len;
  let r = src;
  let w = dst;
  let lookalikeRun = false; // inside a run of look-alikes that is being folded
  while (r < end) {
    // The common case: 16 ASCII bytes without "<", moved at once. In mixed text, the bytes before
    // the first one that may change (k of them) are moved at once too: after ASCII bytes, and
    // from the lead byte of a character that is kept as it is (CJK, Hangul, Hebrew, Arabic).
    let b = <u32>load<u8>(r);
    if (r + 16 <= end) {
      const chunk = v128.load(r);
      if (b < 0x80) {
        const special = v128.or(i8x16.lt_s(chunk, i8x16.splat(0)), i8x16.eq(chunk, i8x16.splat(0x3c)));
        v128.store(w, chunk);
        if (!v128.any_true(special)) {
          w += 16;
          r += 16;
          lookalikeRun = false;
          continue;
        }
        const k = <usize>ctz(i8x16.bitmask(special));
        if (k > 0) {
          w += k;
          r += k;
          lookalikeRun = false;
          b = <u32>load<u8>(r);
        }
      } else if (b - 0xd7 < 9 || b - 0xe3 < 11) {
        const k = <usize>keptPrefix(chunk);
        if (k > 0) {
          v128.store(w, chunk);
          w += k;
          r += k;
          lookalikeRun = false;
          continue;
        }
      }
    }
    if (b < 0x80) {
      lookalikeRun = false;
      if (b == 0x3c && r + 3 < end && load<u8>(r + 1) == 0x21 && load<u8>(r + 2) == 0x2d && load<u8>(r + 3) == 0x2d) {
        r = skipComment(r + 4, end);
        continue;
      }
      store<u8>(w++, <u8>b);
      r++;
      continue;
    }
    // Two-byte characters (U+0080..U+07FF): the result of decode + mapCodePoint without the calls.
    // Above the table only U+061C is dropped.
    if (b - 0xc2 < 30 && r + 1 < end) {
      const b1 = <u32>load<u8>(r + 1) ^ 0x80;
      const cp = ((b & 0x1f) << 6) | b1;
      if (b1 < 0x40) {
        const m = cp < TABLE_END ? <u32>load<u8>(FOLD + <usize>cp) : cp == 0x61c ? DROP : 0;
        if (m < DROP) {
          if (m == 0) {
            // Kept (Hebrew, Arabic, most Greek and Cyrillic letters).
            lookalikeRun = false;
            store<u16>(w, load<u16>(r));
            w += 2;
          } else {
            // Folded to an ASCII byte ("é" -> "e", no-break space -> " ").
            lookalikeRun = isAsciiLetter(m);
            store<u8>(w++, <u8>m);
          }
        } else if (m > DROP) {
          // A look-alike (Greek, Cyrillic, Armenian): folded inside Latin text, else kept.
          if (!lookalikeRun) lookalikeRun = foldRun(dst, w, r, 2, end);
          if (lookalikeRun) store<u8>(w++, <u8>(m & 0x7f));
          else {
            store<u16>(w, load<u16>(r));
            w += 2;
          }
        } // else dropped; a look-alike run continues through it
        r += 2;
        continue;
      }
    }
    // CJK, kana, Hangul (lead bytes E3..ED): kept as they are, except U+3000 and U+3164.
    if (b - 0xe3 < 11 && r + 2 < end) {
      const b1 = <u32>load<u8>(r + 1);
      const b2 = <u32>load<u8>(r + 2);
      if (((b1 ^ 0x80) | (b2 ^ 0x80)) < 0x40 && !(b == 0xe3 && ((b1 == 0x80 && b2 == 0x80) || (b1 == 0x85 && b2 == 0xa4)))) {
        lookalikeRun = false;
        store<u32>(w, load<u32>(r)); // the fourth byte is overwritten next
        w += 3;
        r += 3;
        continue;
      }
    }
    // Emoji and pictographs U+1F1C0..U+1FFFF: kept as they are.
    if (b == 0xf0 && r + 3 < end && load<u8>(r + 1) == 0x9f) {
      const b2 = <u32>load<u8>(r + 2);
      if (b2 - 0x87 < 0x39 && (<u32>load<u8>(r + 3) ^ 0x80) < 0x40) {
        lookalikeRun = false;
        store<u32>(w, load<u32>(r));
        w += 4;
        r += 4;
        continue;
      }
    }
    decode(r, end, b);
    const n = <usize>cpBytes;
    if (n == 0) {
      lookalikeRun = false;
      store<u8>(w++, <u8>b); // invalid: copied as is
      r++;
      continue;
    }
    const m = mapCodePoint(cpValue);
    if (m == 0) {
      r += n; // dropped; a look-alike run continues through it
      continue;
    }
    if (m > 0 && (m & LOOKALIKE) == 0) {
      lookalikeRun = isAsciiLetter(<u32>m);
      store<u8>(w++, <u8>m);
      r += n;
      continue;
    }
    if (m > 0) {
      if (!lookalikeRun) lookalikeRun = foldRun(dst, w, r, n, end);
      if (lookalikeRun) {
        store<u8>(w++, <u8>(m & 0x7f));
        r += n;
        continue;
      }
    } else lookalikeRun = false;
    // Kept as is (n <= 4 bytes: one word store).
    store<u32>(w, load<u32>(r));
    w += n;
    r += n;
  }
  return <i32>(w - dst);
}

/** The end of an HTML comment whose body starts at p ("-->" or the end of the text). */
function skipComment(p: usize, end: usize): usize {
  while (p + 2 < end) {
    if (load<u8>(p) == 0x2d && load<u8>(p + 1) == 0x2d && load<u8>(p + 2) == 0x3e) return p + 3;
    p++;
  }
  return end;
}
