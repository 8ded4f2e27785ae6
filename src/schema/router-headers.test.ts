import { describe, expect, it } from "vitest";
import { RouterError } from "../errors.ts";
import { routerOptionsFromHeaders } from "./router-headers.ts";

describe("routerOptionsFromHeaders", () => {
  it("reads the x-router-* headers it knows, whatever their case, and nothing else", () => {
    const headers = new Headers({
      "X-Router-Objective": "cost",
      "x-router-max-cost-usd": "0.01",
      "x-router-deny-providers": "groq, , together",
      "x-router-sticky": "off",
      "x-router-unknown": "1",
      authorization: "Bearer sk-x",
    });
    expect(routerOptionsFromHeaders(headers)).toEqual({
      objective: "cost",
      max_cost_usd: 0.01,
      deny_providers: ["groq", "together"],
      sticky: false,
    });
    expect(routerOptionsFromHeaders(new Headers({ "content-type": "application/json" }))).toEqual({});
  });

  it("a repeated header counts with all its values", () => {
    const headers = new Headers();
    headers.append("x-router-allow-models", "openai/a");
    headers.append("x-router-allow-models", "openai/b");
    expect(routerOptionsFromHeaders(headers)).toEqual({ allow_models: ["openai/a", "openai/b"] });
  });

  it("names the header of a bad value", () => {
    let error: unknown;
    try {
      routerOptionsFromHeaders(new Headers({ "x-router-min-tier": "huge" }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RouterError);
    expect((error as RouterError).param).toBe("x-router-min-tier");
    expect((error as RouterError).message).toContain("Invalid header 'x-router-min-tier'");
  });
});
