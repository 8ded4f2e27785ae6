// The Gemini API wire format (generateContent JSON, streamGenerateContent?alt=sse), as
// documented at https://ai.google.dev/api/generate-content.
import { argsObject, estimateTokens, splitDeltas, type MockAnswer, type MockTurn } from "./answers.ts";
import { firstError, isObject, unknownKeys, type Json } from "./check.ts";
import type { MockProtocol } from "./protocol.ts";

const FIELDS = [
  "contents",
  "systemInstruction",
  "tools",
  "toolConfig",
  "generationConfig",
  "safetySettings",
  "cachedContent",
];
const GENERATION = [
  "stopSequences",
  "temperature",
  "topP",
  "topK",
  "maxOutputTokens",
  "seed",
  "presencePenalty",
  "frequencyPenalty",
  "responseMimeType",
  "responseSchema",
  "responseJsonSchema",
  "thinkingConfig",
  "candidateCount",
];
const PART_DATA = [
  "text",
  "inlineData",
  "fileData",
  "functionCall",
  "functionResponse",
  "executableCode",
  "codeExecutionResult",
];
const PATH = /^\/v1beta\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;

function validatePart(part: unknown, where: string, role: string): string | undefined {
  if (!isObject(part)) return `${where}: must be an object`;
  const data = Object.keys(part).filter((key) => PART_DATA.includes(key));
  if (data.length !== 1) return `${where}: a part must hold exactly one of ${PART_DATA.join(", ")}`;
  if (part.functionCall !== undefined) {
    const call = part.functionCall;
    if (role !== "model" || !isObject(call) || typeof call.name !== "string" || !isObject(call.args))
      return `${where}.functionCall: needs name and object args, in a model turn`;
  }
  if (part.functionResponse !== undefined) {
    const response = part.functionResponse;
    if (!isObject(response) || typeof response.name !== "string" || !isObject(response.response))
      return `${where}.functionResponse: needs name and an object response`;
  }
  if (part.inlineData !== undefined) {
    const inline = part.inlineData;
    if (!isObject(inline) || typeof inline.mimeType !== "string" || typeof inline.data !== "string")
      return `${where}.inlineData: needs mimeType and data`;
  }
  return undefined;
}

function validateGemini(
  body: unknown,
  headers: Record<string, string>,
  query: URLSearchParams,
  stream: boolean,
): string | undefined {
  if (!isObject(body)) return "Invalid JSON payload received.";
  return firstError(
    () =>
      stream && query.get("alt") !== "sse"
        ? "streamGenerateContent without alt=sse returns a JSON array, not SSE"
        : undefined,
    () => {
      const key = unknownKeys(body, FIELDS);
      return key ? `Invalid JSON payload received. Unknown name "${key}": Cannot find field.` : undefined;
    },
    () => (Array.isArray(body.contents) && body.contents.length > 0 ? undefined : "contents is not specified"),
    () =>
      (body.contents as unknown[])
        .map((content, i) => {
          if (!isObject(content) || (content.role !== "user" && content.role !== "model"))
            return `contents[${i}].role: must be user or model`;
          if (!Array.isArray(content.parts) || content.parts.length === 0)
            return `contents[${i}].parts: must not be empty`;
          return content.parts
            .map((part, j) => validatePart(part, `contents[${i}].parts[${j}]`, String(content.role)))
            .find(Boolean);
        })
        .find(Boolean),
    () => {
      const config = body.generationConfig;
      if (config === undefined) return undefined;
      if (!isObject(config)) return "generationConfig: must be an object";
      const key = unknownKeys(config, GENERATION);
      if (key) return `Invalid JSON payload received. Unknown name "${key}" at 'generation_config'.`;
      return config.responseJsonSchema !== undefined && config.responseMimeType !== "application/json"
        ? "responseJsonSchema requires responseMimeType application/json"
        : undefined;
    },
    () => {
      const tools = body.tools;
      if (tools === undefined) return undefined;
      const ok =
        Array.isArray(tools) &&
        tools.every(
          (tool) =>
            isObject(tool) &&
            Array.isArray(tool.functionDeclarations) &&
            tool.functionDeclarations.every(
              (d) => isObject(d) && typeof d.name === "string" && !(d.parameters && d.parametersJsonSchema),
            ),
        );
      return ok
        ? undefined
        : "tools[].functionDeclarations[]: each needs a name; parameters and parametersJsonSchema are exclusive";
    },
    () => {
      const config = (body.toolConfig as Json | undefined)?.functionCallingConfig as Json | undefined;
      if (config === undefined) return undefined;
      if (!["AUTO", "ANY", "NONE", "VALIDATED"].includes(String(config.mode)))
        return "toolConfig.functionCallingConfig.mode: invalid";
      return config.allowedFunctionNames !== undefined && config.mode !== "ANY"
        ? "allowedFunctionNames requires mode ANY"
        : undefined;
    },
  );
}

