import type { Benchmark } from "./benchmark.js";
import { outputsOf, runClients } from "./client-runs.js";
import type { LatencyInput, LatencyOutput } from "./children/completion-latency.js";
import type { ClientName, SubscribeMode } from "./children/subscribers.js";
import { median, percentile } from "./measure.js";
import type { Row } from "./report.js";

const POLL_INTERVAL_MS = 500;
/**
 * The run time of every request. Polling first looks right after the submit and then every
 * interval, so a fixed run time fixes where completion falls between two polls: 1,250 ms puts it
 * half an interval before the next poll, the expected wait of a completion at a random moment.
 */
const RUN_MS = 1250;
const JOBS = 40;
/** Starts jobs this far apart, so completions do not arrive together. */
const SPACING_MS = 25;
const MODES: SubscribeMode[] = ["streaming", "polling"];

/**
 * Completion-to-result latency: how long after the simulator completes a request `subscribe`
 * resolves with its result, streaming vs polling every 500 ms; p50 and p95 of each run's jobs,
 * medians over runs. The peer's figures are shown for reference.
 */
export const latencyBenchmark: Benchmark = {
  name: "latency",
  timeBoxMs: (runs) => 480_000 + runs * 120_000,
  async run(context) {
    const runs = await runClients<LatencyInput, LatencyOutput>(context, {
      name: "latency",
      script: "completion-latency.ts",
      simulator: { queueMs: 0, runMs: RUN_MS },
      modes: MODES,
      input: (target, mode) => ({ target, mode, pollInterval: POLL_INTERVAL_MS, jobs: JOBS, spacingMs: SPACING_MS }),
      timeoutMs: 120_000,
    });
    const figure = (client: ClientName, mode: SubscribeMode, p: number) => median(outputsOf(runs, client, mode).map((output) => percentile(output.latenciesMs, p)));
    const rows: Row[] = MODES.flatMap((mode) =>
      [50, 95].map((p): Row => ({
        what: `completion -> result, ${mode === "polling" ? `polling every ${POLL_INTERVAL_MS} ms` : "streaming"}: p${p}`,
        unit: "ms",
        falgen: figure("falgen", mode, p),
        peer: figure("peer", mode, p),
        ...(mode === "streaming" && p === 50 ? { goal: { kind: "below", limit: 20 } } : {}),
      })),
    );
    return { rows, details: [] };
  },
};
