import path from "node:path";
import { expect, test } from "vitest";
import { createFalClient, FalApiError, FalError, FalNetworkError, FalResponseError } from "../../generated/src/index.js";
import * as qwen from "../../generated/src/endpoints/fal-ai/qwen-image.js";
import { startSimulator } from "../../generator/simulator/start-simulator.js";
import { REPO_ROOT } from "../helpers/temp-dir.js";

const KEY = "soak-key";
const CALLS = 500;
// Handle kinds a leaked socket, server or timer shows up as.
const WATCHED = ["TCPSocketWrap", "TCPServerWrap", "Timeout"];

function handles(): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(WATCHED.map((kind) => [kind, 0]));
  for (const kind of process.getActiveResourcesInfo()) if (kind in counts) counts[kind]!++;
  return counts;
}

test(`${CALLS} concurrent subscribes (polling and streaming) at 20% faults, submit included: each ends with its own result or a typed error with its request id; none submitted twice; no handle left`, async () => {
  const before = handles();
  // One call in five fails, every route including submit: 4% 5xx, 3% 429, 4% dropped, 5% cut mid-body, 4% an HTML page.
  const sim = await startSimulator({
    specsDir: path.join(REPO_ROOT, "specs"),
    apiKeys: [KEY],
    queueMs: 20,
    runMs: 40,
    faults: { errorRate: 0.04, rateLimitRate: 0.03, retryAfterSeconds: 0, dropRate: 0.04, cutRate: 0.05, malformedRate: 0.04, includeSubmit: true, seed: 11 },
  });
  const fal = createFalClient({ credentials: KEY, queueUrl: sim.url, storageUrl: sim.storageUrl, retry: { maxRetries: 8, baseDelayMs: 5, maxDelayMs: 100 } });
  const inputs = Array.from({ length: CALLS }, (_, seed) => ({ prompt: `soak ${seed}`, seed }));
  const outcomes = await Promise.all(
    inputs.map((input, seed) =>
      qwen.subscribe(fal, input, { mode: seed % 2 === 0 ? "polling" : "streaming", pollInterval: 20 }).then(
        (result) => ({ result }),
        (error: unknown) => ({ error }),
      ),
    ),
  );
  const stats = sim.stats();
  await sim.close();

  // Enough faults of every kind hit, on every route, for the run to prove something.
  for (const label of ["submit:cut", "submit:malformed", "status:cut", "status:malformed", "stream:cut", "stream:malformed", "result:cut", "result:malformed", "status:drop", "status:429"]) {
    expect(stats.faults[label], label).toBeGreaterThan(0);
  }
  // 0 double submits.
  expect(Math.max(...Object.values(stats.submittedBodies))).toBe(1);

  let succeeded = 0;
  outcomes.forEach((outcome, seed) => {
    const enqueued = stats.submittedBodies[JSON.stringify(inputs[seed])] === 1;
    if ("result" in outcome) {
      succeeded++;
      expect(outcome.result.data.prompt).toBe(`soak ${seed}`);
      expect(outcome.result.data.seed).toBe(seed);
      expect(enqueued).toBe(true);
      return;
    }
    const { error } = outcome;
    expect(error).toBeInstanceOf(FalError);
    if (enqueued) {
      // A request that was queued (paid for) is never lost: its error names it.
      expect((error as FalError).requestId, String(error)).toMatch(/^[0-9a-f-]{36}$/);
    } else {
      // Refused before it was queued: the submit's own fault, nothing to fetch later.
      expect(error).toSatisfy((e: unknown) => e instanceof FalApiError || e instanceof FalNetworkError || e instanceof FalResponseError);
    }
  });
  const ids = outcomes.flatMap((outcome) => ("result" in outcome ? [outcome.result.requestId] : []));
  expect(new Set(ids).size).toBe(ids.length);
  // Only faulted submits fail (a submit is never resent once it may have arrived); every fault
  // after a clean submit is retried through.
  const submitFaults = Object.entries(stats.faults).reduce((sum, [label, count]) => sum + (label.startsWith("submit:") ? count : 0), 0);
  expect(CALLS - succeeded).toBe(submitFaults);

  // No socket, server or timer outlives the calls.
  const deadline = Date.now() + 3000;
  let after = handles();
  while (WATCHED.some((kind) => after[kind]! > before[kind]!) && Date.now() < deadline) {
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 20));
    after = handles();
  }
  // (The test runner's own timers may come and go: only more than before is a leak.)
  expect(WATCHED.filter((kind) => after[kind]! > before[kind]!), JSON.stringify({ before, after })).toEqual([]);
});
