import type { SimulatorStats } from "../generator/simulator/start-simulator.js";
import type { Benchmark } from "./benchmark.js";
import { CLIENTS, outputsOf, runClients, type ClientRun } from "./client-runs.js";
import type { ThroughputInput, ThroughputOutput } from "./children/subscribe-throughput.js";
import type { ClientName, SubscribeMode } from "./children/subscribers.js";
import { median } from "./measure.js";
import type { DetailTable, Row } from "./report.js";

const JOBS = 1000;
/** Subscribes in flight at once, the same for both clients. */
const CONCURRENCY = 50;
const MODES: SubscribeMode[] = ["polling", "streaming"];
/** The routes a subscribe uses; anything else (e.g. a retry's extra call) shows under "other". */
const SUBSCRIBE_ROUTES = ["submit", "status", "stream", "result"] as const;

/**
 * Runtime throughput: 1,000 jobs through the endpoint's `subscribe` against a simulator with zero
 * queue and run time, so the figure is the client's own overhead plus the HTTP round trips it
 * makes. Requests per job come from the simulator's counters before and after each child.
 */
export const runtimeBenchmark: Benchmark = {
  name: "runtime",
  timeBoxMs: (runs) => 480_000 + runs * 240_000,
  async run(context) {
    const runs = await runClients<ThroughputInput, ThroughputOutput>(context, {
      name: "runtime",
      script: "subscribe-throughput.ts",
      simulator: { queueMs: 0, runMs: 0 },
      modes: MODES,
      input: (target, mode) => ({ target, mode, jobs: JOBS, concurrency: CONCURRENCY }),
      timeoutMs: 180_000,
    });
    const wall = (client: ClientName, mode: SubscribeMode) => median(outputsOf(runs, client, mode).map((output) => output.wallMs));
    const rows: Row[] = MODES.map((mode) => ({
      what: `runtime: ${JOBS.toLocaleString("en-US")} subscribes (${mode}, ${CONCURRENCY} in flight), zero queue and run time: wall time`,
      unit: "ms",
      falgen: wall("falgen", mode),
      peer: wall("peer", mode),
      goal: { kind: "ratio", limit: 0.8 },
    }));
    return { rows, details: [requestsTable(runs)] };
  },
};

function requestsPerJob(run: ClientRun<unknown>, route: keyof SimulatorStats["routes"]): number {
  return (run.statsAfter.routes[route] - run.statsBefore.routes[route]) / JOBS;
}

function requestsTable(runs: ClientRun<ThroughputOutput>[]): DetailTable {
  const allRoutes = Object.keys(runs[0]?.statsAfter.routes ?? {}) as (keyof SimulatorStats["routes"])[];
  return {
    title: "HTTP requests per job, as the simulator counted them, and CPU time of the client's and the simulator's process during the 1,000 jobs (medians over runs)",
    columns: ["client", "mode", ...SUBSCRIBE_ROUTES, "other", "total", "client CPU", "simulator CPU"],
    rows: MODES.flatMap((mode) =>
      CLIENTS.map((client) => {
        const measured = runs.filter((run) => run.client === client && run.mode === mode);
        const perRoute = (route: keyof SimulatorStats["routes"]) => median(measured.map((run) => requestsPerJob(run, route)));
        const total = allRoutes.reduce((sum, route) => sum + perRoute(route), 0);
        const named = SUBSCRIBE_ROUTES.map(perRoute);
        const other = total - named.reduce((sum, value) => sum + value, 0);
        const cpu = (value: number) => `${value.toFixed(0)} ms`;
        return [
          client === "peer" ? "peer (@fal-ai/client)" : client,
          mode,
          ...[...named, other, total].map((value) => value.toFixed(2)),
          cpu(median(measured.map((run) => run.output.cpuMs))),
          cpu(median(measured.map((run) => run.simulatorCpuMs))),
        ];
      }),
    ),
  };
}
