import { execFile } from "node:child_process";
import path from "node:path";
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

const TSX = path.join(REPO_ROOT, "node_modules/tsx/dist/cli.mjs");
const TSC = path.join(REPO_ROOT, "node_modules/typescript/bin/tsc");

/**
 * `falgen generate`, as `npm run generate` runs it (from the sources), without the cache: tests generate from throwaway
 * folders, whose entries would only pile up (test/generator/cache.test.ts covers the cache).
 */
export function runFalgen(args: string[], cwd: string = REPO_ROOT): Promise<RunResult> {
  return run(process.execPath, [TSX, path.join(REPO_ROOT, "generator/cli.ts"), "generate", ...args, "--no-cache"], { cwd });
}

/** `tsc` with the given arguments; the result's stdout holds the diagnostics. */
export function runTsc(args: string[], cwd: string = REPO_ROOT): Promise<RunResult> {
  return run(process.execPath, [TSC, ...args], { cwd });
}