const textOf = (parts: unknown) =>
  Array.isArray(parts)
    ? parts.map((part) => (isObject(part) && typeof part.text === "string" ? part.text : "")).join("")
    : "";

const usage = (turn: MockTurn, answer: MockAnswer) => {
  const promptTokenCount = estimateTokens(turn.promptChars);
  const candidatesTokenCount = estimateTokens(
    answer.kind === "text" ? answer.text.length : JSON.stringify(answer.calls).length,
  );
  return { promptTokenCount, candidatesTokenCount, totalTokenCount: promptTokenCount + candidatesTokenCount };
};

const finishReason = (answer: MockAnswer) =>
  answer.kind === "text" && answer.finish === "length" ? "MAX_TOKENS" : "STOP";

function parts(answer: MockAnswer): Json[] {
  if (answer.kind === "text") return [{ text: answer.text }];
  return answer.calls.map((call) => ({ functionCall: { name: call.name, args: argsObject(call.arguments) } }));
}

const response = (candidateParts: Json[], model: string, extra: Json) => ({
  candidates: [{ content: { role: "model", parts: candidateParts }, index: 0, ...extra }],
  modelVersion: model,
  responseId: "mockresp",
});

export const geminiProtocol: MockProtocol = {
  name: "gemini",
  route(path) {
    const match = PATH.exec(path);
    return match ? { model: decodeURIComponent(match[1]!), stream: match[2] === "streamGenerateContent" } : undefined;
  },
  validate: (body, headers, query, route) => validateGemini(body, headers, query, route.stream),
  turn(body) {
    const b = body as Json;
    const contents = (b.contents as Json[]) ?? [];
    const last = contents[contents.length - 1];
    const lastParts = (last?.parts as Json[]) ?? [];
    const config = (b.toolConfig as Json | undefined)?.functionCallingConfig as Json | undefined;
    const allowed = config?.allowedFunctionNames as string[] | undefined;
    const declarations = ((b.tools as Json[]) ?? []).flatMap((tool) => (tool.functionDeclarations as Json[]) ?? []);
    const generation = (b.generationConfig as Json | undefined) ?? {};
    return {
      lastText: textOf(lastParts),
      lastRole: lastParts.some((part) => part.functionResponse)
        ? "tool"
        : last?.role === "model"
          ? "assistant"
          : "user",
      tools: declarations.map((d) => ({
        name: String(d.name),
        parameters: (d.parametersJsonSchema ?? d.parameters) as never,
      })),
      ...(config === undefined
        ? {}
        : {
            toolChoice:
              config.mode === "NONE"
                ? "none"
                : config.mode === "ANY"
                  ? allowed?.length === 1
                    ? { name: allowed[0]! }
                    : "required"
                  : "auto",
          }),
      json: generation.responseMimeType === "application/json",
      promptChars: contents.reduce((sum, c) => sum + textOf(c.parts).length, 0),
      maxTokens: typeof generation.maxOutputTokens === "number" ? generation.maxOutputTokens : undefined,
    };
  },
  authorized: (headers) => Boolean(headers["x-goog-api-key"]),
  json: (answer, model, turn) => ({
    ...response(parts(answer), model, { finishReason: finishReason(answer) }),
    usageMetadata: usage(turn, answer),
  }),
  frames(answer, model, turn) {
    const frame = (data: unknown) => `data: ${JSON.stringify(data)}\n\n`;
    if (answer.kind !== "text") {
      return [
        frame({ ...response(parts(answer), model, { finishReason: "STOP" }), usageMetadata: usage(turn, answer) }),
      ];
    }
    const deltas = answer.text ? splitDeltas(answer.text) : [""];
    return deltas.map((text, i) => {
      const last = i === deltas.length - 1;
      return frame({
        ...response([{ text }], model, last ? { finishReason: finishReason(answer) } : {}),
        ...(last ? { usageMetadata: usage(turn, answer) } : {}),
      });
    });
  },
  errorBody: (status, message) => ({
    error: {
      code: status,
      message,
      status:
        status === 429
          ? "RESOURCE_EXHAUSTED"
          : status === 503
            ? "UNAVAILABLE"
            : status === 400
              ? "INVALID_ARGUMENT"
              : status === 401
                ? "UNAUTHENTICATED"
                : "INTERNAL",
    },
  }),
  // Google answers a wrong API key with 400 INVALID_ARGUMENT, not 401: only the ErrorInfo reason says why.
  badCredential: {
    status: 400,
    body: {
      error: {
        code: 400,
        message: "API key not valid. Please pass a valid API key.",
        status: "INVALID_ARGUMENT",
        details: [
          {
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            reason: "API_KEY_INVALID",
            domain: "googleapis.com",
            metadata: { service: "generativelanguage.googleapis.com" },
          },
        ],
      },
    },
  },
  malformedFrame: 'data: {"candidates":[{"content":{"parts":[{"text":\n\n',
};
