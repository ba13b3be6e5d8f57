import picomatch from "picomatch";
import { openCache, type FileSink } from "./cache/generation-cache.js";
import { DEFAULT_PACKAGE, type PackageInfo } from "./emit/package-info.js";
import { runtimeSources } from "./emit/runtime-files.js";
import { InputError, SpecError, SpecWarning, type OutputFolderError } from "./errors.js";
import { loadSpecFile, loadSpecs, type LoadedSpec } from "./load/load-specs.js";
import { buildEndpointModel, compareNames, type EndpointModel } from "./model/endpoint-model.js";
import { interruptionPoints } from "./shared/interruption-points.js";
import { lockOutputFolder, type LockHolder, type LockLostError } from "./write/output-lock.js";
import { lastGoodOutputs } from "./write/last-good-output.js";
import { checkOutputPath, diffTree, isClean, openOutputFolder, withManifest, type ManifestEndpoint, type OutputFolder, type PlannedTree, type TreeDiff } from "./write/output-tree.js";
import { treePatch } from "./write/tree-patch.js";
import { writeTree } from "./write/tree-writer.js";

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
  /**
   * Generate every valid spec even when others are broken (the run still fails); with no valid
   * spec, nothing is written. An endpoint of the package whose spec now fails keeps its last
   * good output (its files as they are; see `GenerateReport.kept`), stale until the spec loads.
   */
  keepGoing?: boolean;
  /** Where per-spec results are cached between runs; `false` turns the cache off. */
  cacheDir?: string | false;
  /**
   * Stops the run (the CLI aborts it on Ctrl-C and SIGTERM): `generate` rejects with the signal's
   * reason, and the output folder is as it was, since files written so far are undone. Seen
   * between stages and every few milliseconds of emit and write; once the written files begin
   * replacing the old ones, the run finishes.
   */
  signal?: AbortSignal;
  /**
   * Called once when another run (a process, or a call in this one) holds the output folder's lock,
   * before this run waits for it; with who holds it when the lock says. Runs into one folder take
   * turns: a run that writes holds the lock from start to end, a check while it compares.
   */
  onWait?: (holder: LockHolder | undefined) => void;
}

export interface StageTiming {
  stage: "load" | "model" | "emit" | "write" | "check";
  ms: number;
}

