import { existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { packageNameProblem, packageVersionProblem } from "./emit/package-info.js";
import { fileProblem, formatPlace, InputError } from "./errors.js";
import { JsonSyntaxError, parseJsonText } from "./shared/json-text.js";

/** What a project's `falgen.config.{ts,mjs,json}` says; every field is optional and every flag overrides it. */
export interface FalgenConfig {
  /** The folder of specs, one OpenAPI document per endpoint (default `specs`). */
  specs?: string;
  /** The folder the package is generated into (default `generated`). */
  out?: string;
  /** The generated package's npm name (default `@falgen/models`), e.g. `@acme/fal`. */
  name?: string;
  /** The generated package's version (default `0.1.0`). */
  version?: string;
  /** Globs over endpoint ids that pick the specs to generate, e.g. `["fal-ai/flux/**"]` (default: every spec). */
  endpoints?: string[];
}

/**
 * Types a config file's contents; returns them unchanged.
 * @example
 * // falgen.config.ts
 * import { defineConfig } from "falgen";
 * export default defineConfig({ specs: "specs", out: "packages/fal", name: "@acme/fal" });
 */
export function defineConfig(config: FalgenConfig): FalgenConfig {
  return config;
}

/** The names a config file may have, in the order they are looked for. */
export const CONFIG_FILES = ["falgen.config.ts", "falgen.config.mts", "falgen.config.mjs", "falgen.config.js", "falgen.config.json"] as const;

/** A loaded config: its values with paths resolved against the file's folder, and the file (absent when none was found). */
export interface LoadedConfig {
  config: FalgenConfig;
  file?: string;
}

/**
 * Finds and loads the project's config: `file` when given, else the one of {@link CONFIG_FILES}
 * in `cwd` (two of them there is an error: one would be ignored). TypeScript and ESM configs are loaded with jiti (no build step, no tsconfig needed);
 * `specs` and `out` are resolved against the config file's folder.
 * @throws {InputError} when `file` does not exist, `cwd` holds two configs, the file does not load,
 * or a value has the wrong type.
 */
export async function loadConfig(options: { cwd?: string; file?: string } = {}): Promise<LoadedConfig> {
  const cwd = options.cwd ?? process.cwd();
  const found = CONFIG_FILES.filter((name) => existsSync(path.join(cwd, name)));
  // Two configs in one folder: whichever falgen took, the other would be silently ignored.
  if (!options.file && found.length > 1) throw new InputError(`config files ${found.join(" and ")} are both in ${cwd}: keep one, or pick one with --config`);
  const file = options.file ? path.resolve(cwd, options.file) : found[0] && path.join(cwd, found[0]);
  if (!file) return { config: {} };
  const shown = path.relative(cwd, file) || file;
  if (!existsSync(file)) throw new InputError(`config file ${shown}: no such file`);
  if (statSync(file).isDirectory()) throw new InputError(`config file ${shown}: a folder, not a file`);
  const loaded = file.toLowerCase().endsWith(".json") ? await jsonConfig(file, shown) : await scriptConfig(file, shown);
  const config = checkConfig(exportedFields(defaultExport(loaded, file, shown), file, shown), shown);
  const dir = path.dirname(file);
  const relative = (value: string) => path.relative(cwd, path.resolve(dir, value)) || ".";
  return {
    file,
    config: {
      ...config,
      ...(config.specs !== undefined ? { specs: relative(config.specs) } : {}),
      ...(config.out !== undefined ? { out: relative(config.out) } : {}),
    },
  };
}

const STRING_FIELDS = ["specs", "out", "name", "version"] as const;

/** The config's values, or an InputError naming the file and the first field that is wrong. */
function checkConfig(value: unknown, file: string): FalgenConfig {
  const wrong = (reason: string) => new InputError(`config file ${file}: ${reason}`);
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw wrong(`must export an object (export default defineConfig({ ... })), found ${value === null ? "null" : Array.isArray(value) ? "an array" : typeof value}`);
  const config = value as Record<string, unknown>;
  const known = new Set<string>([...STRING_FIELDS, "endpoints"]);
  for (const key of Object.keys(config)) {
    if (!known.has(key)) throw wrong(`unknown field "${key}" (known: ${[...known].join(", ")})`);
  }
  for (const key of STRING_FIELDS) {
    if (config[key] !== undefined && (typeof config[key] !== "string" || config[key] === "")) throw wrong(`"${key}" must be a non-empty string, found ${JSON.stringify(config[key])}`);
  }
  const { endpoints, name, version } = config;
  if (endpoints !== undefined && (!Array.isArray(endpoints) || endpoints.some((glob) => typeof glob !== "string" || glob === ""))) {
    throw wrong(`"endpoints" must be an array of globs over endpoint ids, e.g. ["fal-ai/flux/**"], found ${JSON.stringify(endpoints)}`);
  }
  const problem = (typeof name === "string" && packageNameProblem(name)) || (typeof version === "string" && packageVersionProblem(version));
  if (problem) throw wrong(problem);
  return config as FalgenConfig;
}

/**
 * What a config file exports: a JSON file's value; an ES module's (or TypeScript's) default
 * export; a CommonJS `.js` file's `module.exports`.
 */
function defaultExport(loaded: unknown, file: string, shown: string): unknown {
  if (file.toLowerCase().endsWith(".json")) return loaded;
  if (loaded !== null && typeof loaded === "object" && "default" in loaded) return loaded.default;
  if (file.toLowerCase().endsWith(".js")) return loaded;
  throw new InputError(`config file ${shown}: has no default export; write export default defineConfig({ ... })`);
}

/** A TypeScript or JavaScript config's module, loaded with jiti; a failure is placed at its `file:line:column` where jiti says. */
async function scriptConfig(file: string, shown: string): Promise<unknown> {
  try {
    // Loaded only when a project has a config, so runs without one never pay for it. Required, not
    // import()ed: the bin compiles dist/cli.cjs through V8's code cache on Node 20
    // (bin/code-cache.cjs), where a module so compiled cannot call import().
    const { createJiti } = createRequire(import.meta.url)("jiti") as typeof import("jiti");
    // Transforms are cached in node_modules/.cache/jiti by content; modules are read fresh each load.
    // No default interop: jiti's fails on `export default null` with a TypeError of its own.
    const jiti = createJiti(pathToFileURL(file).href, { moduleCache: false, interopDefault: false });
    return await jiti.import(file);
  } catch (error) {
    throw loadFailure(error, file, shown);
  }
}

/** A JSON config's value; a syntax error is placed at its `file:line:column`, as a script config's is. */
async function jsonConfig(file: string, shown: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new InputError(`config file ${shown}: cannot read it (${fileProblem(error)})`);
  }
  try {
    // A BOM is no syntax error: editors on Windows write one.
    return parseJsonText(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    throw new InputError(`config file ${formatPlace(shown, error.line, error.column)}: cannot load it: invalid JSON: ${error.reason}`);
  }
}

/**
 * The exported object's own fields, read here so that one that throws when read (a getter, a
 * Proxy) is a config that does not load, placed where it threw; not an error of falgen's.
 */
function exportedFields(value: unknown, file: string, shown: string): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  try {
    return Object.fromEntries(Object.keys(value).map((key) => [key, (value as Record<string, unknown>)[key]]));
  } catch (error) {
    throw loadFailure(error, file, shown);
  }
}

