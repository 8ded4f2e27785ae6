// A plain-JS port of assembly/normalise.ts (byte for byte, the same rules), the reference the
// wasm's normalisation is tested against through tools/lib/scorer/ngram-reference.test.ts.

const DROP = 0x7f;
const LOOKALIKE = 0x80;

// U+00C0..U+017F -> ASCII ("_" keeps × and ÷).
const LATIN =
  "AAAAAAACEEEEIIIIDNOOOOO_OUUUUYTsaaaaaaaceeeeiiiidnooooo_ouuuuyty" +
  "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiIiJjKkkLlLlLlLlLlNnNnNnnNnOoOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";
// Look-alikes: code point -> ASCII (Greek, Cyrillic, Armenian: folded only as Latin text in disguise).
const LOOKALIKES: Record<number, string> = {
  0x391: "A", 0x392: "B", 0x395: "E", 0x396: "Z", 0x397: "H", 0x399: "I", 0x39a: "K", 0x39c: "M",
  0x39d: "N", 0x39f: "O", 0x3a1: "P", 0x3a4: "T", 0x3a5: "Y", 0x3a7: "X", 0x3f9: "C", 0x37f: "J",
  0x3b1: "a", 0x3b3: "y", 0x3b9: "i", 0x3ba: "k", 0x3bd: "v", 0x3bf: "o", 0x3c1: "p", 0x3c5: "u",
  0x3c7: "x", 0x3c9: "w", 0x3f2: "c", 0x3f3: "j",
  0x405: "S", 0x406: "I", 0x408: "J", 0x410: "A", 0x412: "B", 0x415: "E", 0x41a: "K", 0x41c: "M",
  0x41d: "H", 0x41e: "O", 0x420: "P", 0x421: "C", 0x422: "T", 0x423: "Y", 0x425: "X", 0x474: "V",
  0x4ae: "Y", 0x4c0: "I", 0x500: "D", 0x50c: "G", 0x51a: "Q", 0x51c: "W",
  0x430: "a", 0x435: "e", 0x43e: "o", 0x440: "p", 0x441: "c", 0x443: "y", 0x445: "x", 0x455: "s",
  0x456: "i", 0x458: "j", 0x461: "w", 0x475: "v", 0x4af: "y", 0x4bb: "h", 0x4cf: "l", 0x501: "d",
  0x51b: "q", 0x51d: "w",
  0x570: "h", 0x578: "n", 0x57d: "u", 0x585: "o",
}; // prettier-ignore
const IPA: Record<number, string> = { 0x251: "a", 0x261: "g", 0x269: "i" };
// Latin Extended Additional: [offset from U+1E00, upper/lower pairs, upper-case letter].
const RUNS_1E: [number, number, string][] = [
  [0x00, 1, "A"], [0x02, 3, "B"], [0x08, 1, "C"], [0x0a, 5, "D"], [0x14, 5, "E"], [0x1e, 1, "F"],
  [0x20, 1, "G"], [0x22, 5, "H"], [0x2c, 2, "I"], [0x30, 3, "K"], [0x36, 4, "L"], [0x3e, 3, "M"],
  [0x44, 4, "N"], [0x4c, 4, "O"], [0x54, 2, "P"], [0x58, 4, "R"], [0x60, 5, "S"], [0x6a, 4, "T"],
  [0x72, 5, "U"], [0x7c, 2, "V"], [0x80, 5, "W"], [0x8a, 2, "X"], [0x8e, 1, "Y"], [0x90, 3, "Z"],
  [0xa0, 12, "A"], [0xb8, 8, "E"], [0xc8, 2, "I"], [0xcc, 12, "O"], [0xe4, 7, "U"], [0xf2, 4, "Y"],
]; // prettier-ignore
const LETTERLIKE: Record<number, string> = {
  0x210a: "g", 0x210b: "H", 0x210c: "H", 0x210d: "H", 0x210e: "h", 0x210f: "h", 0x2110: "I", 0x2111: "I",
  0x2112: "L", 0x2113: "l", 0x2115: "N", 0x2119: "P", 0x211a: "Q", 0x211b: "R", 0x211c: "R", 0x211d: "R",
  0x2124: "Z", 0x212c: "B", 0x212d: "C", 0x212f: "e", 0x2130: "E", 0x2131: "F", 0x2133: "M", 0x2134: "o",
}; // prettier-ignore

