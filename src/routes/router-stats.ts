// GET /v1/router/stats?days=30 — usage aggregates (tier mix, spend, savings against the baseline,
// per model, per day) from the RouterStats Durable Object. Spend is sensitive: admin token required.
import { Hono } from "hono";
import { listKeys } from "../auth/key-record.ts";
import { readConfig } from "../config.ts";
import type { AppEnv, Env } from "../env.ts";
import { invalidRequest } from "../errors.ts";
import { learningStats } from "../learning/index.ts";
import { loadCatalog } from "../pricing/catalog-store.ts";
import { deploymentPolicy } from "../auth/deployment-policy.ts";
import { summarizeKeys, type KeyInfo } from "../stats/key-stats-summary.ts";
import { drainStats, requireStatsStub } from "../stats/stats-buffer.ts";
import { summarize } from "../stats/stats-summary.ts";
import { summarizeCharges } from "../stats/charge-summary.ts";
import { budgetLedgerFor } from "../usage/key-usage.ts";
import { adminAuth } from "./admin-auth.ts";

const MAX_DAYS = 400;

/** A budgeted key's open reservations (requests in flight), from its object; left out if it cannot say. */
async function withReservations(env: Env, info: KeyInfo): Promise<void> {
  if (info.daily === undefined && info.monthly === undefined) return;
  try {
    const state = await budgetLedgerFor(env).state(info.id, Date.now());
    info.reserved = { today: state.day.reservedUsd, month: state.month.reservedUsd };
  } catch (error) {
    console.error(
      JSON.stringify({ level: "error", event: "budget_state_failed", key_id: info.id, error: String(error) }),
    );
  }
}

export const routerStats = new Hono<AppEnv>().get("/v1/router/stats", adminAuth(), async (c) => {
  const stub = requireStatsStub(c.env);
  const days = Number(c.req.query("days") ?? "30");
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) {
    throw invalidRequest(`'days' must be an integer from 1 to ${MAX_DAYS}.`, "days", "invalid_value");
  }
  // Include what this isolate has not flushed yet.
  await drainStats(c.env);
  const until = new Date();
  const today = until.toISOString().slice(0, 10);
  const since = new Date(until.getTime() - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  const monthStart = `${today.slice(0, 7)}-01`;
  const [rows, keyRows, keys, learning, chargeRows] = await Promise.all([
    stub.rows(since),
    stub.keyRows(since < monthStart ? since : monthStart),
    c.env.KEYS ? listKeys(c.env.KEYS) : Promise.resolve([]),
    learningStats(c.env, Date.parse(`${since}T00:00:00Z`)),
    stub.chargeRows(since),
  ]);
  // Keys without budgets of their own get ROUTER_POLICY's (as the usage gate applies them).
  const defaults = deploymentPolicy(c.env).budget_usd;
  const infos: KeyInfo[] = keys.map(({ id, meta }) => ({
    id,
    name: meta.name,
    revoked: meta.revoked,
    daily: meta.daily ?? defaults?.daily,
    monthly: meta.monthly ?? defaults?.monthly,
  }));
  if (keyRows.some((row) => row.key === "open")) {
    infos.push({ id: "open", name: "open", revoked: false, daily: defaults?.daily, monthly: defaults?.monthly });
  }
  await Promise.all(infos.map((info) => withReservations(c.env, info)));
  for (const info of infos) {
    const own = chargeRows.filter((row) => row.key === info.id);
    if (own.length > 0) info.charges = summarizeCharges(own, since);
  }
  const config = readConfig(c.env);
  return c.json({
    ...summarize(rows, { since, until: today }, config.baselineModel ?? "catalog baseline"),
    charges: summarizeCharges(chargeRows, since),
    by_key: summarizeKeys(keyRows, infos, { since, today }),
    learning,
  });
});
