// A shadow comparison, run after the response (waitUntil): the request goes to the next tier up
// ("up", for an answer served below the top) or down ("down", for a sampled top-tier answer)
// through the same dispatch layer (breakers, fallbacks, timeouts), the cheaper and the stronger
// answer are compared (shadow-verdict.ts), a judge model is asked when the tenant configured one
// and agreement could not decide, and the outcome goes to the tenant's Durable Object. Either way
// the label means the same: the stronger answer's win rate over the cheaper one. Spend is
// reserved against the tenant's daily shadow budget before anything is sent, and settled with
// the actual cost. Only models the selector chose for the neighbouring tier (the tenant's policy
// and the request's allow/deny lists already applied) and the tenant's own judge are called.
import { checkAnswer, type CheckFailure } from "../../dispatch/answer-check.ts";
import { dispatch, failedDispatchAttempts } from "../../dispatch/dispatch.ts";
import type { DispatchDeps } from "../../dispatch/types.ts";
import type { CatalogModel } from "../../pricing/catalog-schema.ts";
import type { ProviderEndpoint } from "../../providers/types.ts";
import { chargeAfterwards } from "../../record/accounting.ts";
import type { DecisionFacts } from "../../schema/facts.ts";
import type { Identity } from "../../schema/identity.ts";
import { reserveBudget, type BudgetHold } from "../../usage/budget-hold.ts";
import type { CanonicalRequest, CanonicalResponse } from "../../schema/canonical.ts";
import { promptView } from "../../score/prompt-view.ts";
import { costUsd } from "../../pricing/cost.ts";
import type { Candidate } from "../../select/selection.ts";
import { findModel } from "../../pricing/find-model.ts";
import { answerFromResponse, type CollectedAnswer } from "./answer-collector.ts";
import { learningStub } from "../online/decision-buffer.ts";
import { JUDGE_LIMITS, judgePrompt, parseVerdict } from "./judge.ts";
import type { ShadowDirection, ShadowRecord } from "../store/records.ts";
import { compareAnswers, judged, type ComparedAnswer, type Comparison } from "./shadow-verdict.ts";
import type { LearningSettings } from "../store/settings-schema.ts";
import type { Env } from "../../env.ts";

/** The reservation covers this multiple of the estimated cost (answers run longer than predicted). */
const RESERVE_FACTOR = 2;
const JUDGE_MAX_TOKENS = 300;

export interface ShadowContext {
  env: Env;
  tenant: string;
  decisionId: string;
  settings: LearningSettings["shadow"];
  request: CanonicalRequest;
  /** What was decided for the request (its token estimates and served tier price the shadow calls). */
  decided: DecisionFacts;
  models: readonly CatalogModel[];
  endpoints: ReadonlyMap<string, ProviderEndpoint>;
  /** "up": the served answer is the cheaper one; "down": the served answer is the stronger one. */
  direction: ShadowDirection;
  /** The neighbouring tier's candidates (escalation's, or the tier below's). */
  candidates: readonly Candidate[];
  deps: DispatchDeps;
  timeoutMs: number;
  now: () => number;
  /** Who pays: the request's key (its budget and stats carry the shadow calls, kind "shadow"). */
  identity?: Identity | undefined;
  waitUntil: (promise: Promise<unknown>) => void;
}

const asResponse = (answer: CollectedAnswer): CanonicalResponse => ({
  content: answer.text,
  toolCalls: answer.toolCalls.map((call, index) => ({ id: `call_${index}`, ...call })),
  finishReason: answer.finishReason ?? "stop",
});

/**
 * `checked`: the dispatch layer's own check of the full answer, when there was one. A collected
 * copy cut at MAX_ANSWER_CHARS is not re-checked (a long valid JSON answer would fail to parse).
 */
const compared = (
  answer: CollectedAnswer,
  request: CanonicalRequest,
  checked?: { failedCheck?: CheckFailure },
): ComparedAnswer => ({
  text: answer.text,
  tools: answer.toolCalls.map((call) => `${call.name}(${canonicalJson(call.arguments)})`).sort(),
  failedCheck: checked ? checked.failedCheck : answer.truncated ? undefined : checkAnswer(asResponse(answer), request),
});

function canonicalJson(text: string): string {
  try {
    const sortKeys = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(sortKeys)
        : value && typeof value === "object"
          ? Object.fromEntries(
              Object.entries(value)
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([k, v]) => [k, sortKeys(v)]),
            )
          : value;
    return JSON.stringify(sortKeys(JSON.parse(text)));
  } catch {
    return text;
  }
}

function judgeCandidate(ctx: ShadowContext): Candidate | undefined {
  const id = ctx.settings.judge_model;
  if (!id) return undefined;
  const model = findModel(ctx.models, id);
  if (!model || !ctx.endpoints.has(model.provider)) {
    console.error(JSON.stringify({ level: "error", event: "shadow_judge_unavailable", tenant: ctx.tenant, model: id }));
    return undefined;
  }
  const inputTokens = Math.ceil((JUDGE_LIMITS.request + 2 * JUDGE_LIMITS.answer) / 4);
  return { model, estCostUsd: costUsd(model.pricing, inputTokens, JUDGE_MAX_TOKENS), estLatencyMs: 0 };
}

