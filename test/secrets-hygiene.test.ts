// Secrets hygiene: one representative run — admin calls (right and wrong tokens), key minting,
// use, misuse and revocation, rate limits and budgets, bad input, upstream faults whose bodies
// echo the provider key, streams — captures every console line and every response header and
// body, and scans them for the provider key, the client keys (whole or their secret halves), the
// admin token, and key-shaped strings. The one body allowed to hold a key is the mint response.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KEY_LIKE } from "../src/util/redact.ts";
import { testCatalog } from "./fixtures/test-catalog.ts";
import { chatBody, scenario, testEnv } from "./helpers.ts";
import { keysRouter } from "./key-helpers.ts";
import { countingKv, storeCatalog } from "./kv-helpers.ts";

const PROVIDER_KEY = "sk-hygiene-PROVIDER-0123456789abcdefXYZ";
const ADMIN = "admin-HYGIENE-token-0123456789abcdef";
const METHODS = ["log", "info", "warn", "error", "debug"] as const;

let lines: string[] = [];
const originals = new Map<string, (...args: unknown[]) => void>();

beforeEach(() => {
  lines = [];
  for (const method of METHODS) {
    originals.set(method, console[method]);
    console[method] = (...args: unknown[]) => {
      lines.push(
        args
          .map((a) => (typeof a === "string" ? a : a instanceof Error ? `${a.message} ${a.stack}` : JSON.stringify(a)))
          .join(" "),
      );
    };
  }
});

afterEach(() => {
  for (const method of METHODS) console[method] = originals.get(method)!;
});

interface Seen {
  what: string;
  text: string;
}

