// Starts the mock upstream once for the workers test project (a real HTTP server
// on loopback) and hands its URL to the Worker's bindings.
import type { TestProject } from "vitest/node";
import { startMockUpstream } from "./mock-upstream/server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    mockUpstreamUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const mock = await startMockUpstream();
  project.provide("mockUpstreamUrl", mock.url);
  return () => mock.close();
}
