// Deterministic benchmark prompts of a given UTF-8 size: ASCII (English prose
// with some code and maths) or mixed scripts (CJK, Cyrillic, Arabic, emoji).
// Plain TS with no Node imports: it is bundled into the workerd bench too.

const ASCII_CHUNK =
  "Please analyse the following function and explain why it fails for empty input. " +
  "```ts\nexport function mean(xs: number[]): number {\n  return xs.reduce((a, b) => a + b, 0) / xs.length;\n}\n```\n" +
  "Then prove that the corrected version returns $\\frac{1}{n}\\sum_i x_i$ for n >= 1, in at most 200 words. ";
const MIXED_CHUNK =
  "Translate this for me: 日本語のテキストを英語に翻訳してください。 Привет, как дела? مرحبا بالعالم 😀🚀 " +
  "한국어 문장도 있습니다. Résumé café naïve — ok? 👩‍👩‍👧 שלום עולם. ";

export const SIZES = [256, 1024, 4096, 32768, 131072] as const;
export type PromptKind = "ascii" | "mixed";

const encoder = new TextEncoder();

export function benchPrompt(kind: PromptKind, bytes: number): string {
  const chunk = kind === "ascii" ? ASCII_CHUNK : MIXED_CHUNK;
  let text = chunk.repeat(Math.ceil(bytes / encoder.encode(chunk).length) + 1);
  // Cut to at most `bytes` UTF-8 bytes on a code point boundary.
  const buffer = new Uint8Array(bytes);
  const { read } = encoder.encodeInto(text, buffer);
  text = text.slice(0, read);
  return text;
}
