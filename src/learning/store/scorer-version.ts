// Which scorer build produced a score and its features: a calibration fitted on one build's
// scale means nothing on another's, so calibrations and decision records carry this and a
// mismatching calibration is not applied.
import weights from "../../../wasm/scorer-weights.json";
import { scorerVersionOf } from "./scorer-id.ts";

export const SCORER_VERSION = scorerVersionOf(weights);
