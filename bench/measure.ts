import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

/** The middle value (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The nearest-rank percentile (`p` in 0..100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error("percentile of no values");
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** User plus system time of a `process.cpuUsage()` reading, in ms. */
export function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

export interface ProcessResult {
  code: number;
  wallMs: number;
  /** Peak resident set size of the process (and the descendants it waited for), from GNU time. */
  peakRssBytes?: number;
  stdout: string;
  stderr: string;
}

export interface ProcessOptions {
  cwd: string;
  timeoutMs: number;
  /** Kills the process when aborted (the benchmark's time box). */
  signal?: AbortSignal;
  /** Wrap the process in GNU time to learn its peak RSS. */
  measurePeakRss?: boolean;
  env?: NodeJS.ProcessEnv;
}

const GNU_TIME = "/usr/bin/time";
const PEAK_RSS_MARK = "falgen-bench-peak-rss-kb:";
const running = new Set<ChildProcess>();

/** Whether peak memory of child processes can be measured on this machine. */
export function canMeasurePeakRss(): boolean {
  return existsSync(GNU_TIME);
}

/**
 * Runs a command to completion, timing it from spawn to exit. The process leads its own process
 * group, so a timeout or abort kills everything it started (GNU time, tsx, node) and nothing else.
 */
export async function runProcess(command: string, args: readonly string[], options: ProcessOptions): Promise<ProcessResult> {
  if (!options.measurePeakRss) return spawnAndWait(command, [...args], options);
  // GNU time reports on the process's stderr, after everything the process wrote there.
  const result = await spawnAndWait(GNU_TIME, ["-f", `\n${PEAK_RSS_MARK}%M`, command, ...args], options);
  const kilobytes = new RegExp(`${PEAK_RSS_MARK}(\\d+)\\s*$`).exec(result.stderr)?.[1];
  return kilobytes === undefined ? result : { ...result, peakRssBytes: Number(kilobytes) * 1024 };
}

function spawnAndWait(file: string, args: string[], options: ProcessOptions): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(abortReason(options.signal));
    const start = performance.now();
    const child = spawn(file, args, { cwd: options.cwd, env: options.env ?? process.env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    running.add(child);
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    let failure: Error | undefined;
    const settle = (outcome: ProcessResult | Error) => {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      running.delete(child);
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    // Kill, then settle once the process group is gone (on "close").
    const stop = (reason: Error) => {
      failure ??= reason;
      killGroup(child);
    };
    const timer = setTimeout(() => stop(new Error(`${path.basename(file)} ${args.join(" ")} timed out after ${options.timeoutMs} ms`)), options.timeoutMs);
    const onAbort = () => stop(abortReason(options.signal!));
    options.signal?.addEventListener("abort", onAbort, { once: true });
    // A process that never started has nothing to close.
    child.on("error", (error) => (child.pid === undefined ? settle(error) : stop(error)));
    child.on("close", (code, signal) => {
      const wallMs = performance.now() - start;
      settle(failure ?? { code: code ?? (signal ? 128 : 1), wallMs, stdout, stderr });
    });
  });
}

/** Kills every child process still running (on Ctrl-C or a crash of the harness). */
export function killRunningProcesses(): void {
  for (const child of running) killGroup(child);
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error("aborted");
}

/** Throws with the command's output when it did not exit 0. */
export function assertSucceeded(result: ProcessResult, what: string): ProcessResult {
  if (result.code !== 0) throw new Error(`${what} exited with ${result.code}:\n${(result.stderr || result.stdout).trim().slice(-2000)}`);
  return result;
}
