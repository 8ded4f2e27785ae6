// Deterministic per-request draws: a decision id (random, unguessable) hashed with a purpose
// gives a uniform number in [0, 1), so "is this request explored / shadowed" is reproducible
// from the id alone (tests and replays) and independent between purposes.
import { unitHash } from "../../util/hash.ts";

export const sampled = (id: string, purpose: string, share: number): boolean =>
  share > 0 && unitHash(`${purpose}:${id}`) < share;
