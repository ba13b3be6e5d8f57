import { spawn } from "node:child_process";
import { existsSync, watch } from "node:fs";
import { cp, mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, test, vi } from "vitest";
import { generate } from "../../generator/pipeline.js";

/** How many endpoint modules emit has made in this process, and a hook called after each. */
const emitted = vi.hoisted(() => ({ count: 0, onModule: undefined as ((count: number) => void) | undefined }));
vi.mock("../../generator/emit/emit-endpoint-module.js", async (original) => {
  const actual = await original<typeof import("../../generator/emit/emit-endpoint-module.js")>();
  return {
    ...actual,
    emitEndpointModule: (...args: Parameters<typeof actual.emitEndpointModule>) => {
      const text = actual.emitEndpointModule(...args);
      emitted.onModule?.(++emitted.count);
      return text;
    },
  };
});
import { listTree } from "../../generator/write/output-tree.js";
import { runFalgen } from "../helpers/run.js";
import { REPO_ROOT, SHARED_FIXTURES, tempDir } from "../helpers/temp-dir.js";

// A real `falgen` process (bin/falgen.js, the build test/global-setup.ts keeps current) stopped by a
// real signal while it writes: the signal is sent the moment its first temporary file appears.

/** Enough endpoints that writing their files takes a while: ~460 files, every one changed. */
const ENDPOINTS = 100;
const TEMPORARY = /\.falgen-\d+\.tmp$/;

/** `count` specs made from fal's flux/dev document under other ids; `edition` is put in every description. */
async function writeSpecs(dir: string, edition: string, count: number = ENDPOINTS): Promise<void> {
  const text = await readFile(path.join(SHARED_FIXTURES, "fal-ai__flux__dev.json"), "utf8");
  for (let index = 0; index < count; index++) {
    const file = path.join(dir, `fal-ai/m${index}/dev.json`);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text.replaceAll("fal-ai/flux/dev", `fal-ai/m${index}/dev`).replaceAll('"description": "', `"description": "${edition} `));
  }
}

/** Every file below `dir` with its contents. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const files = listTree(dir);
  return Object.fromEntries(await Promise.all(files.map(async (file) => [file, await readFile(path.join(dir, file), "utf8")] as const)));
}

/** Starts `falgen generate` and sends it `signal` as soon as a temporary file of its appears in `out`. */
function generateAndStop(specs: string, out: string, signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; sentAt: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, "bin/falgen.js"), "generate", "--specs", specs, "--out", out, "--no-cache"], { cwd: REPO_ROOT });
    let stdout = "";
    let stderr = "";
    let sentAt = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const watcher = watch(out, { recursive: true }, (_event, name) => {
      if (sentAt || !name || !TEMPORARY.test(name)) return;
      sentAt = name;
      child.kill(signal);
    });
    child.on("error", reject);
    child.on("close", (code, killedBy) => {
      watcher.close();
      resolve({ code, signal: killedBy, stdout, stderr, sentAt });
    });
  });
}

describe("falgen generate stopped while it writes", () => {
  let specs: string;
  let changed: string;
  let generated: string;
  let before: Record<string, string>;
  beforeAll(async () => {
    specs = await tempDir("stop-specs");
    changed = await tempDir("stop-changed");
    generated = path.join(await tempDir("stop-out"), "generated");
    await writeSpecs(specs, "v1");
    await writeSpecs(changed, "v2");
    expect((await runFalgen(["--specs", specs, "--out", generated])).code).toBe(0);
    before = await snapshot(generated);
  });

  /** A copy of the output generated from the first specs. */
  async function output(): Promise<string> {
    const out = path.join(await tempDir("stop"), "generated");
    await cp(generated, out, { recursive: true });
    return out;
  }

  test.each(["SIGTERM", "SIGINT"] as const)("%s: no temporary file stays, one line says the run was interrupted and what state the output is in, exit 128 + the signal", async (signal) => {
    const out = await output();
    const run = await generateAndStop(changed, out, signal);
    expect(run.sentAt).toMatch(TEMPORARY);
    expect(run.code).toBe(signal === "SIGTERM" ? 143 : 130);
    expect(listTree(out).filter((file) => TEMPORARY.test(file))).toEqual([]);
    const lines = run.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    if (lines[0]!.includes("as it was")) {
      // Stopped before the new files replaced the old: every file is the old one, none is new.
      expect(lines[0]).toBe(`falgen: interrupted by ${signal}; ${out}/ is as it was: this run left nothing of its own in it (it removed what it had written, if anything); run \`falgen generate\` again.`);
      expect(await snapshot(out)).toEqual(before);
    } else {
      // The signal came only as the renames ran (they are not paused): the run finished first.
      expect(lines[0]).toBe(`falgen: interrupted by ${signal}, but only after the run wrote ${out}/ in full.`);
      expect((await runFalgen(["--specs", changed, "--out", out, "--check"])).code).toBe(0);
    }
    const again = await runFalgen(["--specs", changed, "--out", out]);
    expect(again.stderr).toBe("");
    expect((await runFalgen(["--specs", changed, "--out", out, "--check"])).code).toBe(0);
  });

  test("SIGKILL leaves temporary files: --check lists them as leftovers to clean (exit 1), the next generate removes them", async () => {
    const out = await output();
    const run = await generateAndStop(changed, out, "SIGKILL");
    expect(run.signal).toBe("SIGKILL");
    const left = listTree(out).filter((file) => TEMPORARY.test(file));
    expect(left.length).toBeGreaterThan(0);

    const check = await runFalgen(["--specs", changed, "--out", out, "--check"]);
    expect(check.code).toBe(1);
    for (const file of left) expect(check.stderr).toContain(`leftover: ${out}/${file} (a temporary file of an interrupted falgen run; \`falgen generate\` removes it)`);
    expect(check.stderr).not.toContain("not written by falgen");
    expect(check.stderr).toContain("run `falgen generate`");

    const again = await runFalgen(["--specs", changed, "--out", out]);
    expect(again.code).toBe(0);
    expect(again.stderr).toBe("");
    expect(again.stdout).toContain(`(and ${left.length} temporary file(s) an interrupted run left)`);
    expect(listTree(out).filter((file) => TEMPORARY.test(file))).toEqual([]);
    expect((await runFalgen(["--specs", changed, "--out", out, "--check"])).code).toBe(0);
    expect(await readdir(out)).not.toContain(expect.stringMatching(TEMPORARY));
  });
});

describe("falgen generate stopped while it emits", () => {
  test("a signal during emit stops the run there, not once emit is done, and the output folder it was making is gone", async () => {
    const specs = await tempDir("emit-specs");
    await writeSpecs(specs, "v1", 300);
    const out = path.join(await tempDir("emit-stop"), "generated");
    const controller = new AbortController();
    // As a signal handler would, once emit has made 30 of the 300 endpoint modules: the run sees it
    // once emit lets the event loop turn, a few modules later, whatever the machine's load.
    emitted.count = 0;
    emitted.onModule = (count) => {
      if (count === 30) controller.abort(new Error("interrupted by SIGINT"));
    };
    const stopped = await generate({ specsDir: specs, outDir: out, cacheDir: false, signal: controller.signal }).then(
      () => "finished",
      (error: unknown) => error,
    );
    emitted.onModule = undefined;
    expect(stopped).toBe(controller.signal.reason);
    expect(emitted.count).toBeGreaterThanOrEqual(30);
    expect(emitted.count).toBeLessThan(150);
    expect(existsSync(out)).toBe(false);
  });
});
