import { statSync } from "node:fs";
import { cp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { listTree } from "../../generator/write/output-tree.js";
import { SHARED_FIXTURES, tempDir } from "../helpers/temp-dir.js";

const FIXTURES = ["fal-ai__flux__dev.json", "fal-ai__whisper.json", "fal-ai__veo3.json"];

async function contents(dir: string): Promise<Map<string, string>> {
  return new Map(await Promise.all((await listTree(dir)).map(async (file) => [file, await readFile(path.join(dir, file), "utf8")] as const)));
}

async function setup() {
  const specs = await tempDir("cache-specs");
  for (const name of FIXTURES) await cp(path.join(SHARED_FIXTURES, name), path.join(specs, name));
  return { specs, cacheDir: await tempDir("cache"), out: path.join(await tempDir("cache-out"), "generated") };
}

test("a cached run writes exactly what an uncached run writes", async () => {
  const { specs, cacheDir, out } = await setup();
  const first = await generate({ specsDir: specs, outDir: out, cacheDir });
  expect(first.cached).toBe(0);
  const second = await generate({ specsDir: specs, outDir: out, cacheDir });
  expect(second.cached).toBe(FIXTURES.length);
  const uncached = path.join(await tempDir("cache-none"), "generated");
  await generate({ specsDir: specs, outDir: uncached, cacheDir: false });
  expect(await contents(out)).toEqual(await contents(uncached));
});

// fal-ai/flux/dev comes first by id, so the package README shows it as the usage example.
test.each([
  { change: "a description", spec: "fal-ai__whisper.json", from: '"description": "', to: '"description": "Changed. ', file: "docs/fal-ai/whisper.md", shows: "Changed." },
  { change: "a category, in the README's table", spec: "fal-ai__whisper.json", from: '"category": "speech-to-text"', to: '"category": "changed-category"', file: "README.md", shows: "changed-category" },
  { change: "the example input the README shows", spec: "fal-ai__flux__dev.json", from: "Extreme close-up", to: "Changed close-up", file: "README.md", shows: "Changed close-up" },
])("after $change changes, only that endpoint is generated again, and the output matches a full run", async ({ spec, from, to, file, shows }) => {
  const { specs, cacheDir, out } = await setup();
  await generate({ specsDir: specs, outDir: out, cacheDir });
  const specFile = path.join(specs, spec);
  const text = await readFile(specFile, "utf8");
  expect(text).toContain(from);
  await writeFile(specFile, text.replaceAll(from, to));
  const again = await generate({ specsDir: specs, outDir: out, cacheDir });
  expect(again.cached).toBe(FIXTURES.length - 1);
  const full = path.join(await tempDir("cache-full"), "generated");
  await generate({ specsDir: specs, outDir: full, cacheDir: false });
  expect(await contents(out)).toEqual(await contents(full));
  expect((await contents(out)).get(file)).toContain(shows);
});

test("an unchanged run rewrites no file, and restores a generated file edited by hand", async () => {
  const { specs, cacheDir, out } = await setup();
  await generate({ specsDir: specs, outDir: out, cacheDir });
  const before = new Map((await listTree(out)).map((file) => [file, statSync(path.join(out, file))] as const));
  const edited = "docs/fal-ai/whisper.md";
  const original = await readFile(path.join(out, edited), "utf8");
  await writeFile(path.join(out, edited), "edited by hand\n");

  const check = await generate({ specsDir: specs, outDir: out, cacheDir, check: true });
  expect(check.cached).toBe(FIXTURES.length);
  expect(check.diff).toEqual({ stale: [edited], missing: [], extra: [], unlisted: [], leftovers: [] });
  const again = await generate({ specsDir: specs, outDir: out, cacheDir });
  expect(again.cached).toBe(FIXTURES.length);
  expect(await readFile(path.join(out, edited), "utf8")).toBe(original);
  for (const [file, stat] of before) {
    if (file === edited) continue;
    const now = statSync(path.join(out, file));
    expect([file, now.ino, now.mtimeMs]).toEqual([file, stat.ino, stat.mtimeMs]);
  }
});

test("output removed by hand is made again from the unchanged specs, as an uncached run makes it", async () => {
  const { specs, cacheDir, out } = await setup();
  await generate({ specsDir: specs, outDir: out, cacheDir });
  await rm(out, { recursive: true });

  const report = await generate({ specsDir: specs, outDir: out, cacheDir });
  expect([report.ok, report.cached]).toEqual([true, FIXTURES.length]);
  const uncached = path.join(await tempDir("cache-none"), "generated");
  await generate({ specsDir: specs, outDir: uncached, cacheDir: false });
  expect(await contents(out)).toEqual(await contents(uncached));
});

test("a damaged index is ignored, and entries no spec uses are pruned", async () => {
  const { specs, cacheDir, out } = await setup();
  await generate({ specsDir: specs, outDir: out, cacheDir });
  const [folder] = await readdir(cacheDir);
  const scoped = path.join(cacheDir, folder!);
  const names = (await readdir(scoped)).sort();
  await writeFile(path.join(scoped, "index.json"), '{ "endpoints": { "x": 1 }');
  await writeFile(path.join(scoped, "stale.json"), "{}");
  const report = await generate({ specsDir: specs, outDir: out, cacheDir });
  expect(report.ok).toBe(true);
  expect(report.cached).toBe(0);
  expect((await readdir(scoped)).sort()).toEqual(names);
  expect((await generate({ specsDir: specs, outDir: out, cacheDir })).cached).toBe(FIXTURES.length);
});

test("two specs folders sharing a cache keep each other's entries", async () => {
  const first = await setup();
  const second = await setup();
  await generate({ specsDir: first.specs, outDir: first.out, cacheDir: first.cacheDir });
  await generate({ specsDir: second.specs, outDir: second.out, cacheDir: first.cacheDir });
  expect((await generate({ specsDir: first.specs, outDir: first.out, cacheDir: first.cacheDir })).cached).toBe(FIXTURES.length);
});

test("a broken spec is never served from the cache", async () => {
  const { specs, cacheDir, out } = await setup();
  await generate({ specsDir: specs, outDir: out, cacheDir });
  await writeFile(path.join(specs, "fal-ai__veo3.json"), "{ broken");
  const report = await generate({ specsDir: specs, outDir: out, cacheDir });
  expect(report.ok).toBe(false);
  expect(report.errors[0]?.message).toMatch(/fal-ai__veo3\.json:1:\d+: invalid JSON/);
});
