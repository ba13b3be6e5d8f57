import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { openEmitCache, type EmitCache, type FileDigest, type IndexedEndpoint } from "./cache/emit-cache.js";
import type { EmittedFile } from "./emit/emit-all.js";
import { DEFAULT_PACKAGE, type PackageInfo } from "./emit/package-info.js";
import picomatch from "picomatch";
import { SpecError, type OutputFolderError } from "./errors.js";
import { duplicateIdErrors, loadSpecFile, readSpecFiles, type LoadedSpec, type SpecFile } from "./load/load-specs.js";
import { buildEndpointModel, compareNames, packageEntry, type EndpointModel, type PackageEntry } from "./model/endpoint-model.js";
import { diffTree, isClean, openOutputFolder, plannedFile, updateTree, withManifest, type PlannedFile, type PlannedTree, type TreeDiff } from "./write/output-tree.js";
import { treePatch } from "./write/tree-patch.js";

/** What `generate` reads and writes, and how. Paths are relative to the working directory. */
export interface GenerateOptions {
  /** The folder of specs, one OpenAPI document per endpoint (`<endpoint id>.yaml` or `.json`). */
  specsDir: string;
  /** The folder the package is written to. */
  outDir: string;
  /** The package's npm name (default `@falgen/models`); every import path in its docs uses it. */
  name?: string;
  /** The package's version (default `0.1.0`). */
  version?: string;
  /**
   * Globs over endpoint ids (`*` within a segment, `**` across segments, e.g. `fal-ai/ideogram/**`):
   * only the specs whose endpoint id matches one are generated. Default: every spec.
   */
  endpoints?: readonly string[];
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
  /** Set once the output was compared: how it differs (`check`), or differed before this run wrote it. */
  diff?: TreeDiff;
  /** `check` only, when the output differs: the first 40 lines of a unified diff of what `falgen generate` would change. */
  patch?: string;
  /** Whether the run did what was asked without finding a problem. */
  ok: boolean;
}

export const DEFAULT_CACHE_DIR = "node_modules/.cache/falgen";
const RUNTIME_DIR = fileURLToPath(new URL("./runtime/", import.meta.url));

/** The runtime's sources (path below runtime/, with "/" -> TypeScript), compiled into the package's `src/runtime/`. */
export function readRuntimeFiles(): Map<string, string> {
  // Its folders (internal/, server/) included; paths as the package's imports write them, on any OS.
  const names = readdirSync(RUNTIME_DIR, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".ts"))
    .map((name) => name.replaceAll("\\", "/"))
    .sort();
  return new Map(names.map((name) => [name, readFileSync(`${RUNTIME_DIR}${name}`, "utf8")]));
}

/**
 * Generates the package: load -> model -> emit -> write (or check), timing each stage; unchanged
 * specs come from the cache. A broken spec is reported in `errors` (file, line, JSON pointer), not
 * thrown; the output is then left as it was unless `keepGoing`.
 * @throws {InputError} when the specs folder is missing or not a folder, and {@link OutputFolderError},
 * before anything is read or written, for an output folder falgen must not write to (see `openOutputFolder`).
 */
export async function generate(options: GenerateOptions): Promise<GenerateReport> {
  const output = openOutputFolder(options.outDir, { specsDir: options.specsDir });
  const timings: StageTiming[] = [];
  const timed = async <T>(stage: StageTiming["stage"], run: () => Promise<T> | T): Promise<T> => {
    const start = performance.now();
    try {
      return await run();
    } finally {
      timings.push({ stage, ms: performance.now() - start });
    }
  };
  const pkg: PackageInfo = { name: options.name ?? DEFAULT_PACKAGE.name, version: options.version ?? DEFAULT_PACKAGE.version };
  const picked = options.endpoints ? picomatch([...options.endpoints]) : () => true;
  const cache = options.cacheDir === false ? undefined : openEmitCache(options.cacheDir ?? DEFAULT_CACHE_DIR, options.specsDir, pkg);

  const errors: SpecError[] = [];
  const unchanged: UnchangedEndpoint[] = [];
  const loaded: { spec: SpecFile; valid: LoadedSpec }[] = [];
  await timed("load", async () => {
    for (const spec of await readSpecFiles(options.specsDir, cache?.files)) {
      const indexed = cache?.find(spec);
      if (indexed) {
        if (picked(indexed.entry.id)) unchanged.push({ spec, indexed });
        continue;
      }
      try {
        const valid = loadSpecFile(spec);
        if (picked(valid.endpointId)) loaded.push({ spec, valid });
      } catch (error) {
        if (!(error instanceof SpecError)) throw error;
        errors.push(error);
      }
    }
    errors.push(...duplicateIdErrors([...unchanged.map(({ spec, indexed }) => ({ file: spec.file, endpointId: indexed.entry.id })), ...loaded.map(({ valid }) => valid)]));
  });
  const failed = new Set(errors.map((error) => error.file));

  const fresh: FreshEndpoint[] = [];
  await timed("model", () => {
    for (const { spec, valid } of loaded.filter(({ valid }) => !failed.has(valid.file))) {
      try {
        fresh.push({ spec, model: buildEndpointModel(valid) });
      } catch (error) {
        // Whatever a spec does to the model stage, the author gets its file, not a stack trace.
        errors.push(error instanceof SpecError ? error : new SpecError({ file: valid.file }, `cannot model this spec: ${(error as Error).message}`));
      }
    }
  });
  const kept = unchanged.filter(({ spec }) => !failed.has(spec.file));
  const report = (files: number, ok: boolean, diff?: TreeDiff, patch?: string): GenerateReport => ({
    endpoints: [...kept.map(({ indexed }) => indexed.entry.id), ...fresh.map(({ model }) => model.id)].sort(compareNames),
    errors,
    files,
    cached: unchanged.length,
    timings,
    ok: ok && errors.length === 0,
    ...(diff ? { diff } : {}),
    ...(patch ? { patch } : {}),
  });
  if (errors.length > 0 && !options.keepGoing) return report(0, false);
  if (kept.length + fresh.length === 0 && errors.length === 0) {
    const what = options.endpoints ? `no spec matches endpoints ${options.endpoints.map((glob) => JSON.stringify(glob)).join(", ")}` : "no spec files (.yaml, .yml or .json) found";
    errors.push(new SpecError({ file: options.specsDir }, what));
    return report(0, false);
  }

  const planned = await timed("emit", async () => withManifest(await planOutput(fresh, kept, cache, pkg)));
  if (options.check) {
    const { diff, patch } = await timed("check", async () => {
      const diff = diffTree(output, planned, cache?.files);
      return { diff, patch: isClean(diff) ? undefined : await treePatch(output, planned, diff) };
    });
    cache?.save({ prune: false });
    return report(planned.size, isClean(diff), diff, patch);
  }
  const diff = await timed("write", () => updateTree(output, planned, cache?.files));
  cache?.save({ prune: errors.length === 0 });
  return report(planned.size, true, diff);
}

