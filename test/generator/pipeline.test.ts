import { cp, mkdir, readFile, readdir, rename, writeFile } from "node:fs/promises";
import { getEventListeners } from "node:events";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { listTree, MANIFEST_FILE } from "../../generator/write/output-tree.js";
import { runFalgen } from "../helpers/run.js";
import { falSpec } from "../helpers/spec-factory.js";
import { REPO_ROOT, SHARED_FIXTURES, tempDir } from "../helpers/temp-dir.js";

/** Every file of a folder with its bytes, for byte-for-byte comparisons. */
async function snapshotTree(dir: string): Promise<Map<string, string>> {
  const files = await readdir(dir, { recursive: true, withFileTypes: true });
  const entries = await Promise.all(
    files.filter((entry) => entry.isFile()).map(async (entry) => {
      const file = path.join(entry.parentPath, entry.name);
      return [path.relative(dir, file), (await readFile(file)).toString("base64")] as const;
    }),
  );
  return new Map(entries.sort());
}

const VALID_FIXTURES = ["fal-ai__flux__dev.json", "fal-ai__whisper.json", "tripo3d__tripo__v2.5__image-to-3d.json"];

describe("the generate pipeline", () => {
  let specs: string;
  let out: string;
  beforeAll(async () => {
    specs = await tempDir("specs");
    out = path.join(await tempDir("out"), "generated");
    for (const name of VALID_FIXTURES) await cp(path.join(SHARED_FIXTURES, name), path.join(specs, name));
    const first = await runFalgen(["--specs", specs, "--out", out]);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
  });

  test("--check passes on current output, and lists each stale, missing and extra file with the start of a unified diff", async () => {
    expect((await runFalgen(["--specs", specs, "--out", out, "--check"])).code).toBe(0);
    const copy = path.join(await tempDir("check"), "generated");
    await cp(out, copy, { recursive: true });
    await writeFile(path.join(copy, "README.md"), "edited by hand\n");
    await import("node:fs/promises").then((fs) => fs.rm(path.join(copy, "docs/fal-ai/whisper.md")));
    // A file an earlier run wrote that is no longer generated.
    const manifest = JSON.parse(await readFile(path.join(copy, MANIFEST_FILE), "utf8"));
    await writeFile(path.join(copy, MANIFEST_FILE), `${JSON.stringify({ ...manifest, files: [...manifest.files, "docs/stray.md"].sort() }, null, 2)}\n`);
    await writeFile(path.join(copy, "docs/stray.md"), "no longer generated\n");
    await writeFile(path.join(copy, "docs/notes.md"), "the user's own\n");
    const before = await snapshotTree(copy);
    const check = await runFalgen(["--specs", specs, "--out", copy, "--check"]);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain("stale:   " + copy + "/README.md");
    expect(check.stderr).toContain("missing: " + copy + "/docs/fal-ai/whisper.md");
    expect(check.stderr).toContain("extra:   " + copy + "/docs/stray.md");
    // Not falgen's, so never deleted, but published with the package: listed apart.
    expect(check.stderr).toContain(`extra:   ${copy}/docs/notes.md (not written by falgen`);
    expect(check.stderr).not.toMatch(/^[-+].*notes\.md/m);
    expect(check.stderr).toContain(`--- ${copy}/README.md\n+++ ${copy}/README.md\n@@ `);
    expect(check.stderr).toContain("\n-edited by hand\n");
    expect(check.stderr).toContain("\n... (cut at 40 lines)\n");
    const patch = check.stderr.slice(check.stderr.indexOf("--- "), check.stderr.indexOf("... (cut at 40 lines)"));
    expect(patch.trimEnd().split("\n")).toHaveLength(40);
    expect(check.stderr).toContain(`falgen: ${copy}/ is not current with the specs; run \`falgen generate\`.`);
    expect(check.stderr).not.toContain("npm run");
    expect(await snapshotTree(copy)).toEqual(before);
  });

  test("--check shows a small change whole: the diff of the one file that changed", async () => {
    const copy = path.join(await tempDir("check-one"), "generated");
    await cp(out, copy, { recursive: true });
    const doc = path.join(copy, "docs/fal-ai/whisper.md");
    await writeFile(doc, (await readFile(doc, "utf8")).replace(/\n$/, "\nA line added by hand.\n"));
    const check = await runFalgen(["--specs", specs, "--out", copy, "--check"]);
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(new RegExp(`^stale:   .*whisper\\.md\n--- .*whisper\\.md\n\\+\\+\\+ .*whisper\\.md\n@@ -\\d+,4 \\+\\d+,3 @@\n( [^\n]*\n){3}-A line added by hand\\.\nfalgen: `));
  });

  test("output is deterministic: a second run, from another working directory, gives the same bytes", async () => {
    const again = path.join(await tempDir("again"), "generated");
    const elsewhere = await tempDir("cwd");
    const result = await runFalgen(["--specs", path.relative(elsewhere, specs), "--out", path.relative(elsewhere, again)], elsewhere);
    expect(result.code).toBe(0);
    expect(await snapshotTree(again)).toEqual(await snapshotTree(out));
  });

  test("output is LF-only, with no timestamps or absolute paths", async () => {
    for (const file of await listTree(out)) {
      const text = await readFile(path.join(out, file), "utf8");
      expect(text, file).not.toContain("\r");
      expect(text, file).not.toContain(REPO_ROOT);
      expect(text, file).not.toMatch(/20\d\d-\d\d-\d\dT/);
    }
  });

  test("regenerating keeps files it did not write (dist/, anything not in its manifest)", async () => {
    await mkdir(path.join(out, "dist"), { recursive: true });
    await writeFile(path.join(out, "dist/built.js"), "built");
    expect((await runFalgen(["--specs", specs, "--out", out])).code).toBe(0);
    expect(await readFile(path.join(out, "dist/built.js"), "utf8")).toBe("built");
    expect((await runFalgen(["--specs", specs, "--out", out, "--check"])).code).toBe(0);
  });
});

