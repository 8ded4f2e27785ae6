// Reads an SSE response body into its data payloads (test-side parser, independent of the router's).
export async function readSse(res: Response): Promise<string[]> {
  const text = await res.text();
  return text
    .split("\n\n")
    .filter((frame) => frame.startsWith("data: "))
    .map((frame) => frame.slice("data: ".length));
}

export const jsonFrames = (frames: string[]) => frames.filter((f) => f !== "[DONE]").map((f) => JSON.parse(f) as any);

/** Reads named SSE events (`event: <type>` + `data: {"type": <type>, …}`, the Responses and Anthropic formats). */
export async function namedEvents(res: Response): Promise<any[]> {
  return (await res.text())
    .split("\n\n")
    .filter(Boolean)
    .map((frame) => {
      const [eventLine, dataLine] = frame.split("\n");
      const data = JSON.parse(dataLine!.slice("data: ".length));
      if (eventLine !== `event: ${data.type}`) throw new Error(`event line '${eventLine}' does not name ${data.type}`);
      return data;
    });
}
