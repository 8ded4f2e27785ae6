// The committed default catalog must be exactly what `npm run pricing:sync` generates from the
// pinned @pydantic/genai-prices for the recorded as-of date, and must pass the catalog schema.
import { describe, expect, it } from "vitest";
import { catalogSchema } from "../../../src/pricing/catalog-schema.ts";
import { GENERATED_AS_OF, GENERATED_CATALOG } from "../../../src/pricing/default-catalog.generated.ts";
import { PROVIDER_IDS } from "../../../src/providers/provider-ids.ts";
import { generate } from "./sync.ts";

describe("bundled default catalog", () => {
  it("is up to date with the price package (run npm run pricing:sync if not)", () => {
    expect(GENERATED_CATALOG).toEqual(generate(GENERATED_AS_OF));
  });

  it("is a valid catalog with a source and date on every price", () => {
    expect(catalogSchema.safeParse(GENERATED_CATALOG).success).toBe(true);
    for (const model of GENERATED_CATALOG.models) {
      expect(model.source?.name).toMatch(/^@pydantic\/genai-prices@\d/);
      expect(model.source?.checked).toBe(GENERATED_AS_OF);
    }
  });

  it("covers every provider except custom, at every tier", () => {
    const providers = new Set(GENERATED_CATALOG.models.map((model) => model.provider));
    expect([...providers].sort()).toEqual(PROVIDER_IDS.filter((id) => id !== "custom").sort());
    const tiers = new Set(GENERATED_CATALOG.models.map((model) => model.maxTier));
    expect([...tiers].sort()).toEqual(["complex", "moderate", "simple"]);
  });
});
