import type { ConsumerProjects } from "./consumer-projects.js";
import type { BenchmarkResult } from "./report.js";
import type { Scratch } from "./scratch.js";

export interface BenchmarkContext {
  /** How many times each measured thing runs; figures are medians. */
  runs: number;
  scratch: Scratch;
  /** Aborted when the benchmark's time box runs out: kills its child processes. */
  signal: AbortSignal;
  /** The scratch consumer projects, built once and shared by the benchmarks that need them. */
  consumerProjects(): Promise<ConsumerProjects>;
  /** A progress line on stderr (stdout is kept for the report). */
  progress(message: string): void;
}

export interface Benchmark {
  /** The name `--only` selects it by. */
  name: string;
  /** The longest it may take for the given number of runs before it is stopped and reported as failed. */
  timeBoxMs(runs: number): number;
  run(context: BenchmarkContext): Promise<BenchmarkResult>;
}
