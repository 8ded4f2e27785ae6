// The runtime's floor for the gateway benchmark: the smallest honest proxy a Worker can be
// (read the body, fetch the upstream, pass the response through), served by the same workerd as
// Triage. Its overhead over a direct call is what any Worker-based gateway pays on this machine
// before doing any work of its own.
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const upstream = await fetch(`${env.UPSTREAM}${url.pathname}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: request.headers.get("authorization") ?? "" },
      body: await request.text(),
    });
    return new Response(upstream.body, upstream);
  },
};
