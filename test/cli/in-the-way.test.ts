/**
 * The user's tree in the way of what falgen writes (a folder where it writes a file, a file where
 * it needs a folder): in every command that writes, one located line, exit 2, no temporary file
 * left, nothing written.
 */
import { mkdir, readdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startSimulator, type RunningSimulator } from "../../generator/simulator/start-simulator.js";
import { falgen, runFalgen, type RunResult } from "../helpers/run.js";
import { REPO_ROOT, SHARED_FIXTURES, tempDir } from "../helpers/temp-dir.js";

let simulator: RunningSimulator;
beforeAll(async () => {
  simulator = await startSimulator({ specsDir: path.join(REPO_ROOT, "specs"), watch: false });
});
afterAll(() => simulator?.close());

const FLUX = path.join(SHARED_FIXTURES, "fal-ai__flux__dev.json");
const WHISPER = path.join(SHARED_FIXTURES, "fal-ai__whisper.json");

/** Every file and folder under `dir`, relative, sorted. */
async function tree(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map((entry) => entry.split(path.sep).join("/")).sort();
}

function expectRefused(result: RunResult, message: RegExp): void {
  expect(result.stderr).not.toMatch(/^\s+at |falgen bug/m);
  expect(result.stderr.trim()).toMatch(message);
  expect(result.stderr.trim().split("\n")).toHaveLength(1);
  expect(result.code).toBe(2);
}

describe("specs: import, add, capture", () => {
  test("a folder where a spec goes: located, exit 2, no .tmp file, the valid document not written either", async () => {
    const dir = await tempDir("in-the-way");
    await mkdir(path.join(dir, "is/fal-ai/flux/dev.yaml"), { recursive: true });
    const before = await tree(dir);
    const result = await falgen(["import", "--specs", "is", WHISPER, FLUX], dir);
    expectRefused(result, /^falgen import: cannot write is\/fal-ai\/flux\/dev\.yaml: it is a folder; move it away$/);
    expect(await tree(dir)).toEqual(before);
  });

  test("a file where a spec's folder goes", async () => {
    const dir = await tempDir("in-the-way");
    await mkdir(path.join(dir, "is/fal-ai"), { recursive: true });
    await writeFile(path.join(dir, "is/fal-ai/flux"), "mine\n");
    const before = await tree(dir);
    const result = await falgen(["import", "--specs", "is", WHISPER, FLUX], dir);
    expectRefused(result, /^falgen import: cannot write is\/fal-ai\/flux\/dev\.yaml: is\/fal-ai\/flux is a file, not a folder; move it away$/);
    expect(await tree(dir)).toEqual(before);
  });

  test("add: a folder where the fetched spec goes", async () => {
    const dir = await tempDir("in-the-way");
    await mkdir(path.join(dir, "specs/fal-ai/qwen-image.yaml"), { recursive: true });
    const before = await tree(dir);
    const result = await falgen(["add", "fal-ai/qwen-image", "--from", simulator.url], dir);
    expectRefused(result, /^falgen add: cannot write specs\/fal-ai\/qwen-image\.yaml: it is a folder; move it away$/);
    expect(await tree(dir)).toEqual(before);
  });
  test("capture: a folder where one of the captured specs goes; none of the 13 is written", async () => {
    const dir = await tempDir("in-the-way");
    await mkdir(path.join(dir, "specs/fal-ai/qwen-image.yaml"), { recursive: true });
    const before = await tree(dir);
    const seed = path.join(REPO_ROOT, "test/fixtures/seeds/fal-model-docs.txt");
    const result = await falgen(["capture", seed, "--specs", "specs", "--overrides", path.join(REPO_ROOT, "scripts/capture-overrides")], dir);
    expectRefused(result, /^falgen capture: cannot write specs\/fal-ai\/qwen-image\.yaml: it is a folder; move it away$/);
    expect(await tree(dir)).toEqual(before);
  });
});

describe("generate", () => {
  async function generated(): Promise<string> {
    const dir = await tempDir("in-the-way");
    expect((await falgen(["import", "--specs", "sp", FLUX], dir)).code).toBe(0);
    expect((await runFalgen(["--specs", "sp", "--out", "gd"], dir)).code).toBe(0);
    return dir;
  }

  test("a folder where a generated file goes: its path named, exit 2, nothing written", async () => {
    const dir = await generated();
    const file = path.join(dir, "gd/src/index.js");
    await import("node:fs/promises").then((fs) => fs.rm(file));
    await mkdir(file);
    const before = await tree(dir);
    for (const cache of [["--no-cache"], []]) {
      expectRefused(await falgen(["generate", "--specs", "sp", "--out", "gd", ...cache], dir), /^falgen generate: cannot write gd\/src\/index\.js: it is a folder; move it away$/);
      expectRefused(await falgen(["generate", "--specs", "sp", "--out", "gd", "--check", ...cache], dir), /^falgen generate: cannot write gd\/src\/index\.js: it is a folder/);
    }
    expect(await tree(dir)).toEqual(before);
  });

  test("a file where a generated folder goes", async () => {
    const dir = await generated();
    await import("node:fs/promises").then((fs) => fs.rm(path.join(dir, "gd/src/runtime"), { recursive: true }));
    await writeFile(path.join(dir, "gd/src/runtime"), "mine\n");
    const before = await tree(dir);
    expectRefused(await runFalgen(["--specs", "sp", "--out", "gd"], dir), /^falgen generate: cannot write gd\/src\/runtime\/\S+: gd\/src\/runtime is a file, not a folder; move it away$/);
    expect(await tree(dir)).toEqual(before);
  });
  test("--out through a symbolic link whose folder is gone (moved, unmounted): the link and its target named, exit 2, nothing made", async () => {
    const dir = await tempDir("in-the-way");
    expect((await falgen(["import", "--specs", "sp", FLUX], dir)).code).toBe(0);
    await symlink(path.join(dir, "moved/away"), path.join(dir, "gd"));
    const before = await tree(dir);
    const link = (out: string) => new RegExp(`^falgen generate: cannot \\w+ ${out}: gd is a symbolic link to ${path.join(dir, "moved/away")}, which does not exist$`);
    expectRefused(await falgen(["generate", "--specs", "sp", "--out", "gd"], dir), link("gd"));
    expectRefused(await falgen(["generate", "--specs", "sp", "--out", "gd/pkg"], dir), link("gd(/pkg)?"));
    const run = await falgen(["run", "fal-ai/flux/dev", "--specs", "sp", "--prompt", "x", "--out", "gd/images", "--queue-url", simulator.url], dir, { FAL_KEY: "k" });
    expectRefused(run, new RegExp(`^falgen run: --out gd/images: gd is a symbolic link to ${path.join(dir, "moved/away")}, which does not exist$`));
    expect(await tree(dir)).toEqual(before);
  });
});
