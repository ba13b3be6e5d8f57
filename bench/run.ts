/**
 * `npm run bench [-- --runs N] [--only NAME[,NAME]] [--json]`: measures falgen against what a user
 * would pick instead, in one run on this machine, and prints the figures, ratios and goals
 * (bench/README.md says how each is taken). A missed goal is reported, not an error: the exit code
 * is 1 only when a benchmark could not be measured.
 */
import { parseArgs } from "node:util";
import type { Benchmark, BenchmarkContext } from "./benchmark.js";
import { bundleBenchmark } from "./bundle.js";
import { prepareConsumerProjects, type ConsumerProjects } from "./consumer-projects.js";
import { generationBenchmark } from "./generation.js";
import { installedToolBenchmark } from "./installed-tool.js";
import { latencyBenchmark } from "./latency.js";
import { machineInfo } from "./machine.js";
import { canMeasurePeakRss, killRunningProcesses } from "./measure.js";
import { memoryBenchmark } from "./memory.js";
import { formatReport, reportJson, type BenchmarkOutcome } from "./report.js";
import { runtimeBenchmark } from "./runtime.js";
import { Scratch } from "./scratch.js";
import { typecheckBenchmark } from "./typecheck.js";

const BENCHMARKS: Benchmark[] = [typecheckBenchmark, bundleBenchmark, generationBenchmark, installedToolBenchmark, runtimeBenchmark, latencyBenchmark, memoryBenchmark];
const DEFAULT_RUNS = 3;

const USAGE = `usage: npm run bench -- [--runs N] [--only NAME[,NAME...]] [--json]
  --runs N     runs of each measured thing; figures are medians (default ${DEFAULT_RUNS})
  --only NAME  run only these benchmarks: ${BENCHMARKS.map((benchmark) => benchmark.name).join(", ")}
  --json       print the results as JSON instead of tables`;

interface Options {
  runs: number;
  benchmarks: Benchmark[];
  json: boolean;
}

function parseOptions(argv: string[]): Options | { help: true } | { error: string } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { runs: { type: "string" }, only: { type: "string", multiple: true }, json: { type: "boolean", default: false }, help: { type: "boolean", short: "h" } },
    }));
  } catch (error) {
    return { error: (error as Error).message };
  }
  if (values.help) return { help: true };
  const runs = values.runs === undefined ? DEFAULT_RUNS : Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) return { error: `--runs must be a positive integer, got ${JSON.stringify(values.runs)}` };
  const names = values.only?.flatMap((value) => value.split(",")).map((name) => name.trim());
  const unknown = names?.filter((name) => !BENCHMARKS.some((benchmark) => benchmark.name === name)) ?? [];
  if (unknown.length > 0) return { error: `unknown benchmark ${unknown.join(", ")}` };
  return { runs, json: values.json, benchmarks: names ? BENCHMARKS.filter((benchmark) => names.includes(benchmark.name)) : BENCHMARKS };
}

async function main(argv: string[]): Promise<number> {
  const options = parseOptions(argv);
  if ("help" in options) {
    console.log(USAGE);
    return 0;
  }
  if ("error" in options) {
    console.error(`bench: ${options.error}\n\n${USAGE}`);
    return 2;
  }
  if (!canMeasurePeakRss()) {
    console.error("bench: needs GNU time at /usr/bin/time to measure the peak memory of child processes");
    return 2;
  }
  const scratch = new Scratch();
  const interrupt = () => {
    killRunningProcesses();
    scratch.remove();
    process.exit(130);
  };
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);

  const progress = (message: string) => process.stderr.write(`[bench] ${message}\n`);
  // Built once, for whichever benchmark asks first; not cut short by one benchmark's time box.
  let projects: Promise<ConsumerProjects> | undefined;
  const consumerProjects = () => {
    if (!projects) {
      progress("building the consumer projects (generate, npm pack, install both packages)");
      projects = prepareConsumerProjects(scratch);
    }
    return projects;
  };
  const outcomes: BenchmarkOutcome[] = [];
  try {
    for (const benchmark of options.benchmarks) {
      outcomes.push(await runTimeBoxed(benchmark, { runs: options.runs, scratch, consumerProjects, progress }));
    }
  } finally {
    killRunningProcesses();
    scratch.remove();
  }
  const report = { machine: machineInfo(), runs: options.runs, outcomes };
  console.log(options.json ? JSON.stringify(reportJson(report), null, 2) : formatReport(report));
  return outcomes.some((outcome) => outcome.error !== undefined) ? 1 : 0;
}

/** Runs a benchmark, stopping it (and killing its child processes) when its time box runs out. */
async function runTimeBoxed(benchmark: Benchmark, context: Omit<BenchmarkContext, "signal">): Promise<BenchmarkOutcome> {
  const limitMs = benchmark.timeBoxMs(context.runs);
  const box = new AbortController();
  const timer = setTimeout(() => box.abort(new Error(`timed out after ${(limitMs / 1000).toFixed(0)} s`)), limitMs);
  const timedOut = new Promise<never>((_, reject) => box.signal.addEventListener("abort", () => reject(box.signal.reason as Error), { once: true }));
  const start = performance.now();
  const seconds = () => (performance.now() - start) / 1000;
  try {
    const result = await Promise.race([benchmark.run({ ...context, signal: box.signal }), timedOut]);
    return { name: benchmark.name, seconds: seconds(), result };
  } catch (error) {
    context.progress(`${benchmark.name} failed: ${(error as Error).message}`);
    return { name: benchmark.name, seconds: seconds(), error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

process.exitCode = await main(process.argv.slice(2));
