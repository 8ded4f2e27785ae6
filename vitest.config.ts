import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// Projects: the router itself runs inside workerd (real KV, real wasm); Node-side tools, the SDK
// clients and the mock upstream's own tests run in Node; `slow` (workerd) is opt-in.

/** Test files that take a minute or more: a project of their own, so `npm test` stays fast. */
const SLOW = ["test/learning-simulation.test.ts"];

/** A project whose tests run inside workerd with the router's real bindings (and the mock upstream). */
function workersProject(name: string, include: string[], exclude: string[]) {
  return {
    plugins: [
      cloudflareTest(({ inject }) => ({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          // Spare namespaces for tests that need an empty or corrupted KV.
          kvNamespaces: ["SPARE_KV_A", "SPARE_KV_B", "SPARE_KV_C"],
          bindings: {
            // Open mode: the suites that predate client keys call the router without one. The
            // key tests (test/auth-keys.test.ts, …) switch to ROUTER_AUTH=keys per request env.
            ROUTER_AUTH: "open",
            // Stats flush at once, so a request's background work ends with it.
            ROUTER_STATS_FLUSH_MS: "0",
            // The ONNX classifier loads a 14 MB wasm per test file that reaches it; only
            // test/classifier.test.ts turns it on (per request env), so other files stay fast
            // and their stage headers do not depend on which prompts the scorer finds uncertain.
            ROUTER_CLASSIFIER: "off",
            MOCK_UPSTREAM_URL: inject<string>("mockUpstreamUrl"),
            OPENAI_API_KEY: "sk-test-openai-0123456789abcdef",
            OPENAI_BASE_URL: `${inject<string>("mockUpstreamUrl")}/v1`,
          },
        },
      })),
    ],
    test: {
      name,
      // Per project: a root-level testTimeout does not reach projects.
      testTimeout: 20_000,
      include,
      exclude,
      globalSetup: ["./test/global-setup.ts"],
    },
  };
}

export default defineConfig({
  test: {
    // Router log lines are useful when a test fails, noise when it passes.
    silent: "passed-only",
    // Most test time is waiting on workerd, the mock upstream or a child process, not CPU: three
    // workers keep two cores busy (npm test: ~4 min with the default of one worker per spare core, ~3 min with three).
    maxWorkers: 3,
    projects: [
      workersProject("workers", ["src/**/*.test.ts", "test/**/*.test.ts"], ["test/node/**", ...SLOW]),
      // Opt-in locally (npm run test:slow); .ci/run runs it after npm test.
      workersProject("slow", SLOW, []),
      {
        test: {
          name: "node",
          testTimeout: 20_000,
          environment: "node",
          include: ["tools/**/*.test.ts", "test/node/**/*.test.ts"],
        },
      },
    ],
  },
});
