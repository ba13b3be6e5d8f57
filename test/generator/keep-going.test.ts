import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "vitest";
import { fileWrites } from "../../generator/write/file-writes.js";
import { listTree, MANIFEST_FILE, openOutputFolder } from "../../generator/write/output-tree.js";
import { runFalgen } from "../helpers/run.js";
import { REPO_ROOT, SHARED_FIXTURES, tempDir } from "../helpers/temp-dir.js";

// `generate --keep-going` when a spec that generated before no longer loads: one broken spec
// does not take a working endpoint out of the package. Its last good output is kept, and
// `--check` fails while it is.

const WHISPER_FILES = ["docs/fal-ai/whisper.md", "src/endpoints/fal-ai/whisper.d.ts", "src/endpoints/fal-ai/whisper.js"];

/** A package of flux/dev (a.json) and whisper (b.json), generated; `edit` changes a spec's text as given. */
async function generatedPackage() {
  const specs = await tempDir("keep-going-specs");
  const out = path.join(await tempDir("keep-going-out"), "generated");
  const fixture = (name: string) => readFile(path.join(SHARED_FIXTURES, name), "utf8");
  await writeFile(path.join(specs, "a.json"), await fixture("fal-ai__flux__dev.json"));
  await writeFile(path.join(specs, "b.json"), await fixture("fal-ai__whisper.json"));
  expect((await runFalgen(["--specs", specs, "--out", out])).code).toBe(0);
  const read = async (files: readonly string[]) => Object.fromEntries(await Promise.all(files.map(async (file) => [file, await readFile(path.join(out, file), "utf8")] as const)));
  return {
    specs,
    out,
    read,
    /** The spec file as the messages show it (relative to the working directory the CLI ran in). */
    shown: (file: string) => path.relative(REPO_ROOT, path.join(specs, file)),
    edit: async (file: string, change: (text: string) => string) => writeFile(path.join(specs, file), change(await readFile(path.join(specs, file), "utf8"))),
    manifest: async () => JSON.parse(await readFile(path.join(out, MANIFEST_FILE), "utf8")) as { endpoints: unknown[]; files: string[] },
  };
}

const BROKEN = () => "{\n";

test("a spec that generated before breaks: --keep-going keeps its endpoint's last good output, says so, and generates the rest", async () => {
  const { specs, out, read, shown, edit, manifest } = await generatedPackage();
  const whisper = await read(WHISPER_FILES);
  await edit("a.json", (text) => text.replace('"description": "', '"description": "Edited. '));
  await edit("b.json", BROKEN);

  const result = await runFalgen(["--specs", specs, "--out", out, "--keep-going"]);
  expect(result.code).toBe(1);
  expect(result.stderr.split("\n").filter(Boolean)).toEqual([
    expect.stringMatching(new RegExp(`^error: ${shown("b.json")}:2:1: `)),
    expect.stringMatching(new RegExp(`^falgen: kept the last good output of fal-ai/whisper; its spec fails: ${shown("b.json")}:2:1: `)),
    "falgen: 1 spec(s) failed: the last good output of fal-ai/whisper kept, stale until its spec loads again (`falgen generate --check` fails until then).",
  ]);
  expect(result.stdout).toMatch(/^falgen: 1 endpoints \(and 1 kept as it was\), /);

  // The endpoint works as before: its files as they were, in the exports, `all`, the README and the manifest.
  expect(await read(WHISPER_FILES)).toEqual(whisper);
  const [packageJson, all, readme] = Object.values(await read(["package.json", "src/all.js", "README.md"]));
  expect(Object.keys(JSON.parse(packageJson!).exports)).toEqual([".", "./all", "./server", "./fal-ai/flux/dev", "./fal-ai/whisper", "./package.json"]);
  expect(all).toContain('import "./endpoints/fal-ai/whisper.js";');
  expect(readme).toContain("| [`fal-ai/whisper`](docs/fal-ai/whisper.md) | speech-to-text | `@falgen/models/fal-ai/whisper` |");
  const { endpoints, files } = await manifest();
  expect(endpoints).toEqual([
    { id: "fal-ai/flux/dev", spec: "a.json", category: "text-to-image" },
    { id: "fal-ai/whisper", spec: "b.json", category: "speech-to-text" },
  ]);
  expect(files).toEqual(expect.arrayContaining(WHISPER_FILES));
  // The rest was generated.
  expect((await read(["docs/fal-ai/flux/dev.md"]))["docs/fal-ai/flux/dev.md"]).toContain("Edited.");
});

