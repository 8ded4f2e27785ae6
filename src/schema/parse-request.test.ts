import { describe, expect, it } from "vitest";
import * as z from "zod";
import { RouterError } from "../errors.ts";
import { parseBody, sectionIssue, validate } from "./parse-request.ts";

const schema = z.strictObject({ name: z.string().min(1), items: z.array(z.number()).optional() });

const error = (run: () => unknown) => {
  try {
    run();
  } catch (e) {
    return e as RouterError;
  }
  throw new Error("expected a RouterError");
};

describe("one validation helper for every route", () => {
  it("returns the data, or the first issue as a 400 naming the parameter", () => {
    expect(validate(schema, { name: "a" })).toEqual({ name: "a" });
    expect(error(() => validate(schema, { name: "a", items: [1, "x"] }))).toMatchObject({
      status: 400,
      param: "items[1]",
      code: "invalid_value",
    });
    expect(error(() => validate(schema, { name: "a", extra: 1 }))).toMatchObject({
      param: "extra",
      code: "unknown_parameter",
    });
  });

  it("words an admin section's issues as 'Invalid <what>' with code invalid_<what>", () => {
    const e = error(() => validate(schema, { name: "" }, sectionIssue("settings")));
    expect(e.message).toMatch(/^Invalid settings: name: /);
    expect(e).toMatchObject({ param: "name", code: "invalid_settings" });
    const dotted = error(() =>
      validate(
        schema,
        { name: "a", items: ["x"] },
        sectionIssue("catalog", (p) => p.join(".")),
      ),
    );
    expect(dotted.param).toBe("items.0");
  });

  it("parseBody refuses anything but a JSON object before validating", () => {
    for (const raw of [null, [], "text", 3]) {
      expect(error(() => parseBody(schema, raw))).toMatchObject({ status: 400, code: "invalid_json" });
    }
  });
});
