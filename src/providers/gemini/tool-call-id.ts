/** Gemini's functionCall.id is optional: without one, derive an id unique within the response. */
export const geminiToolCallId = (
  id: string | undefined,
  responseId: string | null | undefined,
  index: number,
  name: string,
) => id ?? (responseId ? `call_${responseId}_${index}` : `call_${index}_${name}`);
