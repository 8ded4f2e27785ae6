// Input limits, from the environment with sane defaults (defineEnvConfig: parsed once per env, a
// bad value fails loudly). Every limit is checked before any scoring work.
import * as z from "zod";
import { defineEnvConfig } from "../env.ts";

export interface InputLimits {
  /** Request body, in bytes (Content-Length first, then a capped read). */
  maxBodyBytes: number;
  maxMessages: number;
  /** Characters across the prompt's strings (data URLs and base64 payloads excluded). */
  maxTextChars: number;
  /** Characters in any one string (data URLs and base64 payloads excluded). */
  maxStringChars: number;
  /** Nesting of arrays and objects in the JSON body. */
  maxJsonDepth: number;
  maxTools: number;
}

export const DEFAULT_LIMITS: InputLimits = {
  maxBodyBytes: 8 * 1024 * 1024,
  maxMessages: 1_000,
  maxTextChars: 1_048_576,
  maxStringChars: 524_288,
  maxJsonDepth: 64,
  maxTools: 128,
};

const positive = (max: number) => z.coerce.number().int().min(1).max(max).optional();

const schema = z.object({
  ROUTER_MAX_BODY_BYTES: positive(100 * 1024 * 1024),
  ROUTER_MAX_MESSAGES: positive(100_000),
  ROUTER_MAX_TEXT_CHARS: positive(50_000_000),
  ROUTER_MAX_STRING_CHARS: positive(50_000_000),
  ROUTER_MAX_JSON_DEPTH: positive(1_000),
  ROUTER_MAX_TOOLS: positive(10_000),
});

export const readLimits = defineEnvConfig(schema, (v): InputLimits => ({
  maxBodyBytes: v.ROUTER_MAX_BODY_BYTES ?? DEFAULT_LIMITS.maxBodyBytes,
  maxMessages: v.ROUTER_MAX_MESSAGES ?? DEFAULT_LIMITS.maxMessages,
  maxTextChars: v.ROUTER_MAX_TEXT_CHARS ?? DEFAULT_LIMITS.maxTextChars,
  maxStringChars: v.ROUTER_MAX_STRING_CHARS ?? DEFAULT_LIMITS.maxStringChars,
  maxJsonDepth: v.ROUTER_MAX_JSON_DEPTH ?? DEFAULT_LIMITS.maxJsonDepth,
  maxTools: v.ROUTER_MAX_TOOLS ?? DEFAULT_LIMITS.maxTools,
}));
