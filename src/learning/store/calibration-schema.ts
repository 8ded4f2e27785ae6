// The per-tenant calibration object (versioned, published to KV under `calibration:<tenant>`,
// read by every isolate): the fitted tier boundaries and uncertainty band on the tenant's score
// scale, and an optional per-tenant score adjustment. Validated with zod wherever it is read or
// written; a value that fails is never applied (routing keeps its last good calibration).
// `.ts` imports: the offline tool (tools/research/calibrate/main.ts) uses this file in Node.
import * as z from "zod";
import { TENANT_ID } from "../../schema/identity.ts";

export const tenantIdSchema = z.string().regex(TENANT_ID, "letters, digits, . _ : - only (1-64)");

const finite = z.number().finite();
const unit = z.number().gt(0).lt(1);

/**
 * What a tenant asks calibration to hit:
 * - strong_share: this share of auto-routed requests is served by the top tier;
 * - max_under_routing: at most this share of auto-routed requests is routed too low (served below
 *   the top tier while a stronger model would have done better, as estimated from feedback and
 *   shadow comparisons); the cheapest boundaries that meet it are chosen.
 */
export const targetSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("strong_share"), value: z.number().min(0).max(1) }),
  z.strictObject({ kind: z.literal("max_under_routing"), value: z.number().min(0).max(1) }),
]);
export type CalibrationTarget = z.infer<typeof targetSchema>;

/**
 * A per-tenant re-scoring: s' = sigmoid(intercept + score_weight * logit(s) + Σ weight * clip(z)),
 * z = (feature - mean) / scale clipped to ±Z_CLIP. Fitted on paired outcomes (a cheaper and a
 * stronger answer to the same prompt); its output keeps the score's meaning (a stronger model's
 * estimated win rate) on the tenant's own traffic and models.
 */
export const adjustmentSchema = z.strictObject({
  intercept: finite,
  score_weight: finite,
  features: z
    .array(
      z.strictObject({ name: z.string().min(1), mean: finite, scale: z.number().positive().finite(), weight: finite }),
    )
    .max(64),
});
export type Adjustment = z.infer<typeof adjustmentSchema>;

/** Standardised features are clipped to this many standard deviations (bounds any one feature's pull). */
export const Z_CLIP = 4;

export const tiersSchema = z
  .strictObject({ boundaries: z.tuple([unit, unit]), uncertainty_band: z.number().min(0).max(0.2) })
  .refine((t) => t.boundaries[0] < t.boundaries[1], "boundaries must be ascending");

export const calibrationSchema = z.strictObject({
  object: z.literal("router.calibration"),
  tenant: tenantIdSchema,
  version: z.number().int().min(1),
  /** The version this one replaced (0: the deployment defaults). */
  parent_version: z.number().int().min(0),
  created_at: z.string().min(1),
  /** online: fitted by the tenant's Durable Object; offline: npm run calibrate; manual: written by an operator. */
  source: z.enum(["online", "offline", "manual"]),
  /** Scorer build the scores and features come from (see scorer-version.ts); another build ignores it. */
  scorer: z.string().min(1),
  target: targetSchema.nullable(),
  tiers: tiersSchema,
  adjustment: adjustmentSchema.nullable(),
  /** What the fit saw and predicts (counts, predicted strong share and under-routing before/after). */
  evidence: z.record(z.string(), z.json()),
});
export type Calibration = z.infer<typeof calibrationSchema>;

/** A calibration body before it gets its identity (tenant, version, parent, time). */
export const calibrationBodySchema = calibrationSchema.omit({
  object: true,
  tenant: true,
  version: true,
  parent_version: true,
  created_at: true,
});
export type CalibrationBody = z.infer<typeof calibrationBodySchema>;

/** The canonical stored text: what KV holds and what rollback restores byte for byte. */
export const calibrationText = (calibration: Calibration): string => JSON.stringify(calibration);
