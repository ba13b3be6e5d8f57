import { createHash } from "node:crypto";
import { mkdir, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { SpecFile } from "../load/load-specs.js";
import type { EndpointModel } from "../model/endpoint-model.js";

/**
 * Per-spec cache of the model and emitted files, so regenerating after one spec changed redoes
 * one endpoint. An entry is keyed by the spec's bytes and path and by a fingerprint of the
 * generator itself (its sources and the versions of the libraries that shape its output): any
 * change to either misses. The cache only ever speeds a run up; a broken or unwritable cache
 * is ignored.
 */

export interface CachedEndpoint {
  model: EndpointModel;
  files: [string, string][];
}

export interface EmitCache {
  get(spec: SpecFile): Promise<CachedEndpoint | undefined>;
  put(spec: SpecFile, entry: CachedEndpoint): Promise<void>;
  /** Removes entries no spec of this run used, so the cache does not grow without bound. */
  prune(): Promise<void>;
}

const GENERATOR_DIR = fileURLToPath(new URL("../", import.meta.url));
const OUTPUT_SHAPING_PACKAGES = ["openapi-typescript", "ts-morph", "typescript", "yaml"];

let fingerprint: Promise<string> | undefined;

/** A hash of the generator's sources (the runtime is copied fresh every run) and library versions. */
function generatorFingerprint(): Promise<string> {
  fingerprint ??= (async () => {
    const hash = createHash("sha256");
    const entries = await readdir(GENERATOR_DIR, { recursive: true, withFileTypes: true });
    const sources = entries
      .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
      .map((entry) => path.join(entry.parentPath, entry.name))
      .filter((file) => !file.startsWith(path.join(GENERATOR_DIR, "runtime")))
      .sort();
    for (const file of sources) hash.update(path.relative(GENERATOR_DIR, file)).update("\0").update(await readFile(file)).update("\0");
    const require = createRequire(import.meta.url);
    for (const name of OUTPUT_SHAPING_PACKAGES) {
      try {
        hash.update(`${name}@${(require(`${name}/package.json`) as { version: string }).version}\0`);
      } catch {
        hash.update(`${name}@unknown\0`);
      }
    }
    return hash.digest("hex");
  })();
  return fingerprint;
}

/**
 * The cache of one specs folder: a subfolder of `root` per folder, so pruning after a run never
 * drops the entries of another package generated in the same project.
 */
export async function openEmitCache(root: string, specsDir: string): Promise<EmitCache> {
  const dir = path.join(root, createHash("sha256").update(path.resolve(specsDir)).digest("hex").slice(0, 16));
  const generator = await generatorFingerprint();
  const used = new Set<string>();
  const keyOf = (spec: SpecFile) => createHash("sha256").update(generator).update("\0").update(spec.sourcePath).update("\0").update(spec.bytes).digest("hex");
  const fileOf = (key: string) => path.join(dir, `${key}.json`);
  return {
    async get(spec) {
      const key = keyOf(spec);
      used.add(key);
      try {
        const entry = JSON.parse(await readFile(fileOf(key), "utf8")) as CachedEndpoint;
        // Messages name the spec as this run sees it (the working directory may differ).
        return { ...entry, model: { ...entry.model, file: spec.file } };
      } catch {
        return undefined;
      }
    },
    async put(spec, entry) {
      const key = keyOf(spec);
      used.add(key);
      try {
        await mkdir(dir, { recursive: true });
        // Write then rename: a reader never sees half an entry.
        const partial = `${fileOf(key)}.${process.pid}.tmp`;
        await writeFile(partial, JSON.stringify(entry));
        await rename(partial, fileOf(key));
      } catch {
        // A cache that cannot be written only costs speed.
      }
    },
    async prune() {
      const names = await readdir(dir).catch(() => [] as string[]);
      await Promise.all(names.filter((name) => !used.has(name.replace(/\.json$/, ""))).map((name) => rm(path.join(dir, name), { force: true })));
    },
  };
}
