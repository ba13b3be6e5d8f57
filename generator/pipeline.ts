import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { emitAll, type OutputFiles } from "./emit/emit-all.js";
import { SpecError } from "./errors.js";
import { loadSpecs } from "./load/load-specs.js";
import { buildEndpointModel, type EndpointModel } from "./model/endpoint-model.js";
import { diffTree, isClean, writeTree, type TreeDiff } from "./write/output-tree.js";

export interface GenerateOptions {
  specsDir: string;
  outDir: string;
  /** Compare instead of writing. */
  check?: boolean;
  /** Generate every valid spec even when others are broken (the run still fails). */
  keepGoing?: boolean;
}

export interface StageTiming {
  stage: "load" | "model" | "emit" | "write" | "check";
  ms: number;
}

export interface GenerateReport {
  endpoints: string[];
  errors: SpecError[];
  files: number;
  timings: StageTiming[];
  /** Set by `check`: how the output on disk differs. */
  diff?: TreeDiff;
  /** Whether the run did what was asked without finding a problem. */
  ok: boolean;
}

const RUNTIME_DIR = fileURLToPath(new URL("./runtime/", import.meta.url));

/** The runtime sources, copied byte for byte into the package. */
export async function readRuntimeFiles(): Promise<Map<string, string>> {
  const names = (await readdir(RUNTIME_DIR)).filter((name) => name.endsWith(".ts")).sort();
  return new Map(await Promise.all(names.map(async (name) => [name, await readFile(`${RUNTIME_DIR}${name}`, "utf8")] as const)));
}

/** load -> model -> emit -> write (or check), timing each stage. */
export async function generate(options: GenerateOptions): Promise<GenerateReport> {
  const timings: StageTiming[] = [];
  const timed = async <T>(stage: StageTiming["stage"], run: () => Promise<T> | T): Promise<T> => {
    const start = performance.now();
    try {
      return await run();
    } finally {
      timings.push({ stage, ms: performance.now() - start });
    }
  };

  const { specs, errors } = await timed("load", () => loadSpecs(options.specsDir));
  const models: EndpointModel[] = [];
  await timed("model", () => {
    for (const spec of specs) {
      try {
        models.push(buildEndpointModel(spec));
      } catch (error) {
        errors.push(error instanceof SpecError ? error : new SpecError({ file: spec.file }, (error as Error).message));
      }
    }
  });
  const report = (files: number, ok: boolean, diff?: TreeDiff): GenerateReport => ({
    endpoints: models.map((model) => model.id).sort(),
    errors,
    files,
    timings,
    ok: ok && errors.length === 0,
    ...(diff ? { diff } : {}),
  });
  if (errors.length > 0 && !options.keepGoing) return report(0, false);
  if (models.length === 0 && errors.length === 0) {
    errors.push(new SpecError({ file: options.specsDir }, "no spec files (.yaml, .yml or .json) found"));
    return report(0, false);
  }

  const runtimeFiles = await readRuntimeFiles();
  const files: OutputFiles = await timed("emit", () => emitAll(models, runtimeFiles));
  if (options.check) {
    const diff = await timed("check", () => diffTree(options.outDir, files));
    return report(files.size, isClean(diff), diff);
  }
  await timed("write", () => writeTree(options.outDir, files));
  return report(files.size, true);
}
