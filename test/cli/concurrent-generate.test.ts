import { spawn } from "node:child_process";
import { existsSync, watch } from "node:fs";
import { cp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, test, vi } from "vitest";
import { LOCK_DIR } from "../../generator/write/output-lock.js";
import { run, runFalgen } from "../helpers/run.js";
import { REPO_ROOT, SHARED_FIXTURES, tempDir } from "../helpers/temp-dir.js";

// Real `falgen generate` processes (bin/falgen.js, the build test/global-setup.ts keeps current)
// into one output folder at once: started together, and one killed with SIGKILL while it writes.

const TEMPORARY = /\.falgen-\d+\.tmp$/;

/** `count` specs made from fal's flux/dev document under other ids; `edition` is put in every description. */
async function writeSpecs(dir: string, edition: string, count: number): Promise<void> {
  const text = await readFile(path.join(SHARED_FIXTURES, "fal-ai__flux__dev.json"), "utf8");
  for (let index = 0; index < count; index++) {
    const file = path.join(dir, `fal-ai/m${index}/dev.json`);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text.replaceAll("fal-ai/flux/dev", `fal-ai/m${index}/dev`).replaceAll('"description": "', `"description": "${edition} `));
  }
}

interface Started {
  pid: number;
  /** What it printed on stderr so far. */
  stderr(): string;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  kill(signal: NodeJS.Signals): void;
}

/** Starts `falgen generate <args>` as a process of its own; without the cache unless given a folder to run in (where the cache goes). */
function start(args: string[], cwd?: string): Started {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, "bin/falgen.js"), "generate", ...args, ...(cwd ? [] : ["--no-cache"])], { cwd: cwd ?? REPO_ROOT });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<Awaited<Started["done"]>>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { pid: child.pid!, stderr: () => stderr, done, kill: (signal) => child.kill(signal) };
}

/** Resolves once a file of a name `pattern` matches appears below `dir` (which must exist). */
function appears(dir: string, pattern: RegExp): Promise<string> {
  return new Promise((resolve) => {
    const watcher = watch(dir, { recursive: true }, (_event, name) => {
      if (!name || !pattern.test(name)) return;
      watcher.close();
      resolve(name);
    });
  });
}

const WAITING = (out: string, pid: number) => `falgen: ${out}/ is in use by another falgen run (pid ${pid}, writing it since`;

describe("falgen generate runs into one output folder at once", () => {
  let specs: string;
  beforeAll(async () => {
    specs = await tempDir("concurrent-specs");
    // Runs of a second or more: two started together overlap however loaded the machine is.
    await writeSpecs(specs, "v1", 100);
  });

  test("into a new folder: one writes, the other waits saying which run holds it, then runs; the folder is one whole package", async () => {
    const out = path.join(await tempDir("concurrent-new"), "generated");
    const runs = [start(["--specs", specs, "--out", out, "--package-version", "1.0.0"]), start(["--specs", specs, "--out", out, "--package-version", "2.0.0"])];
    const [first, second] = await Promise.all(runs.map((each) => each.done));
    expect([first!.code, second!.code]).toEqual([0, 0]);
    const waited = [first!, second!].map(({ stderr }, index) => stderr.includes(WAITING(out, runs[1 - index]!.pid)));
    expect(waited.filter(Boolean)).toHaveLength(1);
    for (const { stderr } of [first!, second!]) expect(stderr).not.toContain("not written by falgen");
    // The one that waited wrote last: the folder is its package, whole.
    const last = waited[0] ? "1.0.0" : "2.0.0";
    expect((await runFalgen(["--specs", specs, "--out", out, "--package-version", last, "--check"])).code).toBe(0);
    expect(await readdir(out)).not.toContain(LOCK_DIR);
  });

  test("into an existing folder, after a spec was added (a watch task and a build): neither fails, the second waits, the package is current", async () => {
    const out = path.join(await tempDir("concurrent-existing"), "generated");
    expect((await runFalgen(["--specs", specs, "--out", out])).code).toBe(0);
    const added = await tempDir("concurrent-added");
    await cp(specs, added, { recursive: true });
    await writeSpecs(added, "v1", 104);
    const runs = [start(["--specs", added, "--out", out]), start(["--specs", added, "--out", out])];
    const results = await Promise.all(runs.map((each) => each.done));
    expect(results.map(({ code }) => code)).toEqual([0, 0]);
    for (const { stderr } of results) expect(stderr).not.toContain("falgen did not write");
    expect(results.filter(({ stderr }, index) => stderr.includes(WAITING(out, runs[1 - index]!.pid)))).toHaveLength(1);
    expect((await runFalgen(["--specs", added, "--out", out, "--check"])).code).toBe(0);
  });
});

