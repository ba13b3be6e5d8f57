import type { Benchmark } from "./benchmark.js";
import { outputsOf, runClients } from "./client-runs.js";
import type { ConcurrentMemoryInput, ConcurrentMemoryOutput } from "./children/concurrent-memory.js";
import type { ClientName, SubscribeMode } from "./children/subscribers.js";
import { median } from "./measure.js";
import type { Row } from "./report.js";

const JOBS = 1000;
/** Long enough that the last of the 1,000 submits is answered well before the first completes. */
const QUEUE_MS = 1000;
const RUN_MS = 2000;
const MODES: SubscribeMode[] = ["polling", "streaming"];

/**
 * Memory of 1,000 concurrent subscribes: each client in a fresh child process started with
 * --expose-gc, peak RSS and heap above the child's collected baseline, medians over runs.
 */
export const memoryBenchmark: Benchmark = {
  name: "memory",
  timeBoxMs: (runs) => 480_000 + runs * 180_000,
  async run(context) {
    const runs = await runClients<ConcurrentMemoryInput, ConcurrentMemoryOutput>(context, {
      name: "memory",
      script: "concurrent-memory.ts",
      simulator: { queueMs: QUEUE_MS, runMs: RUN_MS },
      modes: MODES,
      input: (target, mode) => ({ target, mode, jobs: JOBS }),
      timeoutMs: 120_000,
      nodeFlags: ["--expose-gc"],
    });
    const figure = (client: ClientName, mode: SubscribeMode, key: "addedRssBytes" | "addedHeapBytes") => median(outputsOf(runs, client, mode).map((output) => output[key]));
    const rows: Row[] = MODES.flatMap((mode): Row[] => [
      {
        what: `memory, ${JOBS.toLocaleString("en-US")} concurrent subscribes (${mode}): peak RSS above baseline`,
        unit: "bytes",
        falgen: figure("falgen", mode, "addedRssBytes"),
        peer: figure("peer", mode, "addedRssBytes"),
        goal: { kind: "ratio", limit: 1, strict: true },
      },
      {
        what: `memory, ${JOBS.toLocaleString("en-US")} concurrent subscribes (${mode}): peak heap above baseline`,
        unit: "bytes",
        falgen: figure("falgen", mode, "addedHeapBytes"),
        peer: figure("peer", mode, "addedHeapBytes"),
      },
    ]);
    const warnings = runs
      .filter((run) => run.output.peakInFlight < JOBS)
      .map((run) => `${run.client} ${run.mode}: only ${run.output.peakInFlight} of ${JOBS} subscribes were in flight at once`);
    return { rows, details: [], warnings };
  },
};
