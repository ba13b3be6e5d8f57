import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "vitest";
import { run } from "../helpers/run.js";
import { REPO_ROOT } from "../helpers/temp-dir.js";

const GENERATED = path.join(REPO_ROOT, "generated");

test("every export of the package loads in plain Node, with no build step", async () => {
  const manifest = JSON.parse(await readFile(path.join(GENERATED, "package.json"), "utf8")) as { name: string; exports: Record<string, unknown> };
  const specifiers = Object.keys(manifest.exports).filter((subpath) => subpath !== "./package.json").map((subpath) => manifest.name + subpath.slice(1));
  expect(specifiers).toContain(`${manifest.name}/fal-ai/qwen-image`);
  // The workspace link in the repo's node_modules is how a project's own workspace meets the package.
  const script = `for (const id of ${JSON.stringify(specifiers)}) { const m = await import(id); console.log(id, Object.keys(m).sort().join(",")); }`;
  const result = await run(process.execPath, ["--input-type=module", "-e", script], { cwd: REPO_ROOT });
  expect(result.stderr).toBe("");
  const loaded = new Map(result.stdout.trim().split("\n").map((line) => line.split(" ") as [string, string]));
  expect([...loaded.keys()]).toEqual(specifiers);
  expect(loaded.get(`${manifest.name}/fal-ai/qwen-image`)).toContain("subscribe");
  expect(loaded.get(manifest.name)).toContain("createFalClient");
});

test("every runtime file, in its folder, is in the package as JavaScript and declarations", async () => {
  const sources = (await readdir(path.join(REPO_ROOT, "generator/runtime"), { recursive: true })).filter((name) => name.endsWith(".ts")).map((name) => name.slice(0, -3));
  expect(sources).toEqual(expect.arrayContaining(["client", "internal/request", "server/index"]));
  const shipped = (await readdir(path.join(GENERATED, "src/runtime"), { recursive: true })).filter((name) => /\.(js|d\.ts)$/.test(name)).sort();
  expect(shipped).toEqual(sources.flatMap((name) => [`${name}.d.ts`, `${name}.js`]).sort());
});

test("the runtime imports nothing from node: and no Node globals, so it runs on any fetch runtime", async () => {
  const source = path.join(REPO_ROOT, "generator/runtime");
  for (const name of (await readdir(source, { recursive: true })).filter((file) => file.endsWith(".ts"))) {
    const text = await readFile(path.join(source, name), "utf8");
    expect(text, name).not.toMatch(/from\s+["']node:|require\(|\bBuffer\b/);
  }
});
