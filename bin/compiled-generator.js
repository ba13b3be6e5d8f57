// The generator compiled to one CommonJS file, built by esbuild from generator/ and kept in
// node_modules/.cache/falgen/bin under a key of its sources' paths, sizes and modification times
// (a rebuild takes a fraction of a second; transforming each source through tsx cost a second on
// every run). CommonJS, so TypeScript and ts-morph load through require(), which V8's compile
// cache serves, rather than import(), which first scans their 9 MB for export names.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const SOURCES = path.join(ROOT, "generator");
const CACHE = path.join(ROOT, "node_modules/.cache/falgen/bin");
/**
 * Loaded by require() from node_modules, not bundled: large, and served by the compile cache;
 * oxc-transform's native binding for the platform (a .node file) is picked at run time.
 */
const EXTERNAL = ["typescript", "ts-morph", "@oxc-transform/*"];

/** The path of the compiled generator for the current sources, building it first if needed. */
export async function compiledGenerator() {
  const file = path.join(CACHE, `cli-${sourcesKey()}.cjs`);
  if (!existsSync(file)) await build(file);
  return file;
}

function sourcesKey() {
  const hash = createHash("sha256").update(ROOT);
  const sources = readdirSync(SOURCES, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  // The lock file stands for the versions of everything bundled.
  for (const file of [...sources, path.join(ROOT, "package-lock.json"), fileURLToPath(import.meta.url)]) {
    const { size, mtimeMs } = statSync(file);
    hash.update(`${path.relative(ROOT, file)}\0${size}\0${mtimeMs}\0`);
  }
  return hash.digest("hex").slice(0, 16);
}

async function build(file) {
  const { build: bundle } = await import("esbuild");
  mkdirSync(CACHE, { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  await bundle({
    entryPoints: [path.join(SOURCES, "cli.ts")],
    outfile: partial,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    external: EXTERNAL,
    plugins: [sourceLocations, unusedLibraryEntries, sharedTypeScript],
    logLevel: "error",
  });
  // Rename: a concurrent run never loads half a file. Then drop builds of older sources.
  renameSync(partial, file);
  for (const name of readdirSync(CACHE)) if (name !== path.basename(file) && !name.endsWith(".tmp")) rmSync(path.join(CACHE, name), { force: true });
}

/**
 * Each module keeps its own `import.meta.url` (the generator finds its runtime and sources by it,
 * oxc-transform its native binding), which a single CommonJS file would otherwise lose.
 */
const sourceLocations = {
  name: "source-locations",
  setup(build) {
    build.onLoad({ filter: /(\.ts|[\\/]oxc-transform[\\/]index\.js)$/ }, async (args) => {
      const { readFile } = await import("node:fs/promises");
      const source = await readFile(args.path, "utf8");
      return { contents: source.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)), loader: args.path.endsWith(".ts") ? "ts" : "js" };
    });
  },
};

/**
 * openapi-typescript's entry imports all of Redocly (a megabyte: its bundler and linter) for
 * functions falgen never calls; marked free of side effects, it is left out unless used.
 */
const unusedLibraryEntries = {
  name: "unused-library-entries",
  setup(build) {
    build.onResolve({ filter: /^@redocly\/openapi-core$/ }, async (args) => {
      if (args.pluginData?.resolving) return undefined;
      const resolved = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { resolving: true } });
      return { ...resolved, sideEffects: false };
    });
  },
};

/**
 * Every \`import ts from "typescript"\` (fifteen of them, mostly in openapi-typescript) shares one
 * default export: esbuild would otherwise copy TypeScript's thousands of exports into a fresh
 * namespace object per importing module.
 */
const sharedTypeScript = {
  name: "shared-typescript",
  setup(build) {
    build.onResolve({ filter: /^typescript$/ }, (args) => (args.namespace === "shared-typescript" ? { path: "typescript", external: true } : { path: "typescript", namespace: "shared-typescript" }));
    build.onLoad({ filter: /.*/, namespace: "shared-typescript" }, () => ({ contents: 'export default require("typescript");', loader: "js", resolveDir: ROOT }));
  },
};
