import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { openEmitCache, type CachedEndpoint } from "./cache/emit-cache.js";
import { assemblePackage, emitEndpointFiles, type OutputFiles } from "./emit/emit-all.js";
import { SpecError } from "./errors.js";
import { duplicateIdErrors, loadSpecFile, readSpecFiles, type LoadedSpec, type SpecFile } from "./load/load-specs.js";
import { buildEndpointModel } from "./model/endpoint-model.js";
import { diffTree, isClean, writeTree, type TreeDiff } from "./write/output-tree.js";

export interface GenerateOptions {
  specsDir: string;
  outDir: string;
  /** Compare instead of writing. */
  check?: boolean;
  /** Generate every valid spec even when others are broken (the run still fails). */
  keepGoing?: boolean;
  /** Where per-spec results are cached between runs; `false` turns the cache off. */
  cacheDir?: string | false;
}

export interface StageTiming {
  stage: "load" | "model" | "emit" | "write" | "check";
  ms: number;
}

export interface GenerateReport {
  endpoints: string[];
  errors: SpecError[];
  files: number;
  /** How many endpoints came from the cache instead of being generated. */
  cached: number;
  timings: StageTiming[];
  /** Set by `check`: how the output on disk differs. */
  diff?: TreeDiff;
  /** Whether the run did what was asked without finding a problem. */
  ok: boolean;
}

export const DEFAULT_CACHE_DIR = "node_modules/.cache/falgen";
const RUNTIME_DIR = fileURLToPath(new URL("./runtime/", import.meta.url));

/** The runtime sources, copied byte for byte into the package. */
export async function readRuntimeFiles(): Promise<Map<string, string>> {
  const names = (await readdir(RUNTIME_DIR)).filter((name) => name.endsWith(".ts")).sort();
  return new Map(await Promise.all(names.map(async (name) => [name, await readFile(`${RUNTIME_DIR}${name}`, "utf8")] as const)));
}

/** load -> model -> emit -> write (or check), timing each stage; unchanged specs come from the cache. */
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
  const cache = options.cacheDir === false ? undefined : await openEmitCache(options.cacheDir ?? DEFAULT_CACHE_DIR, options.specsDir);

  const errors: SpecError[] = [];
  const cached: { spec: SpecFile; entry: CachedEndpoint }[] = [];
  const loaded: { spec: SpecFile; valid: LoadedSpec }[] = [];
  await timed("load", async () => {
    for (const spec of await readSpecFiles(options.specsDir)) {
      const entry = await cache?.get(spec);
      if (entry) {
        cached.push({ spec, entry });
        continue;
      }
      try {
        loaded.push({ spec, valid: loadSpecFile(spec) });
      } catch (error) {
        if (!(error instanceof SpecError)) throw error;
        errors.push(error);
      }
    }
    errors.push(...duplicateIdErrors([...cached.map(({ entry }) => ({ file: entry.model.file, endpointId: entry.model.id })), ...loaded.map(({ valid }) => valid)]));
  });
  const failed = new Set(errors.map((error) => error.file));

  // Fresh endpoints get their files in the emit stage.
  const fresh: (CachedEndpoint & { spec: SpecFile })[] = [];
  await timed("model", () => {
    for (const { spec, valid } of loaded.filter(({ valid }) => !failed.has(valid.file))) {
      try {
        fresh.push({ spec, model: buildEndpointModel(valid), files: [] });
      } catch (error) {
        // Whatever a spec does to the model stage, the author gets its file, not a stack trace.
        errors.push(error instanceof SpecError ? error : new SpecError({ file: valid.file }, `cannot model this spec: ${(error as Error).message}`));
      }
    }
  });
  const endpoints: CachedEndpoint[] = [...cached.filter(({ entry }) => !failed.has(entry.model.file)).map(({ entry }) => entry), ...fresh];
  const report = (files: number, ok: boolean, diff?: TreeDiff): GenerateReport => ({
    endpoints: endpoints.map(({ model }) => model.id).sort(),
    errors,
    files,
    cached: cached.length,
    timings,
    ok: ok && errors.length === 0,
    ...(diff ? { diff } : {}),
  });
  if (errors.length > 0 && !options.keepGoing) return report(0, false);
  if (endpoints.length === 0 && errors.length === 0) {
    errors.push(new SpecError({ file: options.specsDir }, "no spec files (.yaml, .yml or .json) found"));
    return report(0, false);
  }

  const files: OutputFiles = await timed("emit", async () => {
    for (const endpoint of fresh) {
      endpoint.files = emitEndpointFiles(endpoint.model);
      await cache?.put(endpoint.spec, { model: endpoint.model, files: endpoint.files });
    }
    return assemblePackage(endpoints, await readRuntimeFiles());
  });
  if (options.check) {
    const diff = await timed("check", () => diffTree(options.outDir, files));
    return report(files.size, isClean(diff), diff);
  }
  await timed("write", () => writeTree(options.outDir, files));
  if (errors.length === 0) await cache?.prune();
  return report(files.size, true);
}
