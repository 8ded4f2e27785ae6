// zod schemas for Gemini generateContent / streamGenerateContent responses
// (https://ai.google.dev/api/generate-content). Every stream event is a whole
// GenerateContentResponse carrying the next parts.
import * as z from "zod";

const part = z.looseObject({
  text: z.string().optional(),
  thought: z.boolean().optional(),
  functionCall: z
    .looseObject({ name: z.string(), args: z.record(z.string(), z.unknown()).nullish(), id: z.string().optional() })
    .optional(),
});

export const geminiUsageSchema = z.looseObject({
  promptTokenCount: z.number().int().nonnegative().nullish(),
  candidatesTokenCount: z.number().int().nonnegative().nullish(),
  cachedContentTokenCount: z.number().int().nonnegative().nullish(),
  thoughtsTokenCount: z.number().int().nonnegative().nullish(),
  toolUsePromptTokenCount: z.number().int().nonnegative().nullish(),
});

export const generateContentResponseSchema = z.looseObject({
  candidates: z
    .array(
      z.looseObject({
        content: z.looseObject({ parts: z.array(part).nullish() }).nullish(),
        finishReason: z.string().nullish(),
      }),
    )
    .nullish(),
  promptFeedback: z.looseObject({ blockReason: z.string().nullish() }).nullish(),
  usageMetadata: geminiUsageSchema.nullish(),
  responseId: z.string().nullish(),
});

export const geminiErrorSchema = z.object({
  error: z.looseObject({
    code: z.number().optional(),
    message: z.string().optional(),
    status: z.string().optional(),
    /** google.rpc error details; ErrorInfo carries a machine-readable `reason` (API_KEY_INVALID). */
    details: z.array(z.looseObject({ reason: z.string().optional() })).optional(),
  }),
});

export type GeminiUsage = z.infer<typeof geminiUsageSchema>;
export type GenerateContentResponse = z.infer<typeof generateContentResponseSchema>;
