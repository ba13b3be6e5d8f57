import { createHash, type Hash } from "node:crypto";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { contentHash } from "../content-hash.js";
import { writeCacheFile } from "./cache-file.js";
import { rememberingHasher, type FileHasher } from "./file-hashes.js";
import type { EmittedFile } from "../emit/emit-all.js";
import type { PackageInfo } from "../emit/package-info.js";
import type { SpecFile } from "../load/load-specs.js";
import { packageEntry, type EndpointModel, type PackageEntry } from "../model/endpoint-model.js";

/**
 * Per-spec cache of the model and emitted files, so regenerating after one spec changed redoes
 * one endpoint. An entry is keyed by the spec's bytes and path and by a fingerprint of the
 * generator itself (its sources and the versions of the libraries that shape its output): any
 * change to either misses. Beside the entries, one index holds what a run needs of every
 * unchanged endpoint without reading its entry: its package entry and its files' hashes, and the
 * hashes of the package-level files. The cache only ever speeds a run up; a broken or unwritable
 * cache is ignored.
 */

/** A cache entry: all of an endpoint's emitted output. */
export interface CachedEndpoint {
  model: EndpointModel;
  files: EmittedFile[];
}

/** Package-relative path and sha256 of a generated file. */
export type FileDigest = [path: string, sha256: string];

/** What the index holds of an unchanged endpoint. */
export interface IndexedEndpoint {
  entry: PackageEntry;
  files: FileDigest[];
}

interface CacheIndex {
  endpoints: Record<string, IndexedEndpoint>;
  /** The package-level files of the last package, under a key of what they are made from. */
  packageFiles?: { key: string; files: FileDigest[] };
  /** The compiled runtime's files, under a key of its sources. */
  runtimeFiles?: { key: string; files: FileDigest[] };
}

export interface EmitCache {
  /** Hashes of spec and output files, remembered between runs. */
  files: FileHasher;
  /** The index's record of this spec, when the spec and the generator are unchanged. */
  find(spec: SpecFile): IndexedEndpoint | undefined;
  /** The whole entry of an unchanged spec, when it can be read. */
  read(spec: SpecFile): CachedEndpoint | undefined;
  put(spec: SpecFile, entry: CachedEndpoint, digests: FileDigest[]): void;
  /**
   * The hashes of the package-level files made from these endpoints, with the README's example
   * from `exampleSpec`: what they are made from, so a change to an endpoint's schemas or docs
   * alone leaves them as they were.
   */
  findPackageFiles(endpoints: readonly PackageEntry[], exampleSpec: SpecFile | undefined): FileDigest[] | undefined;
  putPackageFiles(endpoints: readonly PackageEntry[], exampleSpec: SpecFile | undefined, digests: FileDigest[]): void;
  /** The hashes of the runtime's files compiled from these sources (file name -> TypeScript), so a run need not compile it. */
  findRuntimeFiles(sources: ReadonlyMap<string, string>): FileDigest[] | undefined;
  putRuntimeFiles(sources: ReadonlyMap<string, string>, digests: FileDigest[]): void;
  /**
   * Writes the index. `prune` keeps only what this run used and removes every other entry, so the
   * cache does not grow without bound; without it, earlier records are kept too.
   */
  save(options: { prune: boolean }): void;
}

const GENERATOR_DIR = fileURLToPath(new URL("../", import.meta.url));
const OUTPUT_SHAPING_PACKAGES = ["openapi-typescript", "ts-morph", "typescript", "yaml"];
const INDEX_FILE = "index.json";
const FILE_HASHES_FILE = "file-hashes.json";

let fingerprint: string | undefined;

/** Set by falgen's build (scripts/build.ts) to the hash of the sources it bundled; absent when running from sources. */
declare const FALGEN_SOURCES_HASH: string | undefined;

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
 * The cache of one specs folder: a subfolder of `root` per folder, so pruning after a run never
 * drops the entries of another package generated in the same project.
 */
