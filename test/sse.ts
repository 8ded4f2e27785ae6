// Reads an SSE response body into its data payloads (test-side parser, independent of the router's).
export async function readSse(res: Response): Promise<string[]> {
  const text = await res.text();
  return text
    .split("\n\n")
    .filter((frame) => frame.startsWith("data: "))
    .map((frame) => frame.slice("data: ".length));
}

export const jsonFrames = (frames: string[]) => frames.filter((f) => f !== "[DONE]").map((f) => JSON.parse(f) as any);