test("--check afterwards fails while the kept output is stale, naming its endpoint; once the spec loads, its files are stale until generate", async () => {
  const { specs, out, shown, edit, manifest } = await generatedPackage();
  const original = await readFile(path.join(specs, "b.json"), "utf8");
  await edit("b.json", BROKEN);
  expect((await runFalgen(["--specs", specs, "--out", out, "--keep-going"])).code).toBe(1);

  const check = await runFalgen(["--specs", specs, "--out", out, "--check"]);
  expect(check.code).toBe(1);
  expect(check.stderr).toContain(`falgen: ${out}/ holds the last good output of fal-ai/whisper, stale: its spec fails: ${shown("b.json")}:2:1: `);
  expect(check.stderr).toContain(`falgen: 1 spec(s) failed; ${out}/ was not compared (\`--check --keep-going\` compares the rest).`);

  // The rest is current: nothing but the kept endpoint is reported.
  const rest = await runFalgen(["--specs", specs, "--out", out, "--check", "--keep-going"]);
  expect(rest.code).toBe(1);
  expect(rest.stderr).not.toMatch(/^(stale|missing|extra):/m);
  expect(rest.stderr).toContain("falgen: 1 spec(s) failed: the last good output of fal-ai/whisper kept, stale until its spec loads again");

  // The spec fixed, and changed meanwhile: the kept output is stale, file by file, until generate.
  await writeFile(path.join(specs, "b.json"), original.replace('"description": "', '"description": "Fixed. '));
  const fixed = await runFalgen(["--specs", specs, "--out", out, "--check"]);
  expect(fixed.code).toBe(1);
  expect(fixed.stderr).toContain(`stale:   ${out}/docs/fal-ai/whisper.md`);
  expect((await runFalgen(["--specs", specs, "--out", out])).code).toBe(0);
  expect((await runFalgen(["--specs", specs, "--out", out, "--check"])).code).toBe(0);
  expect((await manifest()).endpoints).toContainEqual({ id: "fal-ai/whisper", spec: "b.json", category: "speech-to-text" });
});

test("a kept endpoint yields to a spec that loads and makes the same endpoint id", async () => {
  const { specs, out, edit, manifest } = await generatedPackage();
  await writeFile(path.join(specs, "c.json"), await readFile(path.join(specs, "b.json"), "utf8"));
  await edit("b.json", BROKEN);
  const result = await runFalgen(["--specs", specs, "--out", out, "--keep-going"]);
  expect(result.code).toBe(1);
  expect(result.stderr).not.toContain("kept the last good output");
  expect(result.stderr).toContain("falgen: 1 spec(s) failed: 1 left out of the package.");
  expect((await manifest()).endpoints).toContainEqual({ id: "fal-ai/whisper", spec: "c.json", category: "speech-to-text" });
});

test("an endpoint whose spec broke and whose last good output is not whole (a file removed by hand) leaves the package, and the summary names it", async () => {
  const { specs, out, edit } = await generatedPackage();
  await rm(path.join(out, "src/endpoints/fal-ai/whisper.js"));
  await edit("b.json", BROKEN);
  const result = await runFalgen(["--specs", specs, "--out", out, "--keep-going"]);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain("falgen: 1 spec(s) failed: 1 left out of the package; the package no longer has fal-ai/whisper: their files were removed.");
  expect(listTree(out).filter((file) => file.includes("whisper"))).toEqual([]);
});

test("a run killed part-way leaves a manifest that still records each endpoint's spec: the next --keep-going keeps what it can", async () => {
  const { specs, out, manifest, edit } = await generatedPackage();
  const before = await manifest();
  const output = openOutputFolder(out, { specsDir: specs });
  // What a run writes before its new files are in place: a manifest listing a new file too (then SIGKILL).
  fileWrites(out, [...output.owned], output.endpoints)({ step: "write", files: [["src/endpoints/fal-ai/new.js", "// new\n"]] });
  const partWay = await manifest();
  expect(partWay.files).toContain("src/endpoints/fal-ai/new.js");
  expect(partWay.endpoints).toEqual(before.endpoints);
  await edit("b.json", BROKEN);
  const result = await runFalgen(["--specs", specs, "--out", out, "--keep-going"]);
  expect(result.stderr).toContain("falgen: kept the last good output of fal-ai/whisper; its spec fails: ");
  expect(listTree(out)).toEqual(expect.arrayContaining(WHISPER_FILES));
  expect(listTree(out)).not.toContain("src/endpoints/fal-ai/new.js");
});
