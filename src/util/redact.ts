// Removes credentials from text that came from outside (upstream error bodies, exception
// messages) before it reaches a client or a log line. Some providers echo the key they were sent
// ("Incorrect API key provided: sk-…"); the exact configured key is scrubbed where it is known
// (dispatch/attempt.ts), and these patterns catch key-shaped strings everywhere else.

/** Anything shaped like a client key (`tri_<id>_<secret>`, src/auth/key-format.ts), anywhere in a text. */
export const KEY_LIKE = /tri_[a-z0-9]{6,}_[A-Za-z0-9_-]{8,}/g;

const REDACTED = "[redacted]";

const PATTERNS: [RegExp, string][] = [
  [KEY_LIKE, REDACTED],
  // OpenAI (sk-, sk-proj-), Anthropic (sk-ant-), DeepSeek, OpenRouter (sk-or-).
  [/\bsk-[A-Za-z0-9_-]{8,}/g, REDACTED],
  // Google API keys.
  [/\bAIza[0-9A-Za-z_-]{20,}/g, REDACTED],
  // Groq (gsk_), Fireworks (fw_), xAI (xai-), Hugging Face (hf_), GitHub-style (ghp_ …).
  [/\b(?:gsk_|fw_|xai-|hf_|gh[pousr]_)[A-Za-z0-9_-]{12,}/g, REDACTED],
  [/\b(bearer|basic)\s+[^\s"',;]+/gi, `$1 ${REDACTED}`],
  [/([?&](?:key|api_key|apikey|api-key|token|access_token)=)[^&\s"']+/gi, `$1${REDACTED}`],
  [/("?(?:api[_-]?key|authorization|x-api-key|x-goog-api-key)"?\s*[:=]\s*"?)[^\s"',}]+/gi, `$1${REDACTED}`],
];

/** Long opaque tokens (32+ characters mixing letters and digits) are treated as secrets too. */
const OPAQUE = /[A-Za-z0-9_-]{32,}/g;
const looksOpaque = (token: string) => /[0-9]/.test(token) && /[A-Za-z]/.test(token);

export function redactSecrets(text: string, known: readonly string[] = []): string {
  let out = text;
  for (const secret of known) if (secret.length >= 8) out = out.split(secret).join(REDACTED);
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out.replace(OPAQUE, (token) => (looksOpaque(token) ? REDACTED : token));
}