export function openEmitCache(root: string, specsDir: string, pkg: PackageInfo): EmitCache {
  const dir = path.join(root, contentHash(path.resolve(specsDir)).slice(0, 16));
  // The package's name is in every endpoint's doc: a run under another name shares no entry.
  const generator = contentHash(generatorFingerprint(), pkg.name, pkg.version);
  const index = readIndex(path.join(dir, INDEX_FILE));
  const used: CacheIndex = { endpoints: {} };
  let added = false;
  const keys = new WeakMap<SpecFile, string>();
  const keyOf = (spec: SpecFile) => {
    let key = keys.get(spec);
    if (!key) {
      key = contentHash(generator, spec.sourcePath, spec.sha256);
      keys.set(spec, key);
    }
    return key;
  };
  const packageKeyOf = (endpoints: readonly PackageEntry[], exampleSpec: SpecFile | undefined) =>
    contentHash(generator, JSON.stringify(endpoints), exampleSpec ? keyOf(exampleSpec) : "");
  const runtimeKeyOf = (sources: ReadonlyMap<string, string>) => contentHash(generator, ...[...sources].flat());
  const fileOf = (key: string) => path.join(dir, `${key}.json`);
  const files = rememberingHasher(path.join(dir, FILE_HASHES_FILE));
  return {
    files,
    find(spec) {
      const record = index.endpoints[keyOf(spec)];
      if (!isIndexedEndpoint(record)) return undefined;
      used.endpoints[keyOf(spec)] = record;
      return record;
    },
    read(spec) {
      try {
        const entry = JSON.parse(readFileSync(fileOf(keyOf(spec)), "utf8")) as CachedEndpoint;
        // Messages name the spec as this run sees it (the working directory may differ).
        return { ...entry, model: { ...entry.model, file: spec.file } };
      } catch {
        return undefined;
      }
    },
    put(spec, entry, digests) {
      writeCacheFile(fileOf(keyOf(spec)), JSON.stringify(entry));
      added = true;
      used.endpoints[keyOf(spec)] = { entry: packageEntry(entry.model), files: digests };
    },
    findPackageFiles(endpoints, exampleSpec) {
      const key = packageKeyOf(endpoints, exampleSpec);
      if (index.packageFiles?.key !== key || !Array.isArray(index.packageFiles.files)) return undefined;
      used.packageFiles = index.packageFiles;
      return index.packageFiles.files;
    },
    putPackageFiles(endpoints, exampleSpec, digests) {
      used.packageFiles = { key: packageKeyOf(endpoints, exampleSpec), files: digests };
      added = true;
    },
    findRuntimeFiles(sources) {
      if (index.runtimeFiles?.key !== runtimeKeyOf(sources) || !Array.isArray(index.runtimeFiles.files)) return undefined;
      used.runtimeFiles = index.runtimeFiles;
      return index.runtimeFiles.files;
    },
    putRuntimeFiles(sources, digests) {
      used.runtimeFiles = { key: runtimeKeyOf(sources), files: digests };
      added = true;
    },
    save({ prune }) {
      const packageFiles = used.packageFiles ?? index.packageFiles;
      const runtimeFiles = used.runtimeFiles ?? index.runtimeFiles;
      const saved: CacheIndex = prune
        ? used
        : { endpoints: { ...index.endpoints, ...used.endpoints }, ...(packageFiles ? { packageFiles } : {}), ...(runtimeFiles ? { runtimeFiles } : {}) };
      const sameAsRead =
        !added &&
        (!prune ||
          (Object.keys(used.endpoints).length === Object.keys(index.endpoints).length && used.packageFiles === index.packageFiles && used.runtimeFiles === index.runtimeFiles));
      if (!sameAsRead) writeCacheFile(path.join(dir, INDEX_FILE), JSON.stringify(saved));
      files.save();
      if (!prune) return;
      let names: string[] = [];
      try {
        names = readdirSync(dir);
      } catch {
        return;
      }
      for (const name of names) {
        if (name !== INDEX_FILE && name !== FILE_HASHES_FILE && !Object.hasOwn(used.endpoints, name.replace(/\.json$/, ""))) rmSync(path.join(dir, name), { force: true });
      }
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

/** A record written by another version of falgen, or damaged, is not used. */
function isIndexedEndpoint(record: unknown): record is IndexedEndpoint {
  const candidate = record as IndexedEndpoint | undefined;
  return typeof candidate?.entry?.id === "string" && Array.isArray(candidate.files);
}
