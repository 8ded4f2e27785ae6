// Hand-written cue lexicon (assembly/lexicon.txt), matched by a 32-bit FNV-1a
// hash of each lower-cased ASCII word truncated to its first PREFIX letters (so
// "derivative", "derivatives" and "derivation" share one entry). The table is an
// open-addressing hash set filled once by the start function: matching allocates
// nothing and costs about one probe per word. How much each cue matters is learned.

export * from "./lexicon.generated";
import { CUE_COUNT, LEXICON, LEXICON_GROUP_END, LEXICON_VALUED_FROM, LEXICON_VALUES } from "./lexicon.generated";

export const PREFIX: i32 = 8;
export const FNV_OFFSET: u32 = 2166136261;
export const FNV_PRIME: u32 = 16777619;

const SLOTS: u32 = 2048; // power of two; ~4x the number of entries keeps probes short
const TABLE: usize = memory.data(<i32>SLOTS * 8, 8); // [hash u32, cue u16, value u16] per slot

/** Cue of the word hash `h` in the low 16 bits, its value in the high 16; 0 if none. */
@inline export function lookupCue(h: u32): u32 {
  let slot = h & (SLOTS - 1);
  while (true) {
    const entry = load<u32>(TABLE + ((<usize>slot) << 3) + 4);
    if (entry == 0) return 0;
    if (load<u32>(TABLE + ((<usize>slot) << 3)) == h) return entry;
    slot = (slot + 1) & (SLOTS - 1);
  }
}

function insert(h: u32, entry: u32): void {
  let slot = h & (SLOTS - 1);
  while (true) {
    const at = TABLE + ((<usize>slot) << 3);
    if (load<u32>(at + 4) == 0) {
      store<u32>(at, h);
      store<u32>(at + 4, entry);
      return;
    }
    if (load<u32>(at) == h) return; // first list wins for a shared prefix
    slot = (slot + 1) & (SLOTS - 1);
  }
}

/** Fills the table from the generated lexicon (assembly/lexicon.txt). */
export function initKeywords(): void {
  let i = 0;
  for (let cue = 1; cue <= CUE_COUNT; cue++) {
    const end = <i32>load<u16>(LEXICON_GROUP_END + ((<usize>(cue - 1)) << 1));
    for (; i < end; i++) {
      const value = i >= LEXICON_VALUED_FROM ? <u32>load<u16>(LEXICON_VALUES + ((<usize>(i - LEXICON_VALUED_FROM)) << 1)) : 0;
      insert(load<u32>(LEXICON + ((<usize>i) << 2)), <u32>cue | (value << 16));
    }
  }
}
