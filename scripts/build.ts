/**
 * `npm run build` (run by prepack and prepare): falgen as it ships, in dist/.
 *   dist/cli.cjs      the `falgen` command (bin/falgen.js loads it)
 *   dist/index.js     the programmatic API (`import { generate } from "falgen"`), ESM, lazy chunks beside it
 *   dist/types/       its declarations, with TSDoc
 *   dist/runtime/     the runtime sources the generator copies into every package
 *   dist/write/write-thread.js  the thread that writes a package's files while the generator emits them
 * Bundled with esbuild: one file loads in a few milliseconds where Node would resolve hundreds of
 * modules; TypeScript and ts-morph stay in node_modules (large, and served by V8's compile cache).
 * Built beside dist/ and swapped in, so a falgen running meanwhile never sees half a build.
 */
import { execFile } from "node:child_process";
import { cp, mkdir, readdir, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { build, type Plugin } from "esbuild";
import { contentHash } from "../generator/shared/content-hash.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const SOURCES = path.join(ROOT, "generator");
const DIST = path.join(ROOT, "dist");
/** Loaded from node_modules, not bundled: large, lazily required, and served by the compile cache (jiti: only for a config file; oxc-transform: native code). */
const EXTERNAL = ["typescript", "ts-morph", "jiti", "oxc-transform"];

async function buildFalgen(): Promise<void> {
  const staging = `${DIST}.${process.pid}.tmp`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    // FALGEN_WRITE_THREAD: the writing thread's bundle, relative to generator/write/tree-writer.ts's place in dist/.
    const define = { FALGEN_SOURCES_HASH: JSON.stringify(await sourcesHash()), FALGEN_WRITE_THREAD: JSON.stringify("./write-thread.js") };
    const common = { bundle: true, platform: "node", target: "node20", external: EXTERNAL, define, logLevel: "warning", legalComments: "none" } as const;
    await build({
      ...common,
      entryPoints: [path.join(SOURCES, "cli.ts")],
      outfile: path.join(staging, "cli.cjs"),
      format: "cjs",
      banner: { js: `const ${CJS_BUNDLE_URL} = require("node:url").pathToFileURL(__filename).href;` },
      plugins: plugins("cjs"),
    });
    await build({
      ...common,
      entryPoints: [path.join(SOURCES, "index.ts")],
      outdir: staging,
      format: "esm",
      // The emitters (ts-morph, TypeScript) go into a chunk loaded on first use, not with the API.
      splitting: true,
      chunkNames: "chunk-[hash]",
      banner: { js: 'import { createRequire as __falgenRequire } from "node:module"; const require = __falgenRequire(import.meta.url);' },
      plugins: plugins("esm"),
    });
    // Its own small bundle (node:fs and the file writes alone): a thread started from it is writing within milliseconds.
    await build({
      ...common,
      entryPoints: [path.join(SOURCES, "write/write-thread.ts")],
      outfile: path.join(staging, "write/write-thread.js"),
      format: "esm",
      plugins: plugins("esm"),
    });
    await cp(path.join(SOURCES, "runtime"), path.join(staging, "runtime"), { recursive: true });
    await declarations(path.join(staging, "types"));
    await rm(`${DIST}.old`, { recursive: true, force: true });
    await rename(DIST, `${DIST}.old`).catch(() => undefined);
    await rename(staging, DIST);
    await rm(`${DIST}.old`, { recursive: true, force: true });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/** What the cache of generated files is keyed by in a build: every source bundled. */
async function sourcesHash(): Promise<string> {
  const files = (await readdir(SOURCES, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  const parts: (string | Uint8Array)[] = [];
  for (const file of files) parts.push(path.relative(SOURCES, file), await readFile(file));
  parts.push(await readFile(path.join(ROOT, "package-lock.json")));
  return contentHash(...parts);
}

/** `.d.ts` files for the API entry, with TSDoc, from tsconfig.build.json. */
async function declarations(outDir: string): Promise<void> {
  const tsc = path.join(ROOT, "node_modules/typescript/bin/tsc");
  try {
    await promisify(execFile)(process.execPath, [tsc, "-p", path.join(ROOT, "tsconfig.build.json"), "--outDir", outDir], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    throw new Error(`declarations failed:\n${(error as { stdout?: string }).stdout ?? (error as Error).message}`);
  }
}

/** The CommonJS bundle's own URL, set once at its top (a module's own `require` could shadow a call in place). */
const CJS_BUNDLE_URL = "__falgenBundleUrl";

function plugins(format: "cjs" | "esm"): Plugin[] {
  return [sourceLocations(format), unusedLibraryEntries, sharedTypeScript, lazyModules];
}

/**
 * Each module keeps a location of its own: `import.meta.url` becomes the module's path below dist/
 * (generator/pipeline.ts -> dist/pipeline.ts), so `new URL("./runtime/", import.meta.url)` finds
 * dist/runtime/ wherever the package is installed.
 */
function sourceLocations(format: "cjs" | "esm"): Plugin {
  const bundleUrl = format === "cjs" ? CJS_BUNDLE_URL : "import.meta.url";
  return {
    name: "source-locations",
    setup(builder) {
      builder.onLoad({ filter: /\.ts$/ }, async (args) => {
        const source = await readFile(args.path, "utf8");
        if (!args.path.startsWith(SOURCES + path.sep)) return { contents: source, loader: "ts" };
        const relative = path.relative(SOURCES, args.path).split(path.sep).join("/");
        return { contents: source.replaceAll("import.meta.url", `new URL(${JSON.stringify(relative)}, ${bundleUrl}).href`), loader: "ts" };
      });
    },
  };
}

/**
 * openapi-typescript's entry imports all of Redocly (a megabyte: its bundler and linter) for
 * functions falgen never calls; marked free of side effects, it is left out unless used.
 */
const unusedLibraryEntries: Plugin = {
  name: "unused-library-entries",
  setup(builder) {
    builder.onResolve({ filter: /^@redocly\/openapi-core$/ }, async (args) => {
      if (args.pluginData?.resolving) return undefined;
      const resolved = await builder.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { resolving: true } });
      return { ...resolved, sideEffects: false };
    });
  },
};

/**
 * Modules that a library falgen bundles loads as it starts but calls only for what falgen never
 * does: Redocly's proxy agent (for fetching remote documents; openapi-typescript's emitters load
 * Redocly's ref helpers, whose module requires it), which loads node:http, https, tls and assert
 * (about 20 of Node's modules, tens of ms of a regeneration). Each is loaded on first use instead:
 * what the library gets is the module's exports, read through when first touched.
 */
const LAZY_MODULES = /^https-proxy-agent$/;

const lazyModules: Plugin = {
  name: "lazy-modules",
  setup(builder) {
    builder.onResolve({ filter: LAZY_MODULES }, (args) => (args.namespace === "lazy-module" ? undefined : { path: args.path, namespace: "lazy-module", pluginData: { resolveDir: args.resolveDir } }));
    builder.onLoad({ filter: /.*/, namespace: "lazy-module" }, (args) => ({
      contents: `let loaded;\nmodule.exports = new Proxy({}, { get: (_, key) => (loaded ??= require(${JSON.stringify(args.path)}))[key], has: (_, key) => key in (loaded ??= require(${JSON.stringify(args.path)})) });`,
      resolveDir: (args.pluginData as { resolveDir: string }).resolveDir,
      loader: "js",
    }));
  },
};

/**
 * Every `import ts from "typescript"` (fifteen of them, mostly in openapi-typescript, and the
 * types emitter's) gets the TypeScript that ts-morph ships (the module its `ts` is): one copy of
 * TypeScript loaded per run instead of two, which was most of a one-spec regeneration's time.
 * (Their syntax kinds are the same; the generated output is the same.) That module itself, not
 * ts-morph's `ts`, so that a run printing no new shape of module (emit/print-statements.ts)
 * loads TypeScript without ts-morph. One default export, too: esbuild would otherwise copy
 * TypeScript's thousands of exports into a fresh namespace object per importing module.
 */
const TYPESCRIPT_OF_TS_MORPH = `// As ts-morph finds it (its @ts-morph/common may be installed below it).
export default require("node:module").createRequire(require.resolve("ts-morph"))("@ts-morph/common/dist/typescript.js");`;

const sharedTypeScript: Plugin = {
  name: "shared-typescript",
  setup(builder) {
    builder.onResolve({ filter: /^typescript$/ }, () => ({ path: "typescript", namespace: "shared-typescript" }));
    builder.onLoad({ filter: /.*/, namespace: "shared-typescript" }, () => ({ contents: TYPESCRIPT_OF_TS_MORPH, loader: "js", resolveDir: ROOT }));
  },
};

await buildFalgen();
