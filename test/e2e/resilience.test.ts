import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createFalClient } from "../../generated/src/index.js";
import { startSimulator, type RunningSimulator } from "../../generator/simulator/start-simulator.js";
import * as qwen from "../../generated/src/endpoints/fal-ai/qwen-image.js";
import { REPO_ROOT } from "../helpers/temp-dir.js";

const KEY = "resilience-key";
let sim: RunningSimulator;

beforeAll(async () => {
  // One status/stream/result/cancel call in five fails: 10% 5xx, 5% 429 with Retry-After, 5% dropped sockets.
  sim = await startSimulator({
    specsDir: path.join(REPO_ROOT, "specs"),
    apiKeys: [KEY],
    queueMs: 30,
    runMs: 60,
    faults: { errorRate: 0.1, rateLimitRate: 0.05, retryAfterSeconds: 0, dropRate: 0.05, seed: 42 },
  });
});
afterAll(() => sim?.close());

test("200 concurrent subscribes through 20% failing calls all return their own results, none submitted twice", async () => {
  const fal = createFalClient({ credentials: KEY, queueUrl: sim.url, storageUrl: sim.storageUrl, retry: { maxRetries: 8, baseDelayMs: 5, maxDelayMs: 100 } });
  // Calls without signal or timeout share one never-aborted signal: no listener may pile up on it.
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);
  process.on("warning", onWarning);
  const results = await Promise.all(
    Array.from({ length: 200 }, (_, seed) =>
      qwen.subscribe(fal, { prompt: `fox number ${seed}`, seed }, { mode: seed % 2 === 0 ? "polling" : "streaming", pollInterval: 20 }),
    ),
  );
  results.forEach(({ data }, seed) => {
    expect(data.seed).toBe(seed);
    expect(data.prompt).toBe(`fox number ${seed}`);
    expect(data.images.length).toBeGreaterThan(0);
  });
  expect(new Set(results.map((result) => result.requestId)).size).toBe(200);
  process.off("warning", onWarning);
  expect(warnings.map((warning) => warning.message)).toEqual([]);

  const stats = sim.stats();
  expect(Object.values(stats.faults).reduce((sum, count) => sum + count, 0)).toBeGreaterThan(50);
  const counts = Object.values(stats.submittedBodies);
  expect(counts).toHaveLength(200);
  expect(counts.every((count) => count === 1)).toBe(true);
}, 120_000);