export interface GenerateReport {
  endpoints: string[];
  errors: SpecError[];
  /**
   * Endpoints of the package on disk whose spec fails (one of `errors`): with `keepGoing`, kept
   * as they were (their last good output), stale until their spec loads again.
   */
  kept: { endpointId: string; error: SpecError }[];
  /** What makes no sense in the generated specs but leaves the output right, located; in file order. */
  warnings: SpecWarning[];
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

/**
 * Generates the package: load -> model -> emit -> write (or check), timing each stage. The cache
 * (cache/generation-cache.ts) tells load which specs it knows unchanged, and emit takes their
 * files from it. A broken spec is reported in `errors` (file, line, JSON pointer), not thrown; the
 * output is then left as it was unless `keepGoing` and at least one spec generated.
 * Runs into one output folder take turns on its lock (write/output-lock.ts), a run that writes
 * from its start to its end, a check while it compares: one that finds it held waits (see `onWait`).
 * @throws {InputError} when the specs folder is missing or not a folder, holds no spec, or none
 * whose endpoint id `endpoints` picks (nothing is written then), and {@link OutputFolderError},
 * before anything is read or written, for an output folder falgen must not write to (see
 * `openOutputFolder`); {@link LockLostError} when another run took this one's lock over (it had
 * not refreshed it for 10 s: stopped, or its machine suspended), having stopped writing.
 */
export async function generate(options: GenerateOptions): Promise<GenerateReport> {
  const where = { specsDir: options.specsDir };
  // A check reads the folder now only to refuse one it must not (its lock is taken to compare).
  if (options.check) return generateInto(openOutputFolder(options.outDir, where), options);
  checkOutputPath(options.outDir, where);
  const lock = await lockOutputFolder(options.outDir, { checking: false, signal: options.signal, onWait: options.onWait });
  // A folder this run may not write to: a package already current there is still a success.
  if (!lock) return generateInto(openOutputFolder(options.outDir, where), options);
  try {
    const signal = options.signal ? AbortSignal.any([options.signal, lock.lost]) : lock.lost;
    return await generateInto(openOutputFolder(options.outDir, where), { ...options, signal }, lock.lost);
  } finally {
    await lock.release();
  }
}

/** {@link generate} once the output folder is open (and, unless checking, locked; `lost` aborted if that lock was taken over). */
async function generateInto(output: OutputFolder, options: GenerateOptions, lost?: AbortSignal): Promise<GenerateReport> {
  const pkg: PackageInfo = { name: options.name ?? DEFAULT_PACKAGE.name, version: options.version ?? DEFAULT_PACKAGE.version };
  const picked = options.endpoints ? picomatch([...options.endpoints]) : () => true;
  const cache = openCache(options.cacheDir ?? DEFAULT_CACHE_DIR, options.specsDir, pkg);
  // The emitters load TypeScript (and ts-morph, for a shape of module no earlier run printed): only a run with something to emit pays for it.
  let emitters: Promise<typeof import("./emit/emit-all.js")> | undefined;
  const loadEmitters = () =>
    (emitters ??= import("./emit/emit-all.js").then((emit) => {
      emit.takePrintedTemplates(cache.printedTemplates());
      return emit;
    }));
  const keepTemplates = async () => {
    if (emitters) cache.keepPrintedTemplates((await emitters).printedTemplates());
  };
  const timings: StageTiming[] = [];
  const timed = async <T>(stage: StageTiming["stage"], run: () => Promise<T> | T): Promise<T> => {
    options.signal?.throwIfAborted();
    const start = performance.now();
    try {
      return await run();
    } finally {
      timings.push({ stage, ms: performance.now() - start });
    }
  };

  const loaded = await timed("load", () => loadSpecs(options.specsDir, { hasher: cache.hasher, known: cache.find }));
  const errors = [...loaded.errors];
  const unchanged = loaded.known.filter(({ known }) => picked(known.endpointId));
  const fresh = await timed("model", () => loaded.specs.filter((spec) => picked(spec.endpointId)).flatMap((spec) => modelOrError(spec, errors)));
  // Endpoints of the package on disk whose spec now fails: kept as they are with keepGoing (so one
  // broken spec does not take a working endpoint out), and stale until it loads again.
  const generatedIds = new Set([...unchanged.map(({ known }) => known.endpointId), ...fresh.map(({ model }) => model.id)].map((id) => id.toLowerCase()));
  const kept = errors.length === 0 ? [] : lastGoodOutputs(output, errors, options.specsDir, (id) => picked(id) && !generatedIds.has(id.toLowerCase()));
  const report = (files: number, ok: boolean, diff?: TreeDiff, patch?: string): GenerateReport => ({
    endpoints: [...unchanged.map(({ known }) => known.endpointId), ...fresh.map(({ model }) => model.id)].sort(compareNames),
    errors,
    kept: kept.map(({ endpoint, error }) => ({ endpointId: endpoint.id, error })),
    warnings: [
      ...fresh.flatMap(({ spec }) => spec.warnings),
      ...unchanged.flatMap(({ spec, known }) => (known.warnings ?? []).map(({ reason, ...place }) => new SpecWarning({ ...place, file: spec.file }, reason))),
    ].sort((a, b) => (a.file === b.file ? 0 : a.file < b.file ? -1 : 1)),
    files,
    cached: unchanged.length,
    timings,
    ok: ok && errors.length === 0,
    ...(diff ? { diff } : {}),
    ...(patch ? { patch } : {}),
  });
  // keepGoing writes what the valid specs make; with none valid, a package of no endpoint is no use.
  if (errors.length > 0 && (!options.keepGoing || unchanged.length + fresh.length === 0)) return report(0, false);
  if (unchanged.length + fresh.length === 0 && errors.length === 0) throw noSpecs(options, [...loaded.known.map(({ known }) => known.endpointId), ...loaded.specs.map((spec) => spec.endpointId)]);

  // Emit, given where each file goes as soon as it is made: the write stage, when writing.
  const interruptible = interruptionPoints(options.signal);
  const emit = (each?: FileSink) =>
    timed("emit", () =>
      cache.plan(
        { fresh, unchanged, runtime: runtimeSources(), kept: kept.map(({ endpoint, files }) => ({ entry: { id: endpoint.id, category: endpoint.category, inputExampleAsGiven: false }, files })) },
        {
          endpointFiles: async (model) => {
            await interruptible();
            return (await loadEmitters()).emitEndpointFiles(model, pkg);
          },
          packageFiles: async (endpoints, example) => (await loadEmitters()).emitPackageFiles(endpoints, example, pkg),
          runtimeFiles: async (sources) => (await loadEmitters()).emitRuntimeFiles(sources),
          model: (spec) => buildEndpointModel(loadSpecFile(spec)),
        },
        each,
      ),
    );
  // What the manifest records of each endpoint: its spec, and what the package-level files say of it.
  const manifestEndpoints: ManifestEndpoint[] = [
    ...fresh.map(({ spec, model }) => ({ id: model.id, spec: spec.sourcePath, ...(model.category !== undefined ? { category: model.category } : {}) })),
    ...unchanged.map(({ spec, known: { entry } }) => ({ id: entry.id, spec: spec.sourcePath, ...(entry.category !== undefined ? { category: entry.category } : {}) })),
    ...kept.map(({ endpoint }) => endpoint),
  ];
  if (options.check) {
    const planned = withManifest(await emit(), manifestEndpoints);
    // Compared under the folder's lock: never while a run writes it, nor half-way through one.
    const lock = await lockOutputFolder(options.outDir, { checking: true, signal: options.signal, onWait: options.onWait });
    let compared: { diff: TreeDiff; patch: string | undefined };
    try {
      compared = await timed("check", async () => {
        const current = lock ? openOutputFolder(options.outDir, { specsDir: options.specsDir }) : output;
        const diff = diffTree(current, planned, cache.hasher);
        return { diff, patch: isClean(diff) ? undefined : await treePatch(current, planned, diff) };
      });
    } finally {
      await lock?.release();
    }
    const { diff, patch } = compared;
    await keepTemplates();
    cache.save({ prune: false });
    return report(planned.size, isClean(diff), diff, patch);
  }
  // The write stage runs beside emit: each file is written (on a thread of its own) as soon as it is made.
  const writer = writeTree(output, { hasher: cache.hasher, signal: options.signal, lost });
  let planned: PlannedTree;
  try {
    planned = withManifest(await emit(writer.write), manifestEndpoints);
  } catch (error) {
    await writer.undo();
    throw error;
  }
  const diff = await timed("write", () => writer.finish(planned));
  await keepTemplates();
  cache.save({ prune: errors.length === 0 });
  return report(planned.size, true, diff);
}

/** Nothing to generate, said with where falgen looked: no spec there at all, or none of `ids` picked. */
function noSpecs({ specsDir, endpoints }: GenerateOptions, ids: string[]): InputError {
  if (ids.length === 0) return new InputError(`specs folder ${specsDir}: no spec files (.yaml, .yml or .json) in it or below it; add one with \`falgen add <endpoint id>\``);
  const globs = endpoints!.map((glob) => JSON.stringify(glob)).join(", ");
  const some = [...ids].sort(compareNames).slice(0, 3).join(", ");
  return new InputError(`specs folder ${specsDir}: no endpoint id of its ${ids.length} spec(s) matches endpoints ${globs} (ids there: ${some}${ids.length > 3 ? ", ..." : ""})`);
}

/** The model of a valid spec; whatever a spec does to the model stage, its author gets its file, not a stack trace. */
function modelOrError(spec: LoadedSpec, errors: SpecError[]): { spec: LoadedSpec; model: EndpointModel }[] {
  try {
    return [{ spec, model: buildEndpointModel(spec) }];
  } catch (error) {
    errors.push(error instanceof SpecError ? error : new SpecError({ file: spec.file }, `cannot model this spec: ${(error as Error).message}`));
    return [];
  }
}
