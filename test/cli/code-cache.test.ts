import { chmod, cp, mkdir, readdir, readFile, stat, symlink, utimes, writeFile } from "node:fs/promises";
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
  const cacheDir = path.join(tmp, `falgen-code-cache-${process.getuid?.() ?? "user"}`);
  return { cwd, env: { ...process.env, TMPDIR: tmp }, cacheDir };
}

const generate = (cwd: string, env: NodeJS.ProcessEnv) => run(process.execPath, [path.join(REPO_ROOT, "bin/falgen.js"), "generate", "--no-cache"], { cwd, env });

test.skipIf(hasOwnCompileCache)("the bin caches TypeScript's and ts-morph's compiled code, and a config file still loads", async () => {
  const { cwd, env, cacheDir } = await project();
  const first = await generate(cwd, env);
  expect(first.stderr).toBe("");
  expect(first.code).toBe(0);
  expect(first.stdout).toMatch(/1 endpoints, \d+ files/);
  expect((await stat(path.join(cwd, "packages/fal/src/endpoints/fal-ai/flux/dev.js"))).isFile()).toBe(true);
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

test.skipIf(hasOwnCompileCache)("a cache folder it cannot make, or must not trust, leaves falgen working without a cache", async () => {
  const { cwd, env } = await project();
  const scratch = await tempDir("code-cache-blocked");
  const generatesWith = async (tmp: string) => {
    const result = await generate(cwd, { ...env, TMPDIR: tmp });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  };
  const cacheIn = (tmp: string) => path.join(tmp, `falgen-code-cache-${process.getuid?.() ?? "user"}`);
  // TMPDIR names a file, or a folder that does not exist (whose path is not made).
  await writeFile(path.join(scratch, "a-file"), "");
  await generatesWith(path.join(scratch, "a-file"));
  await generatesWith(path.join(scratch, "missing", "tmp"));
  // (jiti, which loads the config, keeps its own cache there; the code cache made nothing.)
  expect((await readdir(scratch, { recursive: true })).filter((name) => name.includes("falgen-code-cache"))).toEqual([]);
  // A cache folder others may write to, or a symlink in its place: nothing is read from or written there.
  const open = path.join(scratch, "open");
  await mkdir(cacheIn(open), { recursive: true });
  await chmod(cacheIn(open), 0o777);
  await generatesWith(open);
  expect(await readdir(cacheIn(open))).toEqual([]);
  const linked = path.join(scratch, "linked");
  await mkdir(path.join(scratch, "elsewhere"), { mode: 0o700 });
  await mkdir(linked);
  await symlink(path.join(scratch, "elsewhere"), cacheIn(linked));
  await generatesWith(linked);
  expect(await readdir(path.join(scratch, "elsewhere"))).toEqual([]);
});

test.skipIf(hasOwnCompileCache)("a rebuilt module replaces its cache entry: the cache does not grow", async () => {
  const { cwd, env, cacheDir } = await project();
  await generate(cwd, env);
  const before = (await readdir(cacheDir)).sort();
  // What a rebuild of dist/ or an update of TypeScript does to the cache's key: the module's mtime changes.
  const cli = path.join(REPO_ROOT, "dist/cli.cjs");
  const { atime, mtime } = await stat(cli);
  await utimes(cli, atime, new Date(mtime.getTime() + 1000));
  try {
    expect((await generate(cwd, env)).code).toBe(0);
  } finally {
    await utimes(cli, atime, mtime);
  }
  expect((await readdir(cacheDir)).sort()).toEqual(before);
});
