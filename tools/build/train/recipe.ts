// How the router's scorer is fitted (tools/build/train/main.ts; docs/router-model.md says why).
// Every choice here was kept only if it did not lower the leave-one-set-out mean (npm run eval).

/** Label = z(z(difficulty) + SLOPE_WEIGHT * z(slope)) within each outcome set (outcome-labels.ts). */
export const SLOPE_WEIGHT = 2;

/**
 * Synthetic prompts no model gets wrong (greetings, small talk, thanks, translating or
 * spell-checking a short phrase: tools/build/synthetic/simple-prompts.ts). No outcome set holds such
 * prompts, so without them the model extrapolates and a "hey" can score like a proof. They are
 * labelled at this quantile of the pooled training labels: as easy as the easiest prompts seen.
 */
export const ANCHOR_KINDS = ["greeting", "chat", "thanks", "translation", "rewrite"] as const;
export const ANCHOR_QUANTILE = 0.25;

/** MMLU question stems (choices removed) carry their question's label at this share of MMLU's weight. */
export const STEM_WEIGHT = 0.5;

/** "family": every family of labelled sets weighs 1 in total, shared by its sets ("set": every set 1). */
export const BALANCE = "family" as const;

/**
 * Family weights (default 1). The chat families (arena-bench, arena-hard) weigh 2: the router serves
 * chat, and they are the only sets whose prompts differ in kind (code, maths, writing, role-play,
 * advice), so the only ones that say how much a task type needs a stronger model. The single-topic
 * maths families (GSM8K with its GPT-3 outcomes and train-split steps; MATH levels) weigh 0.5: their
 * within-set structure (a short symbolic problem is an easy one *among maths problems*) must not decide
 * how a maths request compares with a request of another kind; at weight 1 the development category
 * probe ranks short symbolic maths below STEM facts. Design-time leave-one-family-out
 * (tools/build/train/design-loso.ts), mean APGR over pairs / rank correlation: all 1: 0.535 / 0.130; chat 2:
 * 0.534 / 0.137; chat 2 and maths 0.5: 0.532 / 0.138. The last is kept although its mean is 0.002
 * lower (well within noise: the sets' intervals are ±0.03 and wider) because the issue's category
 * order is a requirement and the other two do not meet it on the development probe.
 */
export const FAMILY_WEIGHT = { "arena-bench": 2, "arena-hard": 2, gsm8k: 0.5, math: 0.5 } as const;

/** Ridge penalty on standardised features (weights normalised to mean 1). */
export const RIDGE_ALPHA = 10;

/**
 * Tier defaults: fitted on real chat prompts (the train split of arena-bench-v1, arena-hard v0.1
 * and v2.0), the traffic a deployment serves. These shares of them are decided complex / simple.
 */
export const CHAT_SETS = ["arena-bench-v1", "arena-hard-v0.1", "arena-hard-v2.0"] as const;
export const CHAT_COMPLEX_SHARE = 0.3;
export const CHAT_SIMPLE_SHARE = 0.35;
