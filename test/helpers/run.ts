import { execFile } from "node:child_process";
import path from "node:path";
import { format } from "node:util";
import { REPO_ROOT } from "./temp-dir.js";

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion and returns its exit code and output (never throws on exit code). */
export function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd: options.cwd ?? REPO_ROOT, env: options.env ?? process.env, timeout: options.timeoutMs ?? 120_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== "number") reject(error);
      else resolve({ code: typeof error?.code === "number" ? error.code : 0, stdout, stderr });
    });
  });
}

const TSC = path.join(REPO_ROOT, "node_modules/typescript/bin/tsc");

let queue: Promise<unknown> = Promise.resolve();

/**
 * `falgen <argv>` in this process, as the `falgen` process runs it (generator/cli/main.ts, from the
 * sources) but with no process to start: in `cwd`, with `env`'s variables set (undefined: unset),
 * and what it prints to the console or stdout and stderr captured. Calls take turns, since the
 * working directory, the environment and the console are the process's.
 */
export function falgen(argv: string[], cwd: string = REPO_ROOT, env: Record<string, string | undefined> = {}): Promise<RunResult> {
  const call = queue.then(() => captured(argv, cwd, env));
  queue = call.catch(() => undefined);
  return call;
}

async function captured(argv: string[], cwd: string, env: Record<string, string | undefined>): Promise<RunResult> {
  const { main } = await import("../../generator/cli/main.js");
  const output = { stdout: "", stderr: "" };
  const line = (stream: "stdout" | "stderr") => (...args: unknown[]) => {
    output[stream] += `${format(...args)}\n`;
  };
  const write = (stream: "stdout" | "stderr") => (chunk: string | Uint8Array, ...rest: unknown[]) => {
    output[stream] += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    // As a stream calls a write's callback once written (`write(chunk, [encoding], callback)`).
    const callback = rest.find((arg) => typeof arg === "function") as ((error?: Error | null) => void) | undefined;
    if (callback) queueMicrotask(() => callback(null));
    return true;
  };
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error, stdout: process.stdout.write, stderr: process.stderr.write, cwd: process.cwd() };
  Object.assign(console, { log: line("stdout"), info: line("stdout"), warn: line("stderr"), error: line("stderr") });
  process.stdout.write = write("stdout") as typeof process.stdout.write;
  process.stderr.write = write("stderr") as typeof process.stderr.write;
  const savedEnv = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  setEnv(env);
  process.chdir(cwd);
  try {
    return { code: await main(argv), ...output };
  } finally {
    process.chdir(saved.cwd);
    setEnv(savedEnv);
    Object.assign(console, { log: saved.log, info: saved.info, warn: saved.warn, error: saved.error });
    process.stdout.write = saved.stdout;
    process.stderr.write = saved.stderr;
  }
}

function setEnv(env: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}

/**
 * `falgen generate` without the cache: tests generate from throwaway folders, whose entries would
 * only pile up (test/generator/cache.test.ts covers the cache).
 */
export function runFalgen(args: string[], cwd: string = REPO_ROOT): Promise<RunResult> {
  return falgen(["generate", ...args, "--no-cache"], cwd);
}

/** `tsc` with the given arguments; the result's stdout holds the diagnostics. */
export function runTsc(args: string[], cwd: string = REPO_ROOT): Promise<RunResult> {
  return run(process.execPath, [TSC, ...args], { cwd });
}
