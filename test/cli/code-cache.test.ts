import { cp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import module from "node:module";
import path from "node:path";
import { expect, test } from "vitest";
import { run } from "../helpers/run.js";
import { REPO_ROOT, SHARED_FIXTURES, tempDir } from "../helpers/temp-dir.js";

// bin/code-cache.cjs: V8's code cache for TypeScript and ts-morph where Node has no compile cache
// of its own (before 22.1). It must never change what falgen does, only how fast it starts.
const hasOwnCompileCache = "enableCompileCache" in module;

async function project(): Promise<{ cwd: string; env: NodeJS.ProcessEnv; cacheDir: string }> {
  const cwd = await tempDir("code-cache");
  await cp(path.join(SHARED_FIXTURES, "fal-ai__flux__dev.json"), path.join(cwd, "specs", "flux-dev.json"), { recursive: true });
  // A config file: jiti loads it with import(), which a module compiled through vm.Script could not do.
  await writeFile(path.join(cwd, "falgen.config.ts"), 'import path from "node:path";\nexport default { specs: "specs", out: path.join("packages", "fal") };\n');
  const tmp = await tempDir("code-cache-tmp");
  const cacheDir = path.join(tmp, `falgen-code-cache-${process.getuid?.() ?? "user"}`, process.version);
  return { cwd, env: { ...process.env, TMPDIR: tmp }, cacheDir };
}

const generate = (cwd: string, env: NodeJS.ProcessEnv) => run(process.execPath, [path.join(REPO_ROOT, "bin/falgen.js"), "generate", "--no-cache"], { cwd, env });

test.skipIf(hasOwnCompileCache)("the bin caches TypeScript's and ts-morph's compiled code, and a config file still loads", async () => {
  const { cwd, env, cacheDir } = await project();
  const first = await generate(cwd, env);
  expect(first.stderr).toBe("");
  expect(first.code).toBe(0);
  expect(first.stdout).toMatch(/1 endpoints, \d+ files/);
  expect((await stat(path.join(cwd, "packages/fal/src/endpoints/fal-ai/flux/dev/index.js"))).isFile()).toBe(true);
  // One cache file per large module the run compiled (TypeScript, ts-morph and its common part).
  const cached = await readdir(cacheDir);
  expect(cached.length).toBeGreaterThanOrEqual(3);
  expect((await stat(cacheDir)).mode & 0o777).toBe(0o700);

  // A damaged cache costs the speed-up only: V8 rejects it, the run succeeds, the file is rewritten.
  for (const name of cached) await writeFile(path.join(cacheDir, name), "not V8's code cache");
  const second = await generate(cwd, env);
  expect(second.stderr).toBe("");
  expect(second.code).toBe(0);
  for (const name of cached) expect(await readFile(path.join(cacheDir, name), "latin1")).not.toBe("not V8's code cache");
});

test.skipIf(hasOwnCompileCache)("a cache folder it cannot make leaves falgen working, without a cache", async () => {
  const { cwd, env } = await project();
  // TMPDIR names a file: the cache folder cannot be made under it.
  const blocked = path.join(await tempDir("code-cache-blocked"), "a-file");
  await writeFile(blocked, "");
  const result = await generate(cwd, { ...env, TMPDIR: blocked });
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
});
