import { createHash, type Hash } from "node:crypto";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { EmittedFile } from "../emit/emit-all.js";
import type { PackageInfo } from "../emit/package-info.js";
import type { SpecFile, SpecOrigin, StoredWarning } from "../load/load-specs.js";
import { compareNames, packageEntry, type EndpointModel, type PackageEntry } from "../model/endpoint-model.js";
import { writeFileAtomic } from "../shared/atomic-write.js";
import { contentHash } from "../shared/content-hash.js";
import { readingHasher, rememberingHasher, type FileHasher } from "../shared/file-hashes.js";
import { plannedFile, type PlannedFile, type PlannedTree } from "../write/output-tree.js";

/**
 * The generator's cache, behind one seam: a memo around emit, so regenerating after one spec
 * changed redoes one endpoint. One index file holds, per endpoint, what a run needs of it
 * without loading its spec (its package entry and its files' hashes), under a key of the spec's
 * bytes and path and a fingerprint of the generator itself (its sources and the versions of the
 * libraries that shape its output): any change to either misses; and the hashes of the
 * package-level and runtime files. Contents are not kept: an unchanged endpoint whose files on
 * disk differ from their hashes (edited or deleted by hand, a rare case) is made again from its
 * spec, so a full run writes its output once, not twice. The cache only ever speeds a run up; a
 * broken or unwritable one is ignored.
 */
export interface GenerationCache {
  /** How spec and output files are hashed: remembered between runs by each file's stat. */
  hasher: FileHasher;
  /** The index's record of a spec, when the spec and the generator are unchanged: load need not read it. */
  find(spec: SpecFile): CachedEndpoint | undefined;
  /**
   * Every file of the package: fresh endpoints' files made now, unchanged ones' known by hash
   * (made again only if the output on disk differs), the package-level and runtime files made
   * only if what they are made from changed (or the disk differs). Each file goes to `each` as
   * soon as it is planned.
   */
  plan(endpoints: PlanEndpoints, make: Makers, each?: FileSink): Promise<PlannedTree>;
  /** The module templates ts-morph printed in earlier runs of this generator (see emit/print-statements.ts), read when first asked for. */
  printedTemplates(): [shape: string, template: string][];
  /** Keeps the newest of `templates` (those read and those printed since) for later runs; `save` writes them when they differ from those read. */
  keepPrintedTemplates(templates: ReadonlyMap<string, string>): void;
  /**
   * Writes the index. `prune` keeps only what this run used, so the index does not grow without
   * bound; without it, earlier records are kept too.
   */
  save(options: { prune: boolean }): void;
}

/** Takes each planned file as soon as it is planned (the write stage, so it writes while emit goes on); a rejection stops the plan. */
export type FileSink = (file: string, planned: PlannedFile) => Promise<void>;

/** What the index holds of an unchanged endpoint. */
export interface CachedEndpoint {
  endpointId: string;
  entry: PackageEntry;
  files: FileDigest[];
  /** The spec's load warnings, so a run that does not load it prints them still. */
  warnings?: StoredWarning[];
}

export interface PlanEndpoints {
  /** Endpoints modelled in this run. */
  fresh: readonly { spec: SpecOrigin & { warnings?: readonly StoredWarning[] }; model: EndpointModel }[];
  /** Endpoints the cache knows unchanged. */
  unchanged: readonly { spec: SpecFile; known: CachedEndpoint }[];
  /** The runtime's sources (file name -> TypeScript). */
  runtime: ReadonlyMap<string, string>;
  /**
   * Endpoints whose spec fails, kept as the package on disk has them (`--keep-going`): their files
   * as given, in the package-level files, never the README's example, never in the index.
   */
  kept?: readonly { entry: PackageEntry; files: readonly EmittedFile[] }[];
}

/** What the pipeline gives the cache to make what it lacks: the emitters, and load + model of an unchanged spec. */
export interface Makers {
  endpointFiles(model: EndpointModel): Promise<EmittedFile[]>;
  /** The package-level files; `example` is the endpoint the README shows. */
  packageFiles(endpoints: readonly PackageEntry[], example: EndpointModel | undefined): Promise<EmittedFile[]>;
  runtimeFiles(sources: ReadonlyMap<string, string>): Promise<EmittedFile[]>;
  /** The model of an unchanged (so valid) spec, when its files or the README's example must be made again. */
  model(spec: SpecFile): EndpointModel;
}

/** Package-relative path and sha256 of a generated file. */
type FileDigest = [path: string, sha256: string];

interface CacheIndex {
  endpoints: Record<string, Omit<CachedEndpoint, "endpointId">>;
  /** The package-level files of the last package, under a key of what they are made from. */
  packageFiles?: { key: string; files: FileDigest[] };
  /** The compiled runtime's files, under a key of its sources. */
  runtimeFiles?: { key: string; files: FileDigest[] };
}