const code = (s: string) => s.charCodeAt(0);

/** -1 keep, 0 drop, else an ASCII byte (| LOOKALIKE for look-alikes). */
export function mapCodePoint(cp: number): number {
  if (cp === 0x85) return 0x0a;
  if (cp === 0xa0) return 0x20;
  if (cp === 0xad || cp === 0x34f || (cp >= 0x300 && cp < 0x370)) return 0;
  if (cp >= 0xc0 && cp < 0x180) return LATIN[cp - 0xc0] === "_" ? -1 : code(LATIN[cp - 0xc0]!);
  if (IPA[cp]) return code(IPA[cp]);
  if (LOOKALIKES[cp]) return code(LOOKALIKES[cp]) | LOOKALIKE;
  if (cp < 0x600) return -1;
  if (cp >= 0x1e00 && cp < 0x1f00) {
    const off = cp - 0x1e00;
    for (const [start, pairs, upper] of RUNS_1E) {
      if (off >= start && off < start + 2 * pairs) return (off - start) % 2 === 0 ? code(upper) : code(upper) | 0x20;
    }
    return -1;
  }
  if (cp < 0x2000) {
    if ([0x61c, 0x115f, 0x1160, 0x17b4, 0x17b5].includes(cp) || (cp >= 0x180b && cp < 0x1810)) return 0;
    return cp === 0x1680 ? 0x20 : -1;
  }
  if (cp < 0x2070) {
    if (cp <= 0x200a || cp === 0x202f || cp === 0x205f) return 0x20;
    if (cp <= 0x200f || (cp >= 0x202a && cp < 0x202f) || cp >= 0x2060) return 0;
    if (cp === 0x2028 || cp === 0x2029) return 0x0a;
    return -1;
  }
  if (cp >= 0x2100 && cp < 0x2135) return LETTERLIKE[cp] ? code(LETTERLIKE[cp]) : -1;
  if (cp >= 0x249c && cp < 0x249c + 26) return cp - 0x249c + 0x61;
  if (cp >= 0x24b6 && cp < 0x24b6 + 26) return cp - 0x24b6 + 0x41;
  if (cp >= 0x24d0 && cp < 0x24d0 + 26) return cp - 0x24d0 + 0x61;
  if (cp === 0x3000) return 0x20;
  if (cp === 0x3164 || cp === 0xfeff || cp === 0xffa0 || (cp >= 0xfe00 && cp < 0xfe10) || (cp >= 0xfff9 && cp < 0xfffc))
    return 0;
  if (cp >= 0xff01 && cp < 0xff5f) return cp - 0xfee0;
  if (cp >= 0x1d400 && cp < 0x1d6a4) {
    const i = (cp - 0x1d400) % 52;
    return i < 26 ? 0x41 + i : 0x61 + i - 26;
  }
  if (cp >= 0x1d7ce && cp < 0x1d800) return 0x30 + ((cp - 0x1d7ce) % 10);
  if ((cp >= 0x1d173 && cp < 0x1d17b) || (cp >= 0x1bca0 && cp < 0x1bca4)) return 0;
  if (cp >= 0x1f130 && cp < 0x1f18a) {
    const i = (cp - 0x1f130) & 0x1f;
    return i < 26 ? 0x41 + i : -1;
  }
  if ((cp >= 0xe0000 && cp < 0xe0080) || (cp >= 0xe0100 && cp < 0xe01f0)) return 0;
  return -1;
}

