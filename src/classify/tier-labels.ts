// The tier names a model's outputs use: the same values, in the same order, as
// TIERS in schema/canonical.ts (tier-labels.test.ts holds them equal). Kept apart
// so Node tools can type-check the classifier code under Node's module rules,
// which canonical.ts (extensionless imports) does not follow.
export const TIER_LABELS = ["simple", "moderate", "complex"] as const;
export type TierLabel = (typeof TIER_LABELS)[number];
