/**
 * In a child process: one endpoint's `subscribe`, through falgen's packed package or through
 * `@fal-ai/client`, behind the same small function, so the runtime benchmarks drive both alike.
 * Each client is loaded from its scratch consumer project (what a user installs), never from the
 * repo.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { RequestMiddleware } from "@fal-ai/client";
import { BENCH_ENDPOINT_ID, BENCH_ENDPOINT_MODULE, BENCH_INPUT } from "../consumer-apps.js";

export type ClientName = "falgen" | "peer";
export type SubscribeMode = "polling" | "streaming";

/** Where a child finds its client and the simulator. */
export interface ClientTarget {
  client: ClientName;
  /** The scratch consumer project the client is installed in. */
  projectDir: string;
  /** The simulator's queue base (its https://queue.fal.run). */
  queueUrl: string;
  /** The simulator's REST base (its https://rest.fal.ai). */
  storageUrl: string;
}

/** The fields of a queue status the benchmarks read; both clients' statuses have them. */
export interface ObservedStatus {
  status: string;
  logs?: { timestamp: string }[] | null;
  metrics?: Record<string, unknown> | null;
}

export interface SubscribeCall {
  mode: SubscribeMode;
  /** Both clients default to 500 ms. */
  pollInterval?: number;
  logs?: boolean;
  onEnqueue?: () => void;
  onQueueUpdate?: (status: ObservedStatus) => void;
}

/** Submits the benchmark input and waits for its result. */
export type Subscribe = (call: SubscribeCall) => Promise<unknown>;

const KEY = "bench-key";

export async function loadSubscribe(target: ClientTarget): Promise<Subscribe> {
  const require = createRequire(path.join(target.projectDir, "package.json"));
  return target.client === "falgen" ? loadFalgen(target, require) : loadPeer(target, require);
}

async function loadFalgen(target: ClientTarget, require: NodeJS.Require): Promise<Subscribe> {
  const importInstalled = (specifier: string) => import(pathToFileURL(require.resolve(specifier)).href);
  const root = (await importInstalled("@falgen/models")) as typeof import("../../generated/src/index.js");
  const endpoint = (await importInstalled(BENCH_ENDPOINT_MODULE)) as typeof import("../../generated/src/endpoints/fal-ai/qwen-image.js");
  const fal = root.createFalClient({ credentials: KEY, queueUrl: target.queueUrl, storageUrl: target.storageUrl });
  return ({ mode, pollInterval, logs, onEnqueue, onQueueUpdate }) =>
    endpoint.subscribe(fal, BENCH_INPUT, {
      mode,
      ...(pollInterval !== undefined ? { pollInterval } : {}),
      ...(logs !== undefined ? { logs } : {}),
      ...(onEnqueue ? { onEnqueue } : {}),
      ...(onQueueUpdate ? { onQueueUpdate } : {}),
    });
}

async function loadPeer(target: ClientTarget, require: NodeJS.Require): Promise<Subscribe> {
  const { createFalClient } = require("@fal-ai/client") as typeof import("@fal-ai/client");
  // Its documented hook for other hosts, as test/simulator/official-client.test.ts uses it: the
  // same direct calls to the simulator falgen makes with queueUrl and storageUrl.
  const rewriteHosts: RequestMiddleware = async (request) => {
    const url = new URL(request.url);
    const base = { "queue.fal.run": target.queueUrl, "rest.fal.ai": target.storageUrl }[url.hostname];
    return base ? { ...request, url: `${base}${url.pathname}${url.search}` } : request;
  };
  const fal = createFalClient({ credentials: KEY, requestMiddleware: rewriteHosts });
  return ({ mode, pollInterval, logs, onEnqueue, onQueueUpdate }) => {
    const common = {
      input: BENCH_INPUT,
      ...(logs !== undefined ? { logs } : {}),
      ...(onEnqueue ? { onEnqueue } : {}),
      ...(onQueueUpdate ? { onQueueUpdate } : {}),
    };
    return mode === "streaming"
      ? fal.subscribe(BENCH_ENDPOINT_ID, { ...common, mode: "streaming" })
      : fal.subscribe(BENCH_ENDPOINT_ID, { ...common, mode: "polling", ...(pollInterval !== undefined ? { pollInterval } : {}) });
  };
}