/** [code point, byte length] of the valid UTF-8 sequence at p, or [0, 0]. */
function decode(bytes: Uint8Array, p: number): [number, number] {
  const b = bytes[p]!;
  const c = (k: number) => (p + k < bytes.length ? bytes[p + k]! ^ 0x80 : 0xff);
  if (b >= 0xc2 && b <= 0xdf && c(1) < 0x40) return [((b & 0x1f) << 6) | c(1), 2];
  if (b >= 0xe0 && b <= 0xef && (c(1) | c(2)) < 0x40) {
    const cp = ((b & 0x0f) << 12) | (c(1) << 6) | c(2);
    return cp >= 0x800 ? [cp, 3] : [0, 0];
  }
  if (b >= 0xf0 && b <= 0xf4 && (c(1) | c(2) | c(3)) < 0x40) {
    const cp = ((b & 0x07) << 18) | (c(1) << 12) | (c(2) << 6) | c(3);
    return cp >= 0x10000 && cp <= 0x10ffff ? [cp, 4] : [0, 0];
  }
  return [0, 0];
}

const isAsciiLetter = (b: number) => ((b | 0x20) - 0x61) >>> 0 < 26;
const isOtherLetter = (cp: number) => cp >= 0x370 && cp < 0x590;
const BOUNDARY = 0;
const LATIN_LETTER = 1;
const OTHER_LETTER = 2;

function after(bytes: Uint8Array, p: number): number {
  while (p < bytes.length) {
    const b = bytes[p]!;
    if (b < 0x80) return isAsciiLetter(b) ? LATIN_LETTER : BOUNDARY;
    const [cp, n] = decode(bytes, p);
    if (n === 0) return BOUNDARY;
    const m = mapCodePoint(cp);
    if (m < 0) return isOtherLetter(cp) ? OTHER_LETTER : BOUNDARY;
    if (m > 0 && (m & LOOKALIKE) === 0) return isAsciiLetter(m) ? LATIN_LETTER : BOUNDARY;
    p += n;
  }
  return BOUNDARY;
}

function before(out: number[], w: number): [number, boolean] {
  let adjacent = true;
  let q = w;
  const stop = w > 64 ? w - 64 : 0;
  while (q > stop) {
    q--;
    const b = out[q]!;
    if (b < 0x80) {
      if (isAsciiLetter(b)) return [LATIN_LETTER, adjacent];
      adjacent = false;
      continue;
    }
    if (b >= 0xc0) continue;
    if (q > stop) {
      const lead = out[q - 1]!;
      if (lead >= 0xcd && lead <= 0xd6 && isOtherLetter(((lead & 0x1f) << 6) | (b & 0x3f)))
        return [OTHER_LETTER, adjacent];
    }
    adjacent = false;
  }
  return [q === 0 ? BOUNDARY : LATIN_LETTER, false];
}

/** The normalised bytes of one span (the wasm does this in place). */
export function normaliseBytes(bytes: Uint8Array): Uint8Array {
  const out: number[] = [];
  let r = 0;
  let run = false;
  while (r < bytes.length) {
    const b = bytes[r]!;
    if (b < 0x80) {
      run = false;
      if (
        b === 0x3c &&
        r + 3 < bytes.length &&
        bytes[r + 1] === 0x21 &&
        bytes[r + 2] === 0x2d &&
        bytes[r + 3] === 0x2d
      ) {
        let p = r + 4;
        while (p + 2 < bytes.length && !(bytes[p] === 0x2d && bytes[p + 1] === 0x2d && bytes[p + 2] === 0x3e)) p++;
        r = p + 2 < bytes.length ? p + 3 : bytes.length;
        continue;
      }
      out.push(b);
      r++;
      continue;
    }
    const [cp, n] = decode(bytes, r);
    if (n === 0) {
      run = false;
      out.push(b);
      r++;
      continue;
    }
    const m = mapCodePoint(cp);
    if (m === 0) {
      r += n;
      continue;
    }
    if (m > 0 && (m & LOOKALIKE) === 0) {
      run = isAsciiLetter(m);
      out.push(m);
      r += n;
      continue;
    }
    if (m > 0) {
      if (!run) {
        const [prior, adjacent] = before(out, out.length);
        if (adjacent && prior === LATIN_LETTER) run = true;
        else {
          const next = after(bytes, r + n);
          run = next !== BOUNDARY ? next === LATIN_LETTER : prior !== OTHER_LETTER;
        }
      }
      if (run) {
        out.push(m & 0x7f);
        r += n;
        continue;
      }
    } else run = false;
    for (let k = 0; k < n; k++) out.push(bytes[r + k]!);
    r += n;
  }
  return Uint8Array.from(out);
}
