import { describe, expect, it } from "vitest";
import { callWorker, jsonPost } from "./helpers.ts";

async function expectError(res: Response, status: number, code: string | null, param?: string | null) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as any;
  expect(Object.keys(body)).toEqual(["error"]);
  expect(Object.keys(body.error).sort()).toEqual(["code", "message", "param", "type"]);
  expect(typeof body.error.message).toBe("string");
  expect(body.error.code).toBe(code);
  if (param !== undefined) expect(body.error.param).toBe(param);
  return body.error;
}

const post = (body: string) => callWorker("/v1/chat/completions", jsonPost(body));

describe("errors use the OpenAI envelope", () => {
  it("400 for a body that is not JSON", async () => {
    const error = await expectError(await post("{"), 400, "invalid_json");
    expect(error.type).toBe("invalid_request_error");
  });

  it("400 for JSON that is not an object", async () => {
    await expectError(await post("[1,2]"), 400, "invalid_json");
  });

  it("400 naming the missing messages", async () => {
    await expectError(await post(JSON.stringify({ model: "auto" })), 400, "invalid_value", "messages");
  });

  it("400 for empty messages", async () => {
    await expectError(await post(JSON.stringify({ model: "auto", messages: [] })), 400, "invalid_value", "messages");
  });

  it("400 for an unknown role, naming where", async () => {
    const res = await post(JSON.stringify({ model: "auto", messages: [{ role: "wizard", content: "x" }] }));
    await expectError(res, 400, "invalid_value", "messages[0].role");
  });

  it("400 for a wrong type", async () => {
    const res = await post(
      JSON.stringify({ model: "auto", messages: [{ role: "user", content: "x" }], temperature: "hot" }),
    );
    await expectError(res, 400, "invalid_value", "temperature");
  });

  it("400 for an unknown top-level argument, as OpenAI does", async () => {
    const res = await post(JSON.stringify({ model: "auto", messages: [{ role: "user", content: "x" }], foo: 1 }));
    const error = await expectError(res, 400, "unknown_parameter", "foo");
    expect(error.message).toBe("Unrecognized request argument supplied: foo");
  });

  it("404 model_not_found for an unknown model", async () => {
    const res = await post(JSON.stringify({ model: "nope/nothing", messages: [{ role: "user", content: "x" }] }));
    await expectError(res, 404, "model_not_found", "model");
  });

  it("400 for an unknown auto objective", async () => {
    const res = await post(JSON.stringify({ model: "auto:fastest", messages: [{ role: "user", content: "x" }] }));
    await expectError(res, 400, "model_not_found", "model");
  });

  it("400 naming the router constraint that cannot be met", async () => {
    const res = await post(
      JSON.stringify({ model: "auto", messages: [{ role: "user", content: "x" }], router: { max_cost_usd: 1e-12 } }),
    );
    await expectError(res, 400, "no_eligible_model", "router.max_cost_usd");
  });

  it("400 for an invalid x-router-* header", async () => {
    const res = await callWorker(
      "/v1/chat/completions",
      jsonPost(JSON.stringify({ model: "auto", messages: [{ role: "user", content: "x" }] }), {
        "x-router-min-tier": "huge",
      }),
    );
    await expectError(res, 400, "invalid_value", "x-router-min-tier");
  });

  it("400 for n > 1 instead of silently answering once", async () => {
    const res = await post(JSON.stringify({ model: "auto", messages: [{ role: "user", content: "x" }], n: 2 }));
    await expectError(res, 400, "unsupported_parameter", "n");
  });

  it("404 in the envelope for an unknown route", async () => {
    await expectError(await callWorker("/v2/nothing"), 404, "unknown_route");
  });
});
