import path from "node:path";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createFalClient, FalAbortError, FalApiError, FalError, FalTimeoutError, FalValidationError } from "../../generated/src/index.js";
import { createProxyHandler } from "../../generated/src/runtime/server/index.js";
import * as qwen from "../../generated/src/endpoints/fal-ai/qwen-image.js";
import { startSimulator, type RunningSimulator } from "../../generator/simulator/start-simulator.js";
import { serve } from "../runtime/serve.js";
import { failure } from "../helpers/failure.js";
import { REPO_ROOT } from "../helpers/temp-dir.js";

/** Each way a call can fail: the right error class, the request id where one exists, and never the key. */

const KEY_ID = "errors-key-id";
const KEY_SECRET = "errors-key-secret-0123456789";
const KEY = `${KEY_ID}:${KEY_SECRET}`;
let sim: RunningSimulator;

beforeAll(async () => {
  // Slow enough that timeouts and aborts always land while the request waits.
  sim = await startSimulator({ specsDir: path.join(REPO_ROOT, "specs"), apiKeys: [KEY], queueMs: 2_000, runMs: 2_000 });
});
afterAll(() => sim?.close());

const client = (credentials = KEY) => createFalClient({ credentials, queueUrl: sim.url, storageUrl: sim.storageUrl });

/** Everything an error shows: message, stack, every own property, its cause, as a logger would print it. */
function everythingShown(error: unknown): string {
  return [String(error), (error as Error).stack, inspect(error, { depth: 10, showHidden: true }), JSON.stringify(error)].join("\n");
}

function expectNoKey(error: unknown, key = KEY): void {
  const shown = everythingShown(error);
  for (const part of key.split(":")) expect(shown).not.toContain(part);
}

describe("errors carry what a user needs and never the key", () => {
  // 1 s: past the submit even on a busy machine (the timeout must land in the queue's 2 s wait).
  test("timeout: FalTimeoutError with the request id", async () => {
    let enqueued: string | undefined;
    const error = await failure(qwen.subscribe(client(), { prompt: "slow" }, { timeout: 1_000, pollInterval: 50, onEnqueue: (id) => (enqueued = id) }));
    expect(error).toBeInstanceOf(FalTimeoutError);
    expect(enqueued).toBeDefined();
    expect((error as FalError).requestId).toBe(enqueued);
    expectNoKey(error);
  });

  test("abort: FalAbortError with the request id, even while sleeping between polls", async () => {
    const controller = new AbortController();
    let enqueued: string | undefined;
    const started = Date.now();
    const pending = qwen.subscribe(client(), { prompt: "aborted" }, {
      pollInterval: 10_000,
      signal: controller.signal,
      onEnqueue: (id) => (enqueued = id),
      onQueueUpdate: () => controller.abort(),
    });
    const error = await failure(pending);
    expect(error).toBeInstanceOf(FalAbortError);
    expect((error as FalError).requestId).toBe(enqueued);
    expect(Date.now() - started).toBeLessThan(5_000);
    expectNoKey(error);
  });

  test("bad credentials: FalApiError 401, no request id (nothing was queued)", async () => {
    const wrong = "wrong-id:wrong-secret-value";
    const refusedBefore = sim.stats().unauthorized;
    const error = await failure(qwen.subscribe(client(wrong), { prompt: "x" }));
    expect(error).toBeInstanceOf(FalApiError);
    expect((error as FalApiError).status).toBe(401);
    expect((error as FalApiError).requestId).toBeUndefined();
    expectNoKey(error, wrong);
    expect(sim.stats().unauthorized).toBe(refusedBefore + 1);
  });

  test("a 422: FalValidationError with the field errors", async () => {
    const error = await failure(qwen.subscribe(client(), { num_images: 2 } as never));
    expect(error).toBeInstanceOf(FalValidationError);
    expect((error as FalValidationError).status).toBe(422);
    expect((error as FalValidationError).fieldErrors).toContainEqual(expect.objectContaining({ loc: ["body", "prompt"] }));
    expectNoKey(error);
  });

  test("a proxy request for an endpoint not on the allowlist: 403, the key neither used nor shown", async () => {
    const proxy = await serve(createProxyHandler({ allowedEndpoints: ["fal-ai/qwen-image"], credentials: KEY, queueUrl: sim.url, storageUrl: sim.storageUrl }));
    const browser = createFalClient({ proxyUrl: `${proxy.url}/api/fal/proxy`, queueUrl: sim.url, storageUrl: sim.storageUrl });
    const before = sim.stats().submitsByEndpoint["fal-ai/ideogram/v3"] ?? 0;

    const { subscribe: subscribeIdeogram } = await import("../../generated/src/endpoints/fal-ai/ideogram/v3.js");
    const error = await failure(subscribeIdeogram(browser, { prompt: "not allowed" }));
    expect(error).toBeInstanceOf(FalApiError);
    expect((error as FalApiError).status).toBe(403);
    expectNoKey(error);
    expect(sim.stats().submitsByEndpoint["fal-ai/ideogram/v3"] ?? 0).toBe(before);
    for (const received of proxy.received) expect(received.headers.get("authorization")).toBeNull();

    // The allowed endpoint goes through, with the key added by the proxy only.
    const allowed = await failure(qwen.subscribe(browser, { prompt: "allowed" }, { timeout: 200 }));
    expect(allowed).toBeInstanceOf(FalTimeoutError);
    expect((allowed as FalError).requestId).toEqual(expect.any(String));
    expectNoKey(allowed);
  });
});
