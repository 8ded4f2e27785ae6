// POST /v1/feedback — the client's outcome for a routed response, named by its decision id
// (x-router-decision-id): {"decision_id", and one of "thumbs": "up"|"down", "score": 0..1,
// "escalate_needed": true}. Authenticated like the other /v1 routes; a decision can only be rated
// by its own tenant, within the tenant's feedback window. Idempotent: repeating an outcome
// changes nothing ("unchanged"); a different one replaces it ("replaced").
import { Hono } from "hono";
import * as z from "zod";
import type { AppEnv } from "../env.ts";
import { invalidRequest, notFound, RouterError } from "../errors.ts";
import {
  drainDecisions,
  learningStub,
  DECISION_ID,
  readLearningConfig,
  feedbackOutcomeSchema,
  type FeedbackOutcome,
} from "../learning/index.ts";
import { tenantOf } from "../auth/tenant.ts";
import { readBodyText } from "../limits/read-body.ts";
import { issueToError, parseBody, parseJsonText } from "../schema/parse-request.ts";

const feedbackBodySchema = z
  .strictObject({
    decision_id: z.string().regex(DECISION_ID, "must be an x-router-decision-id value (dec_…)"),
    thumbs: z.enum(["up", "down"]).optional(),
    score: z.number().min(0).max(1).optional(),
    escalate_needed: z.literal(true).optional(),
  })
  .refine(
    (body) => [body.thumbs, body.score, body.escalate_needed].filter((v) => v !== undefined).length === 1,
    "give exactly one of 'thumbs', 'score' or 'escalate_needed'",
  );

const unavailable = () =>
  new RouterError("Feedback is not configured: bind the TenantLearning Durable Object as TENANT_LEARNING.", {
    status: 501,
    type: "api_error",
    code: "feedback_unavailable",
  });

/** The body-wide rule (exactly one outcome) reads as a sentence; field issues name their field. */
const feedbackIssue = (issue: z.core.$ZodIssue) =>
  issue.path.length === 0 && issue.code === "custom"
    ? invalidRequest(`Invalid feedback: ${issue.message}.`, null, "invalid_value")
    : issueToError(issue);

/** A feedback body is a few fields: anything larger is refused before it is read in full. */
const FEEDBACK_MAX_BYTES = 16 * 1024;

export const feedback = new Hono<AppEnv>().post("/v1/feedback", async (c) => {
  const raw = parseJsonText(await readBodyText(c.req.raw, FEEDBACK_MAX_BYTES));
  const { decision_id: decisionId, ...rest } = parseBody(feedbackBodySchema, raw, feedbackIssue);
  const outcome = feedbackOutcomeSchema.parse(
    Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
  ) as FeedbackOutcome;
  const tenant = tenantOf(c);
  const stub = readLearningConfig(c.env).enabled ? learningStub(c.env, tenant) : undefined;
  if (!stub) throw unavailable();
  await drainDecisions(c.env, tenant); // a decision this isolate has not flushed yet
  const result = await stub.feedback(tenant, decisionId, outcome);
  if (result.status === "not_found") {
    throw notFound(
      `No decision '${decisionId}' for this key (or it is past the retention period).`,
      "decision_not_found",
    );
  }
  if (result.status === "expired") {
    throw new RouterError(`Decision '${decisionId}' is past its feedback window.`, {
      status: 410,
      type: "invalid_request_error",
      param: "decision_id",
      code: "decision_expired",
    });
  }
  const label = "label" in result ? result.label : null;
  return c.json({ object: "router.feedback", decision_id: decisionId, status: result.status, label });
});
