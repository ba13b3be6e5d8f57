import { cp, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "vitest";
import { listTree } from "../../generator/write/output-tree.js";
import { run } from "../helpers/run.js";
import { REPO_ROOT, SHARED_FIXTURES, tempDir } from "../helpers/temp-dir.js";

// The generation cache keeps the module templates ts-morph printed (generator/emit/print-statements.ts),
// so that a run printing only shapes of module an earlier run printed loads TypeScript without
// ts-morph. Only a fresh process shows what a later run takes from the cache (a process keeps the
// templates it printed), so these run the falgen command.

/** Lists, at exit, which of TypeScript's and ts-morph's modules the process loaded. */
const LOADED_MODULES = `process.on("exit", () => process.stderr.write("loaded: " + Object.keys(require.cache).filter((file) => /ts-morph|typescript/.test(file)).join(" ") + "\\n"));`;

async function project(): Promise<{ cwd: string; spec: string; preload: string }> {
  const cwd = await tempDir("printed-templates");
  const spec = path.join(cwd, "specs", "flux-dev.json");
  await cp(path.join(SHARED_FIXTURES, "fal-ai__flux__dev.json"), spec, { recursive: true });
  const preload = path.join(cwd, "loaded-modules.cjs");
  await writeFile(preload, LOADED_MODULES);
  return { cwd, spec, preload };
}

async function generate(cwd: string, preload: string, ...args: string[]): Promise<{ stderr: string; loaded: string }> {
  const result = await run(process.execPath, ["--require", preload, path.join(REPO_ROOT, "bin/falgen.js"), "generate", "--quiet", ...args], { cwd });
  expect(result.code, result.stderr).toBe(0);
  return { stderr: result.stderr, loaded: /^loaded: (.*)$/m.exec(result.stderr)?.[1] ?? "" };
}

async function contents(dir: string): Promise<Map<string, string>> {
  return new Map(await Promise.all((await listTree(dir)).map(async (file) => [file, await readFile(path.join(dir, file), "utf8")] as const)));
}

/** What a run without any cache makes of the specs now. */
async function uncached(cwd: string, preload: string): Promise<Map<string, string>> {
  const out = path.join(await tempDir("printed-templates-uncached"), "generated");
  await generate(cwd, preload, "--no-cache", "--out", out);
  return contents(out);
}

async function editInput(spec: string, edit: (input: { description?: string; properties: Record<string, unknown> }) => void): Promise<void> {
  const document = JSON.parse(await readFile(spec, "utf8")) as { components: { schemas: Record<string, { description?: string; properties: Record<string, unknown> }> } };
  edit(document.components.schemas.FluxDevInput!);
  await writeFile(spec, JSON.stringify(document, null, 2));
}

async function templatesFile(cwd: string): Promise<string> {
  const cache = path.join(cwd, "node_modules/.cache/falgen");
  const [folder] = await readdir(cache);
  return path.join(cache, folder!, "templates.json");
}

test("a regeneration prints with the templates of earlier runs, and a new shape of module with ts-morph, as an uncached run does", async () => {
  const { cwd, spec, preload } = await project();
  expect((await generate(cwd, preload)).loaded).toMatch(/ts-morph\.js/);

  // A description changed: the module keeps its shape, printed from the template without ts-morph.
  await editInput(spec, (input) => (input.description = "Changed for the test."));
  const sameShape = await generate(cwd, preload);
  expect(sameShape.loaded).toMatch(/typescript\.js/);
  expect(sameShape.loaded).not.toMatch(/ts-morph\.js/);
  expect(await contents(path.join(cwd, "generated"))).toEqual(await uncached(cwd, preload));

  // A file input added: the endpoint's calls now upload files, a shape no run printed.
  await editInput(spec, (input) => (input.properties.image_url = { type: "string", description: "An image to start from." }));
  const newShape = await generate(cwd, preload);
  expect(newShape.loaded).toMatch(/ts-morph\.js/);
  const generated = await contents(path.join(cwd, "generated"));
  expect(generated.get("src/endpoints/fal-ai/flux/dev.d.ts")).toContain("InputWithFiles");
  expect(generated).toEqual(await uncached(cwd, preload));
});

test("templates another generator printed, or a damaged file of them, are not used", async () => {
  const { cwd, spec, preload } = await project();
  await generate(cwd, preload);
  const file = await templatesFile(cwd);
  const stored = JSON.parse(await readFile(file, "utf8")) as { generator: string; templates: [string, string][] };
  expect(stored.templates.length).toBeGreaterThan(0);

  // The same shapes, printed otherwise by another version of falgen (or of ts-morph).
  const forged = stored.templates.map(([shape]) => [shape, "// printed by another generator\n"]);
  for (const [round, text] of [
    [1, JSON.stringify({ generator: "0".repeat(stored.generator.length), templates: forged })],
    [2, '{ "generator": '],
  ] as const) {
    await writeFile(file, text);
    await editInput(spec, (input) => (input.description = `Changed, round ${round}.`));
    await generate(cwd, preload);
    expect(await contents(path.join(cwd, "generated"))).toEqual(await uncached(cwd, preload));
  }
});
