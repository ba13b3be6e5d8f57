import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createFalClient, type QueueStatus } from "../../generator/runtime/index.js";
import { subscribe } from "../../generator/runtime/endpoint-calls.js";
import { verifyWebhook, type WebhookPayload } from "../../generator/runtime/server/index.js";
import { startSimulator, type RunningSimulator } from "../../generator/simulator/start-simulator.js";
import { REPO_ROOT } from "../helpers/temp-dir.js";
import { serve } from "./serve.js";

const KEY = "sim-key:sim-secret";
const ENDPOINT = "fal-ai/qwen-image";

const specsDir = path.join(REPO_ROOT, "specs");
let sim: RunningSimulator;

beforeAll(async () => {
  // IN_PROGRESS lasts long enough for a 20 ms poll to see it even on a loaded machine.
  sim = await startSimulator({ specsDir, apiKeys: [KEY], queueMs: 60, runMs: 800 });
});

afterAll(async () => {
  await sim?.close();
});

describe.concurrent.each(["polling", "streaming"] as const)("subscribe against the simulator, %s", (mode) => {
  // Each mode has its own faulty simulator, so the seeded faults it meets do not depend on the other's timing.
  let flaky: RunningSimulator;
  beforeAll(async () => {
    // Status, stream and result calls fail often (5xx, 429, dropped sockets); the submit is spared.
    flaky = await startSimulator({ specsDir, apiKeys: [KEY], queueMs: 60, runMs: 120, faults: { errorRate: 0.2, rateLimitRate: 0.1, retryAfterSeconds: 0, dropRate: 0.1, seed: 7 } });
  });
  afterAll(async () => {
    await flaky?.close();
  });

  test("without logs, no status carries `logs` (the simulator sends null, as fal does)", async () => {
    const fal = createFalClient({ credentials: KEY, queueUrl: sim.url, storageUrl: sim.storageUrl });
    const updates: QueueStatus[] = [];
    await subscribe(fal, ENDPOINT, { prompt: "no logs" }, { mode, pollInterval: 20, onQueueUpdate: (status) => updates.push(status) });
    expect(updates.some((status) => status.status === "IN_PROGRESS" || status.status === "COMPLETED")).toBe(true);
    expect(updates.filter((status) => "logs" in status)).toEqual([]);
  });

  test("returns the output, with every status and its logs on the way", async () => {
    const fal = createFalClient({ credentials: KEY, queueUrl: sim.url, storageUrl: sim.storageUrl });
    const updates: QueueStatus[] = [];
    let enqueued: string | undefined;
    const { data, requestId } = await subscribe<{ images: { url: string }[] }>(fal, ENDPOINT, { prompt: "a red fox" }, {
      mode,
      logs: true,
      pollInterval: 20,
      onEnqueue: (id) => (enqueued = id),
      onQueueUpdate: (status) => updates.push(status),
    });
    expect(requestId).toBe(enqueued);
    expect(data.images[0]?.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
    expect(updates.at(-1)?.status).toBe("COMPLETED");
    expect(updates.map((u) => u.status)).toContain("IN_PROGRESS");
    expect(updates.at(-1)?.logs?.length).toBeGreaterThan(0);
  });

  test("survives injected 5xx, 429 and dropped connections", async () => {
    const fal = createFalClient({ credentials: KEY, queueUrl: flaky.url, storageUrl: flaky.storageUrl, retry: { maxRetries: 10, baseDelayMs: 5, maxDelayMs: 50 } });
    for (let i = 0; i < 3; i++) {
      const { data } = await subscribe<{ images: unknown[] }>(fal, ENDPOINT, { prompt: `${mode} fox ${i}` }, { mode, pollInterval: 20 });
      expect(data.images.length).toBeGreaterThan(0);
    }
    const { faults, submittedBodies } = flaky.stats();
    expect(Object.keys(faults).some((name) => name.startsWith(mode === "streaming" ? "stream" : "status"))).toBe(true);
    expect(Object.values(submittedBodies).every((count) => count === 1)).toBe(true);
  });
});

// Made at the file's level: a resource a concurrent test makes could be closed when another ends
// (test/helpers/cleanup.ts).
const received: WebhookPayload<unknown>[] = [];
const hook = await serve(async (request) => {
  received.push(await verifyWebhook(request, { jwks: sim.jwks }));
  return new Response(null, { status: 200 });
});

test.concurrent("a webhook delivery from the simulator verifies against its JWKS", async ({ expect }) => {
  const fal = createFalClient({ credentials: KEY, queueUrl: sim.url, storageUrl: sim.storageUrl });
  const { requestId } = await subscribe(fal, ENDPOINT, { prompt: "hooked" }, { webhookUrl: `${hook.url}/hook`, pollInterval: 20 });
  await expect.poll(() => received.length, { timeout: 5_000 }).toBe(1);
  expect(received[0]).toMatchObject({ request_id: requestId, status: "OK" });
});
