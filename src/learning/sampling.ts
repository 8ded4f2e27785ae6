// Deterministic per-request draws: a decision id (random, unguessable) hashed with a purpose
// gives a uniform number in [0, 1), so "is this request explored / shadowed" is reproducible
// from the id alone (tests and replays) and independent between purposes.

/** FNV-1a over the text, then a murmur3-style finaliser: well mixed 32 bits -> [0, 1). */
export function unitHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

export const sampled = (id: string, purpose: string, share: number): boolean =>
  share > 0 && unitHash(`${purpose}:${id}`) < share;
