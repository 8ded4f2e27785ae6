// learning/: learning from traffic, an observer of routed requests. Its rooms: online/ (what the
// request path runs: the tenant's tiers and adjustment, exploration, the decision record),
// store/ (the tenant's Durable Object, the KV-published settings and calibration), fit/ (pure
// calibration fits, shared with `npm run calibrate`) and shadow/ (comparisons after the response).
// Everything outside learning/ in src/ imports from this file only (test/node/import-graph.test.ts).

// The request path (pipeline/).
export { EXPLORED_TIER } from "./online/exploration.ts";
export { uncertainBelow } from "./online/served-tier.ts";
export { exploresThis, planLearning, shadowsDownThis } from "./online/plan-learning.ts";
export { startLearning, type RequestLearning } from "./online/request-learning.ts";

// Feedback and the admin API (routes/).
export { drainDecisions, learningStub } from "./online/decision-buffer.ts";
export { DECISION_ID } from "./online/decision-id.ts";
export { readLearningConfig } from "./online/learning-config.ts";
export { primeTenantState } from "./online/learning-store.ts";
export { feedbackOutcomeSchema, type FeedbackOutcome } from "./fit/labels.ts";
export { calibrationSchema, type CalibrationBody } from "./store/calibration-schema.ts";
export { calibrationKey, learningKv } from "./store/learning-kv.ts";
export { SCORER_VERSION } from "./store/scorer-version.ts";
export { learningSettingsSchema } from "./store/settings-schema.ts";

// Stats (routes/, dashboard/) and the Durable Object class (index.ts).
export { learningStats } from "./store/learning-stats.ts";
export { TenantLearning } from "./store/learning-object.ts";
