// The lite Worker bundle (no ONNX classifier) does not grow past its limit: what `wrangler deploy
// --dry-run` would upload, every module gzipped (tools/bench/bundle-size.ts; a few seconds). The limit
// is the size reached on the way to the 150 KiB goal (LITE_GZIP_GOAL), lowered as the bundle shrinks.
import { describe, expect, it } from "vitest";
import { LITE_ARGS, LITE_GZIP_GOAL, LITE_GZIP_LIMIT, measure } from "../../tools/bench/bundle-size.ts";

describe("the lite bundle", () => {
  it(`uploads at most ${LITE_GZIP_LIMIT / 1024} KiB gzip (npm run bench:bundle lists its modules)`, () => {
    expect(LITE_GZIP_LIMIT).toBeGreaterThanOrEqual(LITE_GZIP_GOAL);
    const lite = measure(LITE_ARGS);
    expect(lite.files.map((f) => f.file).sort()).toEqual(["index.js", "scorer-topics.bin", "scorer.wasm"]);
    expect(lite.total.gzipBytes).toBeLessThanOrEqual(LITE_GZIP_LIMIT);
  }, 120_000);
});
