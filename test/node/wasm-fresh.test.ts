// The committed wasm/scorer.wasm must be exactly what assembly/ compiles to.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it, onTestFinished } from "vitest";

it("wasm/scorer.wasm is up to date with assembly/ (run npm run build:wasm)", () => {
  const dir = mkdtempSync(join(tmpdir(), "triage-wasm-"));
  const out = join(dir, "scorer.wasm");
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  execFileSync(
    process.execPath,
    [
      "node_modules/assemblyscript/bin/asc.js",
      "assembly/index.ts",
      "--config",
      "asconfig.json",
      "--target",
      "release",
      "--outFile",
      out,
    ],
    { stdio: "pipe" },
  );
  expect(Buffer.compare(readFileSync(out), readFileSync("wasm/scorer.wasm"))).toBe(0);
}, 60_000);
