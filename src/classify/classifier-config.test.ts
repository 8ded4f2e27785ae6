import { describe, expect, it } from "vitest";
import type { Env } from "../env.ts";
import { RouterError } from "../errors.ts";
import { classifierEnabled } from "./classifier-config.ts";
import { classifierHealth } from "./classifier-health.ts";

const env = (value?: string) =>
  ({ PRICING: {} as KVNamespace, ...(value === undefined ? {} : { ROUTER_CLASSIFIER: value }) }) as Env;

describe("ROUTER_CLASSIFIER", () => {
  it("defaults to on; accepts on and off", () => {
    expect(classifierEnabled(env())).toBe(true);
    expect(classifierEnabled(env("on"))).toBe(true);
    expect(classifierEnabled(env("off"))).toBe(false);
  });

  it("any other value is a clear 500 router_misconfigured", () => {
    const error = (() => {
      try {
        classifierEnabled(env("false"));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(RouterError);
    expect(error).toMatchObject({ status: 500, code: "router_misconfigured" });
    expect((error as RouterError).message).toContain("ROUTER_CLASSIFIER");
  });
});

describe("classifier health line", () => {
  it("reports off, misconfigured, or the isolate's state without throwing", () => {
    expect(classifierHealth(env("off"))).toEqual({ state: "off" });
    expect(classifierHealth(env("nope"))).toEqual({ state: "misconfigured" });
    expect(classifierHealth(env("on"))).toEqual({ state: "idle" });
  });
});