describe("secrets hygiene", () => {
  it(
    "never shows a provider key, client key or admin token in logs, headers or bodies",
    { timeout: 30_000 },
    async () => {
      const echo = (status: number, message: string) => ({
        fault: {
          type: "status" as const,
          status,
          body: JSON.stringify({ error: { message, type: "invalid_request_error" } }),
        },
      });
      const upstream = await scenario();
      const failing = await scenario([
        {
          ...echo(401, `Incorrect API key provided: ${PROVIDER_KEY}. You can find your API key at https://x.test.`),
          model: "cheap-a",
        },
        { ...echo(500, `upstream saw Authorization: Bearer ${PROVIDER_KEY}`), model: "cheap-b" },
        { ...echo(503, `retry https://api.test/v1?key=${PROVIDER_KEY}&x=1`), model: "mid" },
        { ...echo(429, `{"api_key": "${PROVIDER_KEY}"}`), model: "big" },
      ]);
      const { kv: PRICING } = countingKv(testEnv.SPARE_KV_B);
      await storeCatalog(PRICING, testCatalog());
      const base = {
        PRICING,
        ADMIN_TOKEN: ADMIN,
        OPENAI_API_KEY: PROVIDER_KEY,
        OPENAI_BASE_URL: upstream.openaiBaseUrl,
      };
      const router = keysRouter(base);
      const broken = keysRouter({ ...base, KEYS: router.keys.kv, OPENAI_BASE_URL: failing.openaiBaseUrl });

      const seen: Seen[] = [];
      const record = async (what: string, res: Response | Promise<Response>) => {
        const response = await res;
        seen.push({ what: `${what} headers`, text: JSON.stringify([...response.headers]) });
        seen.push({ what: `${what} body`, text: await response.text() });
        return response;
      };
      const adminCall = (path: string, init: RequestInit = {}, token = ADMIN) =>
        router.call(path, {
          ...init,
          headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...init.headers },
        });

      // Mint: the response shows the key once; it is checked separately below.
      const mint = async (name: string, policy: Record<string, unknown>) => {
        const res = await adminCall("/admin/keys", { method: "POST", body: JSON.stringify({ name, policy }) });
        const { key, ...rest } = (await res.json()) as { key: string; id: string };
        seen.push({ what: "mint body without the key field", text: JSON.stringify(rest) });
        seen.push({ what: "mint headers", text: JSON.stringify([...res.headers]) });
        return { key, id: rest.id };
      };
      const a = await mint("alpha", {});
      const b = await mint("beta", { rate_limit: { requests: 1, period_seconds: 86_400 }, budget_usd: { daily: 1 } });
      const chat = (key: string | undefined, body = chatBody("hi"), via = router) =>
        via.call("/v1/chat/completions", {
          method: "POST",
          headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
          body,
        });

      await record("chat", chat(a.key));
      await record("stream", chat(a.key, chatBody("hi", { stream: true, stream_options: { include_usage: true } })));
      await record(
        "route",
        router.call("/v1/route", {
          method: "POST",
          headers: { authorization: `Bearer ${a.key}` },
          body: chatBody("hi"),
        }),
      );
      await record("models", router.call("/v1/models", { headers: { authorization: `Bearer ${a.key}` } }));
      await record("rate-limited 1", chat(b.key));
      await record("rate-limited 2", chat(b.key));
      await record("wrong secret", chat(`${a.key.slice(0, -2)}zz`));
      await record("key in x-api-key", router.call("/v1/models", { headers: { "x-api-key": a.key } }));
      await record("bad input", chat(a.key, '{"model":'));
      await record("unknown model", chat(a.key, chatBody("hi", { model: "nope" })));
      await record("upstream 401 echoing the key", chat(a.key, chatBody("hi", { model: "openai/cheap-a" }), broken));
      await record(
        "upstream 5xx/429 echoing the key",
        chat(a.key, chatBody("Prove that sqrt(2) is irrational."), broken),
      );
      await record(
        "upstream echo, stream",
        chat(a.key, chatBody("hi", { stream: true, model: "openai/cheap-a" }), broken),
      );
      await record("admin wrong token", adminCall("/admin/keys", {}, `${ADMIN.slice(0, -1)}X`));
      await record("admin client key as token", adminCall("/admin/keys", {}, a.key));
      await record("admin list", adminCall("/admin/keys"));
      await record("admin get", adminCall(`/admin/keys/${a.id}`));
      await record(
        "admin patch",
        adminCall(`/admin/keys/${a.id}`, { method: "PATCH", body: JSON.stringify({ policy: { max_tier: "simple" } }) }),
      );
      await record("admin revoke", adminCall(`/admin/keys/${a.id}`, { method: "DELETE" }));
      await record("revoked key", chat(a.key));
      await record("stats", adminCall("/v1/router/stats?days=1"));
      await record("pricing", adminCall("/admin/pricing"));
      await record("healthz", router.call("/healthz"));
      await record("unknown route with a key in the path", router.call(`/v1/${a.key}`));

      // The faults really happened, and their bodies did reach the router.
      expect((await failing.requests()).length).toBeGreaterThan(0);
      // Upstream free text never reaches the client at all: our wording, the provider's status and code.
      const echoed = seen.find((s) => s.what === "upstream 401 echoing the key body")!.text;
      expect(echoed).toContain("Provider openai");
      expect(echoed).not.toContain("Incorrect API key");
      // One "routed" line per served request (chat, stream, the first rate-limited call), naming the key id only.
      expect(
        lines.filter((line) => line.includes('"event":"routed"') && line.includes(`"key_id":"${a.id}"`)),
      ).toHaveLength(2);

      const exact = [
        PROVIDER_KEY,
        ADMIN,
        a.key,
        b.key,
        a.key.slice(17),
        b.key.slice(17),
        a.key.slice(17, 37),
        b.key.slice(-20),
      ];
      const patterns = [new RegExp(KEY_LIKE.source), /sk-hygiene/, /Bearer\s+(?!<)[^\s"',]{12,}/i, /PROVIDER-0123/];
      const leaks: string[] = [];
      for (const { what, text } of [...seen, ...lines.map((text, i) => ({ what: `console line ${i}`, text }))]) {
        for (const secret of exact)
          if (text.includes(secret)) leaks.push(`${what}: contains a secret (${secret.slice(0, 6)}…)`);
        for (const pattern of patterns) if (pattern.test(text)) leaks.push(`${what}: matches ${pattern}`);
      }
      expect(leaks).toEqual([]);
    },
  );
});
