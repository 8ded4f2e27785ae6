// The dashboard's served assets are generated from src/dashboard/client/: fail when they are stale.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GENERATED, renderAssets } from "../../tools/build-dashboard.ts";

describe("dashboard assets", () => {
  it("src/dashboard/assets.generated.ts matches src/dashboard/client/ (run npm run build:dashboard)", () => {
    expect(readFileSync(GENERATED, "utf8")).toBe(renderAssets());
  });
});