/**
 * A config that does not load, as one line at its place (`file:line:column`), so an editor can
 * jump to it: a syntax error's place, which jiti puts on a line of the message of its own, else
 * the first frame of the error's stack that is in the config file (where it threw).
 */
function loadFailure(thrown: unknown, file: string, shown: string): InputError {
  const message = thrown instanceof Error ? String(thrown.message) : String(thrown);
  const lines = message.split("\n").map((line) => line.trim()).filter((line) => line !== "");
  const match = lines.map((line) => /:(\d+):(\d+)$/.exec(line)).find((found) => found !== null);
  const place = match ? { line: Number(match[1]), column: Number(match[2]) } : thrown instanceof Error ? stackPlace(thrown, file) : undefined;
  const reason = (lines.find((line) => !/:(\d+):(\d+)$/.test(line)) ?? message).replace(`${file}: `, "");
  return new InputError(`config file ${place ? formatPlace(shown, place.line, place.column) : shown}: cannot load it: ${reason}`);
}

/** The line and column of the first frame of `error`'s stack in `file` (V8's `at fn (path:line:column)`, the path also as a file: URL). */
function stackPlace(error: Error, file: string): { line: number; column: number } | undefined {
  let stack: unknown;
  try {
    stack = error.stack;
  } catch {
    return undefined; // a stack getter of the config's own that throws
  }
  if (typeof stack !== "string") return undefined;
  for (const frame of stack.split("\n")) {
    const found = /^\s*at (?:.*\()?(.+?):(\d+):(\d+)\)?$/.exec(frame);
    if (!found) continue;
    let where = found[1]!;
    try {
      if (where.startsWith("file://")) where = fileURLToPath(where);
    } catch {
      continue;
    }
    if (path.resolve(where) === path.resolve(file)) return { line: Number(found[2]), column: Number(found[3]) };
  }
  return undefined;
}