/** A spec the cache's index knows unchanged: its files are planned from their hashes. */
interface UnchangedEndpoint {
  spec: SpecFile;
  indexed: IndexedEndpoint;
}

/** A spec modelled in this run: its files are emitted. */
interface FreshEndpoint {
  spec: SpecFile;
  model: EndpointModel;
}

/** The emitters load TypeScript twice (openapi-typescript's and ts-morph's): only a run with something to emit pays for it. */
const loadEmitters = () => import("./emit/emit-all.js");

/**
 * Every file of the package: fresh endpoints' files emitted now, unchanged endpoints' files known
 * by hash (their contents are read from the cache only if the output on disk differs), the
 * package-level files (emitted only if what they are made from changed, or the disk differs) and
 * the runtime (compiled likewise only if its sources changed, or the disk differs).
 */
async function planOutput(fresh: readonly FreshEndpoint[], kept: readonly UnchangedEndpoint[], cache: EmitCache | undefined, pkg: PackageInfo): Promise<PlannedTree> {
  const planned = new Map<string, PlannedFile>();
  const plan = (files: readonly EmittedFile[]): FileDigest[] =>
    files.map(([file, contents]) => {
      const planning = plannedFile(contents);
      planned.set(file, planning);
      return [file, planning.sha256];
    });

  for (const { spec, model } of fresh) {
    const files = (await loadEmitters()).emitEndpointFiles(model, pkg);
    const digests = plan(files);
    cache?.put(spec, { model, files }, digests);
  }
  const entries = new Map<SpecFile, () => Promise<{ model: EndpointModel; files: EmittedFile[] }>>();
  for (const { spec, indexed } of kept) {
    // Should the entry be gone or damaged, the spec (unchanged, so valid) is generated again.
    const entry = once(async () => cache?.read(spec) ?? regenerate(spec, pkg));
    entries.set(spec, entry);
    for (const [file, sha256] of indexed.files) {
      planned.set(file, { sha256, contents: async () => contentsOf(await entry(), file) });
    }
  }

  const endpoints = [...fresh.map(({ spec, model }) => ({ spec, entry: packageEntry(model) })), ...kept.map(({ spec, indexed }) => ({ spec, entry: indexed.entry }))].sort(
    (a, b) => compareNames(a.entry.id, b.entry.id),
  );
  const packageEntries = endpoints.map(({ entry }) => entry);
  // The README shows an endpoint whose spec example is valid as given, when one has.
  const exampleSpec = (endpoints.find(({ entry }) => entry.inputExampleAsGiven) ?? endpoints[0])?.spec;
  const packageFiles = once(async () => {
    const example = exampleSpec && (fresh.find(({ spec }) => spec === exampleSpec)?.model ?? (await entries.get(exampleSpec)!()).model);
    return (await loadEmitters()).emitPackageFiles(packageEntries, example, pkg);
  });
  // Files made together: known by their hashes when the cache has them, made now otherwise.
  const planSet = async (cached: FileDigest[] | undefined, make: () => Promise<EmittedFile[]>, remember: (digests: FileDigest[]) => void) => {
    if (!cached) return remember(plan(await make()));
    for (const [file, sha256] of cached) planned.set(file, { sha256, contents: async () => contentsOf({ files: await make() }, file) });
  };
  await planSet(cache?.findPackageFiles(packageEntries, exampleSpec), packageFiles, (digests) => cache?.putPackageFiles(packageEntries, exampleSpec, digests));

  const runtimeSources = readRuntimeFiles();
  const runtimeFiles = once(async () => (await loadEmitters()).emitRuntimeFiles(runtimeSources));
  await planSet(cache?.findRuntimeFiles(runtimeSources), runtimeFiles, (digests) => cache?.putRuntimeFiles(runtimeSources, digests));
  return new Map([...planned].sort(([a], [b]) => compareNames(a, b)));
}

async function regenerate(spec: SpecFile, pkg: PackageInfo): Promise<{ model: EndpointModel; files: EmittedFile[] }> {
  const model = buildEndpointModel(loadSpecFile(spec));
  return { model, files: (await loadEmitters()).emitEndpointFiles(model, pkg) };
}

function contentsOf({ files }: { files: readonly EmittedFile[] }, file: string): string {
  const found = files.find(([name]) => name === file);
  if (!found) throw new Error(`falgen's cache is inconsistent: ${file} is indexed but not in its entry; run again with --no-cache`);
  return found[1];
}

/** Runs `make` on the first call only; later calls share its promise. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}