describe("a run killed (SIGKILL) while it holds the folder", () => {
  let v1: string;
  let v2: string;
  beforeAll(async () => {
    v1 = await tempDir("killed-v1");
    v2 = await tempDir("killed-v2");
    await writeSpecs(v1, "v1", 100);
    await writeSpecs(v2, "v2", 100);
  });

  test("does not lock it for ever: the next run says its holder no longer runs, waits out the lock, and writes; the lock is in no package", async () => {
    const out = path.join(await tempDir("killed"), "generated");
    expect((await runFalgen(["--specs", v1, "--out", out])).code).toBe(0);
    const killed = start(["--specs", v2, "--out", out]);
    await appears(out, TEMPORARY);
    killed.kill("SIGKILL");
    expect((await killed.done).signal).toBe("SIGKILL");
    expect(await readdir(out)).toContain(LOCK_DIR);

    // What npm would publish of the folder now: no lock.
    const pack = await run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: out });
    expect(pack.code).toBe(0);
    const packed = (JSON.parse(pack.stdout) as { files: { path: string }[] }[])[0]!.files.map((file) => file.path);
    expect(packed).toContain("package.json");
    expect(packed.filter((file) => file.includes(LOCK_DIR))).toEqual([]);

    const started = performance.now();
    const next = await start(["--specs", v2, "--out", out]).done;
    expect(next.code).toBe(0);
    expect(next.stderr).toContain(`falgen: ${out}/ is locked by a falgen run that no longer runs (pid ${killed.pid}, writing it since`);
    expect(performance.now() - started).toBeLessThan(60_000);
    expect(await readdir(out)).not.toContain(LOCK_DIR);
    const check = await runFalgen(["--specs", v2, "--out", out, "--check"]);
    expect(check.stderr).toBe("");
    expect(check.code).toBe(0);
  });

  test("--check while a run writes waits for it and compares the finished package, never a half-written one", async () => {
    const out = path.join(await tempDir("check-while-writing"), "generated");
    expect((await runFalgen(["--specs", v1, "--out", out])).code).toBe(0);
    // The check's cache warm, so it is ready to compare while the writer still writes.
    const project = await tempDir("check-while-writing-project");
    expect((await start(["--specs", v2, "--out", out, "--check"], project).done).code).toBe(1);
    const writer = start(["--specs", v2, "--out", out]);
    await appears(out, TEMPORARY);
    // The writer paused half-way (well within the lock's 10 s), so the check meets it however
    // loaded the machine is; it goes on once the check says it waits.
    writer.kill("SIGSTOP");
    const check = start(["--specs", v2, "--out", out, "--check"], project);
    await vi.waitFor(() => expect(check.stderr()).toContain(WAITING(out, writer.pid)), { timeout: 8_000, interval: 50 });
    writer.kill("SIGCONT");
    const [written, checked] = await Promise.all([writer.done, check.done]);
    expect(written.code).toBe(0);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toContain("current");
    expect(existsSync(path.join(out, LOCK_DIR))).toBe(false);
  });

  test("a run stopped (SIGSTOP) past the lock's 10 s loses it to the next: that one writes, the stopped one, resumed, stops writing and says so", async () => {
    const out = path.join(await tempDir("stopped"), "generated");
    expect((await runFalgen(["--specs", v1, "--out", out])).code).toBe(0);
    const stopped = start(["--specs", v2, "--out", out]);
    await appears(out, TEMPORARY);
    stopped.kill("SIGSTOP");
    const next = await start(["--specs", v2, "--out", out]).done;
    stopped.kill("SIGCONT");
    const resumed = await stopped.done;
    expect(next.code).toBe(0);
    expect(next.stderr).toContain(WAITING(out, stopped.pid));
    expect(resumed.code).toBe(1);
    expect(resumed.stderr).toContain(`falgen: another falgen run took over the lock of ${out}/ after this run had not refreshed it for 10 s (it was stopped or its machine suspended); this run stopped writing there`);
    // The next run's package stands: nothing stale, missing or extra; at most the stopped run's temporary files, which generate removes.
    const check = await runFalgen(["--specs", v2, "--out", out, "--check"]);
    expect(check.stderr).not.toMatch(/^(stale|missing|extra):/m);
    expect((await runFalgen(["--specs", v2, "--out", out])).code).toBe(0);
    expect((await runFalgen(["--specs", v2, "--out", out, "--check"])).code).toBe(0);
  });
});
