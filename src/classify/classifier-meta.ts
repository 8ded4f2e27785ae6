// wasm/classifier.meta.json: everything the Worker needs to feed the ONNX model
// and read its answer. Written by tools/build/classifier/write-onnx.ts next to the
// .onnx file; validated here and checked against the model itself at init.
//
// Input: one float32 tensor [batch, size], the concatenation of `segments`:
//   scorer   — the wasm scorer's feature vector (size = scorer featureCount, names in scorer order);
//   ngrams   — the wasm's hashed word n-gram buckets (size = bucket count; value 0 where untouched);
//   reserved — zeros, room for features a later model adds.
// Outputs (at least one):
//   p_strong   — P(a stronger model is needed): [batch, 1] after a sigmoid, or [batch, 2] after a
//                softmax whose `labels` say which column is "strong";
//   tier_probs — a distribution over the three tiers, [batch, 3]; `labels` give the column order.
// Decision (which output decides, and its thresholds):
//   { output: "p_strong", boundaries: [a, b] }   tier = simple below a, moderate below b, else complex;
//   { output: "p_strong", boundaries: "tiers" }  the same with the router's tier boundaries (for a
//                                                model whose p_strong is on the scorer's scale);
//   { output: "tier_probs", max_underroute_risk: r } the cheapest tier t with P(needed tier > t) <= r
//                                                    (r = 0.5 is the median; smaller r routes up more).
// Node tools import this file too, hence the `.ts` import.
import * as z from "zod";
import { TIER_LABELS } from "./tier-labels.ts";

export const META_FORMAT = "triage-classifier-meta/1";

const probability = z.number().gt(0).lt(1);
const tierLabels = z
  .array(z.enum(TIER_LABELS))
  .length(3)
  .refine((labels) => new Set(labels).size === 3, "labels must name each tier once");

const segment = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("scorer"), size: z.number().int().min(1), names: z.array(z.string()).optional() }),
  z.object({ kind: z.literal("ngrams"), size: z.number().int().min(1) }),
  z.object({ kind: z.literal("reserved"), size: z.number().int().min(0) }),
]);

const pStrongOutput = z
  .object({
    name: z.string().min(1),
    size: z.union([z.literal(1), z.literal(2)]),
    labels: z.array(z.string()).optional(),
  })
  .refine(
    (o) => o.size === 1 || (o.labels?.length === 2 && o.labels.includes("strong")),
    "a 2-column p_strong output needs labels naming the 'strong' column",
  );

export const classifierMetaSchema = z
  .object({
    format: z.literal(META_FORMAT),
    version: z.string().min(1),
    /** True for placeholder weights that were not trained on outcomes. */
    provisional: z.boolean(),
    description: z.string().optional(),
    /** sha256 (hex) of the .onnx file this metadata describes. */
    model_sha256: z.string().regex(/^[0-9a-f]{64}$/),
    input: z.object({
      name: z.string().min(1),
      size: z.number().int().min(1),
      segments: z.array(segment).min(1),
    }),
    outputs: z
      .object({
        p_strong: pStrongOutput.optional(),
        tier_probs: z.object({ name: z.string().min(1), size: z.literal(3), labels: tierLabels }).optional(),
      })
      .refine((o) => o.p_strong || o.tier_probs, "at least one output is required"),
    decision: z.discriminatedUnion("output", [
      z.object({
        output: z.literal("p_strong"),
        boundaries: z.union([
          z.tuple([probability, probability]).refine(([a, b]) => a < b, "boundaries must ascend"),
          z.literal("tiers"),
        ]),
      }),
      z.object({ output: z.literal("tier_probs"), max_underroute_risk: probability }),
    ]),
    /** Provenance (data hashes, metrics, …): free-form, not read by the Worker. */
    training: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine((meta, ctx) => {
    const total = meta.input.segments.reduce((sum, s) => sum + s.size, 0);
    if (total !== meta.input.size) {
      ctx.addIssue({ code: "custom", message: `input segments add up to ${total}, input.size is ${meta.input.size}` });
    }
    if (meta.input.segments.filter((s) => s.kind === "scorer").length !== 1) {
      ctx.addIssue({ code: "custom", message: "input needs exactly one scorer segment" });
    }
    if (meta.input.segments.filter((s) => s.kind === "ngrams").length > 1) {
      ctx.addIssue({ code: "custom", message: "input has more than one ngrams segment" });
    }
    for (const s of meta.input.segments) {
      if (s.kind === "scorer" && s.names && s.names.length !== s.size) {
        ctx.addIssue({ code: "custom", message: `scorer segment lists ${s.names.length} names for size ${s.size}` });
      }
    }
    if (!meta.outputs[meta.decision.output]) {
      ctx.addIssue({ code: "custom", message: `decision uses output ${meta.decision.output}, which is not declared` });
    }
  });

export type ClassifierMeta = z.infer<typeof classifierMetaSchema>;
export type InputSegment = ClassifierMeta["input"]["segments"][number];
export type ClassifierDecisionRule = ClassifierMeta["decision"];

/** Parses metadata, throwing one readable message on the first problem. */
export function parseClassifierMeta(value: unknown): ClassifierMeta {
  const parsed = classifierMetaSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.join(".") : "metadata";
    throw new Error(`classifier metadata invalid at ${where}: ${issue.message}`);
  }
  return parsed.data;
}
