// `import { z } from "zod"` makes esbuild build zod's whole namespace object (every locale, the
// JSON-schema tooling): ~450 KB more Worker bundle than `import * as z`, which lets it drop what is
// unused (docs/benchmarks.md, bundle size). One such import anywhere in src/ undoes it for all.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

describe("zod imports in the Worker's sources", () => {
  it("use the namespace form, so the bundler can drop unused parts of zod", () => {
    const offenders = sources("src").filter((f) =>
      /import\s*\{\s*z\s*\}\s*from\s*["']zod["']/.test(readFileSync(f, "utf8")),
    );
    expect(offenders).toEqual([]);
  });
});