describe("a broken spec ends the run and leaves the output exactly as it was", () => {
  const brokenSpecs: [string, string, string | object, RegExp][] = [
    ["bad YAML", "fal-ai/broken.yaml", "openapi: 3.0.4\ninfo: [unclosed\n", /fal-ai\/broken\.yaml:\d+:\d+: invalid YAML/],
    ["unknown ref", "fal-ai/broken.json", (() => {
      const spec = falSpec("fal-ai/broken") as any;
      spec.components.schemas.BrokenOutput.properties.images.items.$ref = "#/components/schemas/Missing";
      return spec;
    })(), /fal-ai\/broken\.json:\d+:\d+ \(at #\/components\/schemas\/BrokenOutput\/properties\/images\/items\/\$ref\): unresolved \$ref/],
    ["no Input", "fal-ai/broken.json", (() => {
      const spec = falSpec("fal-ai/broken") as any;
      delete spec.paths["/fal-ai/broken"];
      delete spec.components.schemas.BrokenInput;
      return spec;
    })(), /no Input schema/],
    ["duplicate endpoint id", "fal-ai/copy.json", falSpec("fal-ai/flux/dev"), /duplicate endpoint id "fal-ai\/flux\/dev"/],
    ["not UTF-8", "fal-ai/broken.yaml", "", /not valid UTF-8/],
  ];

  test.each(brokenSpecs)("%s", async (_name, file, contents, message) => {
    const specs = await tempDir("broken-specs");
    await cp(path.join(SHARED_FIXTURES, "fal-ai__flux__dev.json"), path.join(specs, "fal-ai__flux__dev.json"));
    const out = path.join(await tempDir("broken-out"), "generated");
    expect((await runFalgen(["--specs", specs, "--out", out])).code).toBe(0);
    const before = await snapshotTree(out);

    await mkdir(path.dirname(path.join(specs, file)), { recursive: true });
    const bytes = typeof contents === "string"
      ? (contents === "" ? Buffer.from([0x6f, 0x70, 0x65, 0x6e, 0x0a, 0xc3, 0x28]) : Buffer.from(contents))
      : Buffer.from(JSON.stringify(contents, null, 2));
    await writeFile(path.join(specs, file), bytes);
    const result = await runFalgen(["--specs", specs, "--out", out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain("was left unchanged");
    expect(await snapshotTree(out)).toEqual(before);
    const siblings = await readdir(path.dirname(out));
    expect(siblings).toEqual(["generated"]);
  });

  test("--keep-going generates every valid spec, reports the broken one, exits 1", async () => {
    const specs = await tempDir("keep-going");
    await cp(path.join(SHARED_FIXTURES, "fal-ai__flux__dev.json"), path.join(specs, "a.json"));
    await writeFile(path.join(specs, "b.yaml"), "openapi: [\n");
    const out = path.join(await tempDir("keep-going-out"), "generated");
    const result = await runFalgen(["--specs", specs, "--out", out, "--keep-going"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/b\.yaml:\d+:\d+: invalid YAML/);
    expect(await listTree(out)).toContain("src/endpoints/fal-ai/flux/dev.js");
  });

  test("--keep-going with every spec broken writes nothing: no package of no endpoint", async () => {
    const specs = await tempDir("keep-going");
    await writeFile(path.join(specs, "a.yaml"), "openapi: [\n");
    await writeFile(path.join(specs, "b.json"), "{}\n");
    const parent = await tempDir("keep-going-out");
    const out = path.join(parent, "generated");
    for (const args of [[], ["--endpoints", "fal-ai/**"]]) {
      const result = await runFalgen(["--specs", specs, "--out", out, "--keep-going", ...args]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/a\.yaml:\d+:\d+: invalid YAML/);
      expect(result.stderr).toContain(`falgen: 2 spec(s) failed; ${out}/ was left unchanged.`);
      expect(result.stdout).toBe("");
      expect(await readdir(parent)).toEqual([]);
    }
  });
});

test("--check lists a file falgen did not write inside src/ or docs/ as extra and exits 1; generate keeps it and warns", async () => {
  const specs = await tempDir("stray-specs");
  await cp(path.join(SHARED_FIXTURES, "fal-ai__flux__dev.json"), path.join(specs, "flux-dev.json"));
  const out = path.join(await tempDir("stray-out"), "generated");
  expect((await runFalgen(["--specs", specs, "--out", out])).code).toBe(0);
  await writeFile(path.join(out, "src", "evil.js"), "steal()\n");
  await mkdir(path.join(out, "docs", "more"), { recursive: true });
  await writeFile(path.join(out, "docs", "more", "notes.md"), "mine\n");
  // Not published, or documented as the user's: never reported.
  await mkdir(path.join(out, "node_modules", "x"), { recursive: true });
  await writeFile(path.join(out, "node_modules", "x", "index.js"), "");
  await writeFile(path.join(out, "CHANGELOG.md"), "mine\n");

  const check = await runFalgen(["--specs", specs, "--out", out, "--check"]);
  expect(check.code).toBe(1);
  expect(check.stderr.split("\n").filter((line) => line.startsWith("extra:"))).toEqual([
    `extra:   ${out}/docs/more/notes.md (not written by falgen, but inside what the package publishes; falgen leaves it to you to remove)`,
    `extra:   ${out}/src/evil.js (not written by falgen, but inside what the package publishes; falgen leaves it to you to remove)`,
  ]);
  expect(check.stdout).not.toMatch(/current/);

  const generated = await runFalgen(["--specs", specs, "--out", out]);
  expect(generated.code).toBe(0);
  expect(generated.stderr).toContain(`warning: ${out}/src/evil.js: not written by falgen`);
  expect(await readFile(path.join(out, "src", "evil.js"), "utf8")).toBe("steal()\n");
});

test("a signal passed to many runs keeps no listener of theirs (a watch loop reuses one)", async () => {
  const specs = await tempDir("signal-specs");
  await cp(path.join(SHARED_FIXTURES, "fal-ai__flux__dev.json"), path.join(specs, "flux-dev.json"));
  const out = path.join(await tempDir("signal-out"), "generated");
  const controller = new AbortController();
  for (let run = 0; run < 3; run++) expect((await generate({ specsDir: specs, outDir: out, cacheDir: false, signal: controller.signal })).ok).toBe(true);
  expect(getEventListeners(controller.signal, "abort")).toEqual([]);
});

// The one generate test that starts the `falgen` process (bin/falgen.js, the build: test/global-setup.ts
// keeps it current); the others call it in-process.
test("the falgen bin runs the same pipeline: falgen generate --specs ... --out ...", async () => {
  const specs = await tempDir("bin-specs");
  await cp(path.join(SHARED_FIXTURES, "fal-ai__flux__dev.json"), path.join(specs, "flux-dev.json"));
  const out = path.join(await tempDir("bin-out"), "generated");
  const { run } = await import("../helpers/run.js");
  const generated = await run(process.execPath, [path.join(REPO_ROOT, "bin/falgen.js"), "generate", "--specs", specs, "--out", out, "--no-cache"]);
  expect(generated.stdout).toMatch(/1 endpoints, (\d+) files, \1 written, 0 removed/);
  expect(generated.code).toBe(0);
  expect((await runFalgen(["--specs", specs, "--out", out, "--check"])).code).toBe(0);
  expect(await listTree(out)).toContain("src/endpoints/fal-ai/flux/dev.js");
});

test("an output folder in the layout of a folder per endpoint (index.js, index.d.ts, types.d.ts) becomes one module per endpoint, its old files and emptied folders gone", async () => {
  const specs = await tempDir("layout-specs");
  // One id a prefix of another: its module is a file beside the other's folder.
  const ids = ["fal-ai/flux/dev", "fal-ai/ideogram/character", "fal-ai/ideogram/character/edit"];
  for (const id of ids) await writeFile(path.join(specs, `${id.replaceAll("/", "__")}.json`), JSON.stringify(falSpec(id)));
  const fresh = path.join(await tempDir("layout-fresh"), "generated");
  const migrated = path.join(await tempDir("layout-migrated"), "generated");
  for (const outDir of [fresh, migrated]) expect((await generate({ specsDir: specs, outDir, cacheDir: false })).errors).toEqual([]);
  // `migrated` as the folder layout left it: each module under <id>/, its types apart, all in the manifest.
  const manifestFile = path.join(migrated, MANIFEST_FILE);
  const manifest = JSON.parse(await readFile(manifestFile, "utf8")) as { files: string[] };
  for (const id of ids) {
    const module = path.join(migrated, "src/endpoints", id);
    await mkdir(module, { recursive: true });
    await rename(`${module}.js`, path.join(module, "index.js"));
    await rename(`${module}.d.ts`, path.join(module, "index.d.ts"));
    await writeFile(path.join(module, "types.d.ts"), "export type Input = {};\n");
    manifest.files = manifest.files.filter((file) => !file.startsWith(`src/endpoints/${id}.`));
    manifest.files.push(...["index.js", "index.d.ts", "types.d.ts"].map((file) => `src/endpoints/${id}/${file}`));
  }
  await writeFile(manifestFile, JSON.stringify(manifest));
  expect((await generate({ specsDir: specs, outDir: migrated, cacheDir: false })).errors).toEqual([]);
  expect(await snapshotTree(migrated)).toEqual(await snapshotTree(fresh));
  const folders = (await readdir(path.join(migrated, "src/endpoints"), { recursive: true, withFileTypes: true })).filter((entry) => entry.isDirectory());
  expect(folders.map((entry) => path.relative(migrated, path.join(entry.parentPath, entry.name)).split(path.sep).join("/")).sort()).toEqual([
    "src/endpoints/fal-ai",
    "src/endpoints/fal-ai/flux",
    "src/endpoints/fal-ai/ideogram",
    "src/endpoints/fal-ai/ideogram/character",
  ]);
  expect((await readdir(path.join(migrated, "src/endpoints/fal-ai/ideogram/character"))).sort()).toEqual(["edit.d.ts", "edit.js"]);
});