const GENERATOR_DIR = fileURLToPath(new URL("../", import.meta.url));
const OUTPUT_SHAPING_PACKAGES = ["openapi-typescript", "ts-morph", "typescript", "yaml", "oxc-transform"];
const INDEX_FILE = "index.json";
const FILE_HASHES_FILE = "file-hashes.json";
const TEMPLATES_FILE = "templates.json";
/**
 * How many printed templates are kept: a package's shapes of endpoint module are a handful (with
 * or without file inputs, ...), but `src/all.ts` has one per count of endpoints.
 */
const TEMPLATE_LIMIT = 64;

/** What the templates file holds: the templates of the generator it names, oldest first. */
interface StoredTemplates {
  generator: string;
  templates: [shape: string, template: string][];
}

/** Set by falgen's build (scripts/build.ts) to the hash of the sources it bundled; absent when running from sources. */
declare const FALGEN_SOURCES_HASH: string | undefined;

let fingerprint: string | undefined;

/** A hash of the generator's sources (the runtime is keyed by its own sources) and library versions. */
function generatorFingerprint(): string {
  if (fingerprint) return fingerprint;
  const hash = createHash("sha256");
  if (typeof FALGEN_SOURCES_HASH === "string") hash.update(FALGEN_SOURCES_HASH);
  else hashSources(hash);
  const require = createRequire(import.meta.url);
  for (const name of OUTPUT_SHAPING_PACKAGES) {
    try {
      hash.update(`${name}@${(require(`${name}/package.json`) as { version: string }).version}\0`);
    } catch {
      hash.update(`${name}@unknown\0`);
    }
  }
  fingerprint = hash.digest("hex");
  return fingerprint;
}

function hashSources(hash: Hash): void {
  const sources = readdirSync(GENERATOR_DIR, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !file.startsWith(path.join(GENERATOR_DIR, "runtime")))
    .sort();
  for (const file of sources) hash.update(path.relative(GENERATOR_DIR, file)).update("\0").update(readFileSync(file)).update("\0");
}

/**
 * The cache of one specs folder below `root` (a subfolder per folder, so pruning after a run
 * never drops the entries of another package generated in the same project); with `root` false,
 * a cache that knows nothing and keeps nothing, so a run makes everything.
 */
