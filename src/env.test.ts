import { describe, expect, it } from "vitest";
import * as z from "zod";
import { defineEnvConfig, readString, type Env } from "./env.ts";
import { RouterError } from "./errors.ts";

const env = (vars: Record<string, unknown>) => ({ PRICING: {} as KVNamespace, ...vars }) as Env;

const readSettings = defineEnvConfig(
  z.object({
    ROUTER_A: z.coerce.number().int().min(1).default(5),
    ROUTER_MODE: z.enum(["on", "off"]).default("on"),
  }),
  (vars) => ({ a: vars.ROUTER_A, on: vars.ROUTER_MODE === "on" }),
);

const failure = (read: () => unknown) => {
  try {
    read();
  } catch (error) {
    return error as RouterError;
  }
  throw new Error("expected a misconfiguration");
};

describe("defineEnvConfig", () => {
  it("applies defaults, and treats blank values as unset (one rule for every setting)", () => {
    expect(readSettings(env({}))).toEqual({ a: 5, on: true });
    expect(readSettings(env({ ROUTER_A: "", ROUTER_MODE: "  " }))).toEqual({ a: 5, on: true });
    expect(readSettings(env({ ROUTER_A: " 7 ", ROUTER_MODE: "off" }))).toEqual({ a: 7, on: false });
  });

  it("fails loudly on a bad value, naming the variable", () => {
    const error = failure(() => readSettings(env({ ROUTER_A: "lots" })));
    expect(error).toBeInstanceOf(RouterError);
    expect(error).toMatchObject({ status: 500, code: "router_misconfigured" });
    expect(error.message).toMatch(/^Router misconfigured: ROUTER_A: /);
    expect(failure(() => readSettings(env({ ROUTER_MODE: "maybe" }))).message).toContain("ROUTER_MODE");
  });

  it("parses once per env object, and parse() reads a plain record", () => {
    const shared = env({ ROUTER_A: "3" });
    expect(readSettings(shared)).toBe(readSettings(shared));
    expect(readSettings.parse({ ROUTER_A: "9" })).toEqual({ a: 9, on: true });
  });
});

describe("readString", () => {
  it("is undefined for missing, non-string or blank bindings, and never trims a secret", () => {
    expect(readString(env({}), "X")).toBeUndefined();
    expect(readString(env({ X: 1 }), "X")).toBeUndefined();
    expect(readString(env({ X: " " }), "X")).toBeUndefined();
    expect(readString(env({ X: " s3cret " }), "X")).toBe(" s3cret ");
  });
});