function shadowDeps(ctx: ShadowContext): DispatchDeps {
  const config = ctx.deps.config;
  return {
    ...ctx.deps,
    config: {
      ...config,
      maxAttempts: Math.min(config.maxAttempts, 2),
      responseTimeoutMs: Math.min(config.responseTimeoutMs, ctx.timeoutMs),
      requestTimeoutMs: ctx.timeoutMs,
      escalation: false,
      hedge: false,
    },
  };
}

/** One shadow call through dispatch, every attempt of it charged to the key (kind "shadow"). */
async function ask(
  ctx: ShadowContext,
  request: CanonicalRequest,
  candidates: readonly Candidate[],
  hold: BudgetHold | undefined,
) {
  const charge = (attempts: Parameters<typeof chargeAfterwards>[2]) =>
    chargeAfterwards(
      { env: ctx.env, waitUntil: ctx.waitUntil, identity: ctx.identity, hold, now: ctx.now, models: ctx.models },
      ctx.decided,
      attempts,
      "shadow",
    );
  let outcome;
  try {
    outcome = await dispatch(
      { request, candidates, escalation: [], endpoints: ctx.endpoints, latencySensitive: false, budget: hold },
      shadowDeps(ctx),
    );
  } catch (err) {
    charge(failedDispatchAttempts(err));
    throw err;
  }
  if (outcome.kind !== "response") throw new Error("shadow dispatch returned a stream");
  return { outcome, response: outcome.response, costUsd: charge(outcome.attempts) };
}

export async function runShadow(ctx: ShadowContext, served: CollectedAnswer): Promise<void> {
  const stub = learningStub(ctx.env, ctx.tenant);
  const candidates = ctx.candidates;
  if (!stub || candidates.length === 0) return;
  const judge = judgeCandidate(ctx);
  const at = ctx.now();
  const day = new Date(at).toISOString().slice(0, 10);
  // A key with a budget pays for its shadow calls from it, reserved like a request (or none are made).
  const hold = ctx.identity
    ? await reserveBudget(
        {
          env: ctx.env,
          identity: ctx.identity,
          holdId: `${ctx.decisionId}:shadow`,
          shadow: true,
          waitUntil: ctx.waitUntil,
          now: ctx.now,
        },
        ctx.models,
        { ...ctx.request, stream: false, includeUsage: false },
        judge ? [...candidates, judge] : candidates,
      ).catch(() => null)
    : undefined;
  if (hold === null) return; // the key's budget cannot cover a comparison now
  const reservedUsd = RESERVE_FACTOR * (candidates[0]!.estCostUsd + (judge?.estCostUsd ?? 0));
  const reservation = await stub.reserveShadow(ctx.tenant, day, reservedUsd);
  if (!reservation.ok) {
    hold?.settle(0);
    return;
  }

  const base = { decisionId: ctx.decisionId, direction: ctx.direction, at, day, reservedUsd };
  const request: CanonicalRequest = { ...ctx.request, stream: false, includeUsage: false };
  let spent = 0;
  let shadowModel: string | null = null;
  let judgeModel: string | null = null;
  let comparison: Comparison;
  try {
    const other = await ask(ctx, request, candidates, hold);
    spent += other.costUsd;
    shadowModel = other.outcome.candidate.model.id;
    const servedAnswer = compared(served, ctx.request);
    const otherAnswer = compared(answerFromResponse(other.response), ctx.request, other.outcome);
    const up = ctx.direction === "up";
    comparison = compareAnswers(up ? servedAnswer : otherAnswer, up ? otherAnswer : servedAnswer);
    if (comparison.needsJudge && judge) {
      const otherText = other.response.content ?? "";
      const view = promptView(ctx.request);
      const text = view.context ? `${view.context}\n\n${view.primary}` : view.primary;
      const prompt = judgePrompt(ctx.decisionId, text, up ? served.text : otherText, up ? otherText : served.text);
      const judgeRequest: CanonicalRequest = {
        messages: [
          { role: "system", content: prompt.system },
          { role: "user", content: [{ type: "text", text: prompt.user }] },
        ],
        stream: false,
        includeUsage: false,
        maxTokens: JUDGE_MAX_TOKENS,
        temperature: 0,
      };
      try {
        const verdict = await ask(ctx, judgeRequest, [judge], hold);
        spent += verdict.costUsd;
        judgeModel = judge.model.id;
        const parsed = parseVerdict(verdict.response.content ?? "");
        if (parsed) comparison = judged(parsed, prompt.cheapIs, comparison.overlap);
      } catch (error) {
        console.error(
          JSON.stringify({ level: "error", event: "shadow_judge_failed", tenant: ctx.tenant, error: String(error) }),
        );
      }
    }
  } catch {
    comparison = { verdict: "shadow_failed", label: null, overlap: null, needsJudge: false };
  }
  const record: ShadowRecord = {
    ...base,
    costUsd: spent,
    shadowModel,
    judgeModel,
    verdict: comparison.verdict,
    label: comparison.label,
    overlap: comparison.overlap,
  };
  hold?.settle(spent);
  await stub.recordShadow(ctx.tenant, record);
  console.log(
    JSON.stringify({
      event: "shadow",
      tenant: ctx.tenant,
      decision_id: ctx.decisionId,
      direction: ctx.direction,
      shadow_model: shadowModel,
      judge_model: judgeModel,
      verdict: record.verdict,
      cost_usd: spent,
    }),
  );
}
