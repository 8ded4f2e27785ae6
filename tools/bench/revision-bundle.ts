// The deploy bundle of another git revision (the benches' `--before`), so before and after are
// measured in one run on the same machine state: a temporary detached worktree of that revision,
// this checkout's node_modules linked in (the same wrangler, esbuild and dependencies), built with
// `wrangler deploy --dry-run --outdir`, then the worktree is removed again.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { buildBundle, type BuiltBundle } from "./workerd-server.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const git = (args: string[]) => execFileSync("git", args, { cwd: ROOT, encoding: "utf8", stdio: "pipe" }).trim();

export interface RevisionBundles {
  /** The full commit hash and its subject line. */
  commit: string;
  subject: string;
  bundles: BuiltBundle[];
}

/** Builds `rev` once per entry of `variants` (e.g. the deploy bundle and a readable one for profiles). */
export function buildRevisionBundles(rev: string, variants: { lite?: boolean; readable?: boolean }[]): RevisionBundles {
  const commit = git(["rev-parse", "--verify", `${rev}^{commit}`]);
  const subject = git(["log", "-1", "--format=%s", commit]);
  const dir = mkdtempSync(join(tmpdir(), "triage-before-"));
  git(["worktree", "add", "--detach", dir, commit]);
  try {
    symlinkSync(resolve(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
    const bundles = variants.map((variant) => {
      const bundle = buildBundle({ ...variant, root: dir });
      // Serving needs that revision's bindings after its worktree is gone: keep its wrangler.toml.
      copyFileSync(join(dir, "wrangler.toml"), join(bundle.dir, "wrangler.toml"));
      return { ...bundle, root: bundle.dir };
    });
    return { commit, subject, bundles };
  } finally {
    git(["worktree", "remove", "--force", dir]);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The upload's gzip size (zlib level 9 per module, as `npm run bench:bundle` counts it), bytes. */
export function gzipTotal(bundle: BuiltBundle): number {
  return bundle.files.reduce(
    (sum, { name }) => sum + gzipSync(readFileSync(join(bundle.dir, name)), { level: 9 }).length,
    0,
  );
}
