// Runs the mock upstream on its own: `node test/mock-upstream/main.ts [port]`.
import { parseArgs } from "node:util";
import { startMockUpstream } from "./server.ts";

const { positionals } = parseArgs({ allowPositionals: true });
const port = Number(positionals[0] ?? process.env.MOCK_UPSTREAM_PORT ?? 8790);
const mock = await startMockUpstream(port);
console.log(`mock upstream listening on ${mock.url}`);
const stop = () => void mock.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
