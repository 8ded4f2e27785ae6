// The next catalog version (pure, no KV): the admin API and pricing:push both number with it.
import { catalogSchema, type Catalog } from "./catalog-schema.ts";

export type Validated = { ok: true; catalog: Catalog } | { ok: false; issue: string; path: string };

/** A candidate catalog body as the next version, written now (not yet validated). */
export const nextCatalog = (body: unknown, currentVersion: number, now: Date): unknown =>
  typeof body === "object" && body !== null && !Array.isArray(body)
    ? { ...body, version: currentVersion + 1, updatedAt: now.toISOString() }
    : body;

/** Validates a candidate catalog body, assigning the next version and the write time. */
export function validateNext(body: unknown, currentVersion: number, now: Date): Validated {
  const parsed = catalogSchema.safeParse(nextCatalog(body, currentVersion, now));
  if (parsed.success) return { ok: true, catalog: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, issue: issue?.message ?? "invalid catalog", path: issue?.path.join(".") ?? "" };
}
