// For `npm run bench:stream-writes`: answers `n` SSE events produced in JavaScript, passed through
// `hops` JavaScript ReadableStream stages (as the router's stream stages are), written one event
// per chunk (?batch=1: all in one chunk), or "ok" without a stream (?plain=1).
const encoder = new TextEncoder();

function source(n) {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i++ < n) controller.enqueue({ content: `token ${i}` });
      else controller.close();
    },
  });
}

function hop(stream) {
  const reader = stream.getReader();
  return new ReadableStream(
    {
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
    },
    { highWaterMark: 0 },
  );
}

const frame = (value) => `data: ${JSON.stringify(value)}\n\n`;

export default {
  async fetch(request) {
    const params = new URL(request.url).searchParams;
    if (params.get("plain")) return new Response("ok");
    let stream = source(Number(params.get("n") ?? 10));
    for (let i = 0; i < Number(params.get("hops") ?? 0); i++) stream = hop(stream);
    const reader = stream.getReader();
    if (params.get("batch")) {
      let out = "";
      for (let r = await reader.read(); !r.done; r = await reader.read()) out += frame(r.value);
      return new Response(out, { headers: { "content-type": "text/event-stream" } });
    }
    const body = new ReadableStream({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(frame(value)));
      },
    });
    return new Response(body, { headers: { "content-type": "text/event-stream" } });
  },
};
