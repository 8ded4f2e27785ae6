import { describe, expect, it } from "vitest";
import { PROVIDER_IDS } from "./provider-ids.ts";
import { getProvider, PROVIDERS } from "./registry.ts";

describe("provider registry", () => {
  it("registers exactly one provider per id of PROVIDER_IDS, in the list's order", () => {
    expect(PROVIDERS.map((provider) => provider.id)).toEqual([...PROVIDER_IDS]);
    for (const id of PROVIDER_IDS) expect(getProvider(id)?.id).toBe(id);
    expect(getProvider("nobody")).toBeUndefined();
  });
});
