// Per-tenant learning settings, set by an operator (admin API) and published to KV under
// `learning:<tenant>`. Everything that sends data anywhere or changes routing is off by default.
import * as z from "zod";
import { targetSchema } from "./calibration-schema.ts";

/** Exploration never routes more than this share of a tenant's requests away from its policy. */
export const MAX_EXPLORATION_SHARE = 0.2;

export const learningSettingsSchema = z.strictObject({
  /** Keep the prompt text with each decision (off: features, scores, tiers, models and cost only). */
  store_prompts: z.boolean().default(false),
  /** Feedback is accepted for this long after a decision. */
  feedback_window_hours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24 * 7),
  /** Decisions and outcomes are deleted after this many days. */
  retention_days: z.number().int().min(1).max(90).default(30),
  exploration: z
    .strictObject({
      /** Share of requests bound for the top tier that are served one tier down, to keep learning. */
      share: z.number().min(0).max(MAX_EXPLORATION_SHARE).default(0),
    })
    .prefault({}),
  shadow: z
    .strictObject({
      enabled: z.boolean().default(false),
      /** Share of requests routed below the top tier that are also sent to the next tier up. */
      share: z.number().min(0).max(1).default(0.05),
      /**
       * Share of answers served at the top tier that are also asked of the tier below (that answer is
       * never shown). Comparisons then cover high scores too, where upward ones never happen, at the
       * cheaper model's price.
       */
      down_share: z.number().min(0).max(1).default(0),
      /** Shadow (and judge) spend per UTC day; nothing is sent once it is reserved. */
      budget_usd_daily: z.number().min(0).max(100_000).default(0),
      /** A catalog model id that compares the two answers; unset: automatic checks only. */
      judge_model: z.string().min(1).max(200).optional(),
    })
    .prefault({}),
  calibration: z
    .strictObject({
      target: targetSchema.optional(),
      /** Refit and publish by itself when enough new evidence arrived. */
      auto: z.boolean().default(false),
      every_outcomes: z.number().int().min(1).max(1_000_000).default(200),
      every_decisions: z.number().int().min(1).max(10_000_000).default(2_000),
      min_interval_seconds: z
        .number()
        .int()
        .min(0)
        .max(7 * 86_400)
        .default(600),
      /** A fit needs at least this many auto-routed decisions, and (quality targets) labelled outcomes. */
      min_decisions: z.number().int().min(10).max(1_000_000).default(200),
      min_labels: z.number().int().min(10).max(1_000_000).default(100),
      /** Paired outcomes (shadow) needed before a feature adjustment is tried. */
      min_paired: z.number().int().min(20).max(1_000_000).default(200),
      adjust_features: z.boolean().default(true),
      /** The gate never sends more than this share of the tenant's traffic to the classifier. */
      max_classifier_share: z.number().min(0).max(0.5).default(0.2),
      /** The most recent decisions a fit reads. */
      window_decisions: z.number().int().min(100).max(100_000).default(20_000),
    })
    .prefault({}),
});

export type LearningSettings = z.infer<typeof learningSettingsSchema>;
export type LearningSettingsInput = z.input<typeof learningSettingsSchema>;

export const DEFAULT_SETTINGS: LearningSettings = learningSettingsSchema.parse({});
