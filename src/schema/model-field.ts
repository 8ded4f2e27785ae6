// The request's `model` field: a virtual auto model (routed) or a concrete catalog id.
import { invalidRequest } from "../errors.ts";
import { OBJECTIVES, type Objective } from "./router-options.ts";

export type ModelField = { kind: "auto"; objective: Objective | undefined } | { kind: "model"; id: string };

export const AUTO_MODEL_IDS = ["auto", ...OBJECTIVES.map((objective) => `auto:${objective}`)] as const;

export function parseModelField(model: string): ModelField {
  if (model === "auto") return { kind: "auto", objective: undefined };
  if (model.startsWith("auto:")) {
    const objective = model.slice(5) as Objective;
    if (!OBJECTIVES.includes(objective)) {
      throw invalidRequest(
        `Unknown routing objective '${model}'. Use one of: ${AUTO_MODEL_IDS.join(", ")}.`,
        "model",
        "model_not_found",
      );
    }
    return { kind: "auto", objective };
  }
  return { kind: "model", id: model };
}
