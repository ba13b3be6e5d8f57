/**
 * How the harness talks to the scripts it runs in child processes (where memory and module caches
 * must start fresh): the input goes in as one JSON argument, the result comes back as the last line
 * of stdout, JSON again.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { assertSucceeded, runProcess, type ProcessOptions, type ProcessResult } from "../measure.js";

const CHILDREN_DIR = path.dirname(fileURLToPath(import.meta.url));
// Absolute, so the loader is found whatever the child's working directory.
const TSX_LOADER = import.meta.resolve("tsx");

export interface ChildRun<Output> {
  output: Output;
  process: ProcessResult;
}

/**
 * Runs `bench/children/<script>` under Node with tsx's loader (`--import tsx`: the scripts are
 * TypeScript, whichever client they drive), with extra Node flags before it.
 */
export async function runChildScript<Input, Output>(
  script: string,
  input: Input,
  options: ProcessOptions & { nodeFlags?: string[] },
): Promise<ChildRun<Output>> {
  const args = [...(options.nodeFlags ?? []), "--import", TSX_LOADER, path.join(CHILDREN_DIR, script), JSON.stringify(input)];
  const result = assertSucceeded(await runProcess(process.execPath, args, options), script);
  const lastLine = result.stdout.trim().split("\n").at(-1) ?? "";
  try {
    return { output: JSON.parse(lastLine) as Output, process: result };
  } catch {
    throw new Error(`${script} printed no result line:\n${result.stdout.slice(-2000)}\n${result.stderr.slice(-2000)}`);
  }
}

/** In a child: the input the harness passed. */
export function childInput<Input>(): Input {
  const raw = process.argv[2];
  if (raw === undefined) throw new Error("a benchmark child needs its input as a JSON argument");
  return JSON.parse(raw) as Input;
}

/** In a child: hands the result back to the harness. */
export function replyToHarness(output: unknown): void {
  process.stdout.write(`${JSON.stringify(output)}\n`);
}