export function openCache(root: string | false, specsDir: string, pkg: PackageInfo): GenerationCache {
  const dir = root === false ? undefined : path.join(root, contentHash(path.resolve(specsDir)).slice(0, 16));
  // The package's name is in every endpoint's doc: a run under another name shares no entry.
  const generator = dir === undefined ? "" : contentHash(generatorFingerprint(), pkg.name, pkg.version);
  const index: CacheIndex = dir === undefined ? { endpoints: {} } : readIndex(path.join(dir, INDEX_FILE));
  const used: CacheIndex = { endpoints: {} };
  let added = false;
  // Asked for twice per spec (load's lookup, then the plan): made once.
  const keys = new WeakMap<SpecOrigin, string>();
  const keyOf = (spec: SpecOrigin) => {
    let key = keys.get(spec);
    if (key === undefined) keys.set(spec, (key = contentHash(generator, spec.sourcePath, spec.sha256)));
    return key;
  };
  const write = (file: string, contents: string) => {
    try {
      writeFileAtomic(file, contents);
    } catch {
      // an unwritable cache only costs speed
    }
  };
  const hasher = dir === undefined ? readingHasher : rememberingHasher(path.join(dir, FILE_HASHES_FILE));
  let templatesRead: StoredTemplates["templates"] | undefined;
  let templatesKept: StoredTemplates["templates"] | undefined;
  const printedTemplates = () => (templatesRead ??= dir === undefined ? [] : readTemplates(path.join(dir, TEMPLATES_FILE), generator));

  async function plan({ fresh, unchanged, runtime, kept = [] }: PlanEndpoints, make: Makers, each?: FileSink): Promise<PlannedTree> {
    const planned = new Map<string, PlannedFile>();
    const add = async (file: string, planning: PlannedFile) => {
      planned.set(file, planning);
      await each?.(file, planning);
    };
    const plan = async (files: readonly EmittedFile[]): Promise<FileDigest[]> => {
      const digests: FileDigest[] = [];
      for (const [file, contents] of files) {
        const planning = plannedFile(contents);
        await add(file, planning);
        digests.push([file, planning.sha256]);
      }
      return digests;
    };
    // Files made together: known by their hashes when the index has them, made now otherwise.
    const planSet = async (cached: FileDigest[] | undefined, made: () => Promise<{ files: readonly EmittedFile[] }>): Promise<FileDigest[]> => {
      if (!cached) return plan((await made()).files);
      for (const [file, sha256] of cached) await add(file, { sha256, contents: async () => contentsOf(await made(), file) });
      return cached;
    };

    for (const { spec, model } of fresh) {
      const files = await make.endpointFiles(model);
      added = true;
      const warnings = (spec.warnings ?? []).map(({ line, column, pointer, reason }) => ({ line, column, pointer, reason }));
      used.endpoints[keyOf(spec)] = { entry: packageEntry(model), files: await plan(files), ...(warnings.length > 0 ? { warnings } : {}) };
    }
    const models = new Map<SpecFile, () => EndpointModel>();
    for (const { spec, known } of unchanged) {
      const model = onceSync(() => make.model(spec));
      models.set(spec, model);
      await planSet(known.files, once(async () => ({ files: await make.endpointFiles(model()) })));
    }

    for (const { files } of kept) await plan(files);

    const endpoints = [
      ...fresh.map(({ spec, model }) => ({ entry: packageEntry(model), key: keyOf(spec), model: async () => model })),
      ...unchanged.map(({ spec, known }) => ({ entry: known.entry, key: keyOf(spec), model: async () => models.get(spec)!() })),
    ];
    const packageEntries = [...endpoints.map(({ entry }) => entry), ...kept.map(({ entry }) => entry)].sort((a, b) => compareNames(a.id, b.id));
    // The README shows an endpoint whose spec example is valid as given, when one has; never a kept one (its spec fails).
    endpoints.sort((a, b) => compareNames(a.entry.id, b.entry.id));
    const example = endpoints.find(({ entry }) => entry.inputExampleAsGiven) ?? endpoints[0];
    const packageKey = contentHash(generator, JSON.stringify(packageEntries), example?.key ?? "");
    const packageFiles = once(async () => ({ files: await make.packageFiles(packageEntries, await example?.model()) }));
    used.packageFiles = { key: packageKey, files: await planSet(index.packageFiles?.key === packageKey ? index.packageFiles.files : undefined, packageFiles) };

    const runtimeKey = contentHash(generator, ...[...runtime].flat());
    const runtimeFiles = once(async () => ({ files: await make.runtimeFiles(runtime) }));
    used.runtimeFiles = { key: runtimeKey, files: await planSet(index.runtimeFiles?.key === runtimeKey ? index.runtimeFiles.files : undefined, runtimeFiles) };
    return new Map([...planned].sort(([a], [b]) => compareNames(a, b)));
  }

  return {
    hasher,
    find(spec) {
      const key = keyOf(spec);
      const record = index.endpoints[key];
      if (!isIndexedEndpoint(record)) return undefined;
      used.endpoints[key] = record;
      return { endpointId: record.entry.id, ...record };
    },
    plan,
    printedTemplates,
    keepPrintedTemplates(templates) {
      const kept = [...templates].slice(-TEMPLATE_LIMIT);
      const read = printedTemplates();
      if (kept.length !== read.length || kept.some(([shape], index) => shape !== read[index]![0])) templatesKept = kept;
    },
    save({ prune }) {
      if (dir === undefined) return;
      if (templatesKept) write(path.join(dir, TEMPLATES_FILE), JSON.stringify({ generator, templates: templatesKept } satisfies StoredTemplates));
      const changed =
        added ||
        (used.packageFiles !== undefined && used.packageFiles.key !== index.packageFiles?.key) ||
        (used.runtimeFiles !== undefined && used.runtimeFiles.key !== index.runtimeFiles?.key) ||
        (prune && Object.keys(used.endpoints).length !== Object.keys(index.endpoints).length);
      const saved: CacheIndex = prune ? used : { ...index, ...used, endpoints: { ...index.endpoints, ...used.endpoints } };
      if (changed) write(path.join(dir, INDEX_FILE), JSON.stringify(saved));
      hasher.save();
      if (!prune) return;
      let names: string[] = [];
      try {
        names = readdirSync(dir);
      } catch {
        return;
      }
      // Anything else in the folder (entries of earlier versions of falgen) is not the cache's any more.
      for (const name of names) if (name !== INDEX_FILE && name !== FILE_HASHES_FILE && name !== TEMPLATES_FILE) rmSync(path.join(dir, name), { force: true });
    },
  };
}

function readIndex(file: string): CacheIndex {
  try {
    const index = JSON.parse(readFileSync(file, "utf8")) as CacheIndex;
    if (index !== null && typeof index === "object" && index.endpoints !== null && typeof index.endpoints === "object") return index;
  } catch {
    // missing or unreadable: an empty index
  }
  return { endpoints: {} };
}

/** The templates stored for `generator`; none when the file is missing, damaged, or of another generator. */
function readTemplates(file: string, generator: string): StoredTemplates["templates"] {
  try {
    const stored = JSON.parse(readFileSync(file, "utf8")) as StoredTemplates;
    if (stored?.generator === generator && Array.isArray(stored.templates) && stored.templates.every((entry) => Array.isArray(entry) && entry.length === 2 && entry.every((part) => typeof part === "string"))) return stored.templates;
  } catch {
    // missing or unreadable: none
  }
  return [];
}

/** A record written by another version of falgen, or damaged, is not used. */
function isIndexedEndpoint(record: unknown): record is Omit<CachedEndpoint, "endpointId"> {
  const candidate = record as CachedEndpoint | undefined;
  return typeof candidate?.entry?.id === "string" && Array.isArray(candidate.files);
}

function contentsOf({ files }: { files: readonly EmittedFile[] }, file: string): string {
  const found = files.find(([name]) => name === file);
  if (!found) throw new Error(`falgen's cache is inconsistent: ${file} is indexed but not made from its spec; run again with --no-cache`);
  return found[1];
}

/** Runs `make` on the first call only; later calls get its result. */
function onceSync<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/** Runs `make` on the first call only; later calls share its promise. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}
