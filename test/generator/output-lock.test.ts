import { utimesSync } from "node:fs";
import { cp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { shownPath } from "../../generator/errors.js";
import { generate } from "../../generator/pipeline.js";
import { LOCK_DIR, lockOutputFolder, type LockHolder } from "../../generator/write/output-lock.js";
import { MANIFEST_FILE } from "../../generator/write/output-tree.js";
import { falgen } from "../helpers/run.js";
import { SHARED_FIXTURES, tempDir } from "../helpers/temp-dir.js";

// Runs into one output folder take turns on its lock (generator/write/output-lock.ts). Here the
// other run is this process holding the lock; test/cli/concurrent-generate.test.ts has real
// processes started together, and one killed.

async function project(): Promise<{ specs: string; out: string }> {
  const specs = await tempDir("lock-specs");
  await cp(path.join(SHARED_FIXTURES, "fal-ai__flux__dev.json"), path.join(specs, "flux-dev.json"));
  return { specs, out: path.join(await tempDir("lock-out"), "generated") };
}

/** Whether `promise` is still pending after `ms`. */
async function pendingAfter(promise: Promise<unknown>, ms: number): Promise<boolean> {
  const pending = Symbol("pending");
  return (await Promise.race([promise.then(() => "settled", () => "settled"), new Promise((resolve) => setTimeout(() => resolve(pending), ms))])) === pending;
}

/** A lock as a run killed with SIGKILL `ageMs` ago leaves it: its note, a pid that no longer runs, not refreshed since. */
async function killedRunsLock(out: string, ageMs: number): Promise<void> {
  await mkdir(path.join(out, LOCK_DIR), { recursive: true });
  const since = new Date(Date.now() - ageMs);
  await writeFile(path.join(out, LOCK_DIR, "holder.json"), JSON.stringify({ pid: 2 ** 22 + 1, hostname: hostname(), checking: false, since: since.toISOString() } satisfies LockHolder));
  utimesSync(path.join(out, LOCK_DIR), since, since);
}

describe("the output folder's lock", () => {
  test("a run into a folder another holds waits for it, says who holds it, then writes; the lock goes with the run", async () => {
    const { specs, out } = await project();
    const other = (await lockOutputFolder(out, { checking: false }))!;
    const waits: (LockHolder | undefined)[] = [];
    const run = generate({ specsDir: specs, outDir: out, cacheDir: false, onWait: (holder) => waits.push(holder) });
    expect(await pendingAfter(run, 400)).toBe(true);
    expect(waits).toEqual([{ pid: process.pid, hostname: hostname(), checking: false, since: expect.any(String) }]);
    expect(await readdir(out)).toEqual([LOCK_DIR]);
    await other.release();
    expect((await run).ok).toBe(true);
    expect(waits).toHaveLength(1);
    expect(await readdir(out)).not.toContain(LOCK_DIR);
  });

  test("--check waits for a run that writes and compares only once it is done: never a half-written package", async () => {
    const { specs, out } = await project();
    await generate({ specsDir: specs, outDir: out, cacheDir: false });
    const writer = (await lockOutputFolder(out, { checking: false }))!;
    // What the writer has done so far: its new manifest is in place, a file it no longer lists is not yet gone.
    const manifest = await readFile(path.join(out, MANIFEST_FILE), "utf8");
    await writeFile(path.join(out, MANIFEST_FILE), manifest.replace('    "README.md",\n', ""));
    const waits: (LockHolder | undefined)[] = [];
    const check = generate({ specsDir: specs, outDir: out, cacheDir: false, check: true, onWait: (holder) => waits.push(holder) });
    expect(await pendingAfter(check, 400)).toBe(true);
    expect(waits).toEqual([expect.objectContaining({ pid: process.pid, checking: false })]);
    await writeFile(path.join(out, MANIFEST_FILE), manifest);
    await writer.release();
    const report = await check;
    expect(report.ok).toBe(true);
    expect(await readdir(out)).not.toContain(LOCK_DIR);
  });

  test("a run that writes waits for a check that compares", async () => {
    const { specs, out } = await project();
    await generate({ specsDir: specs, outDir: out, cacheDir: false });
    const check = (await lockOutputFolder(out, { checking: true }))!;
    const waits: (LockHolder | undefined)[] = [];
    const run = generate({ specsDir: specs, outDir: out, cacheDir: false, onWait: (holder) => waits.push(holder) });
    expect(await pendingAfter(run, 300)).toBe(true);
    expect(waits).toEqual([expect.objectContaining({ pid: process.pid, checking: true })]);
    await check.release();
    expect((await run).ok).toBe(true);
  });

  test("the CLI says in one line which run holds the folder and that it waits", async () => {
    const { specs, out } = await project();
    const other = (await lockOutputFolder(out, { checking: false }))!;
    const released = new Promise((resolve) => setTimeout(resolve, 300)).then(() => other.release());
    const result = await falgen(["generate", "--specs", specs, "--out", out, "--no-cache"]);
    await released;
    expect(result.code).toBe(0);
    const notice = result.stderr.split("\n").filter((line) => line.includes(LOCK_DIR) || line.includes("in use"));
    expect(notice).toEqual([
      expect.stringMatching(new RegExp(`^falgen: ${out.replaceAll("\\", "\\\\")}/ is in use by another falgen run \\(pid ${process.pid}, writing it since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\); waiting for it to finish \\(Ctrl-C stops waiting\\)\\.$`)),
    ]);
  });

  test("a lock a killed run left is taken over once stale, and never shows in the manifest, --check's findings or the package", async () => {
    const { specs, out } = await project();
    await generate({ specsDir: specs, outDir: out, cacheDir: false });
    await killedRunsLock(out, 60_000);
    const check = await falgen(["generate", "--specs", specs, "--out", out, "--no-cache", "--check"]);
    expect(check.code).toBe(0);
    // Taken over at once (stale), so no wait was announced.
    expect(check.stderr).not.toContain("falgen run");
    expect(await readdir(out)).not.toContain(LOCK_DIR);

    await killedRunsLock(out, 60_000);
    const run = await falgen(["generate", "--specs", specs, "--out", out, "--no-cache"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("0 written, 0 removed");
    expect(await readdir(out)).not.toContain(LOCK_DIR);
    expect(JSON.parse(await readFile(path.join(out, MANIFEST_FILE), "utf8")).files).not.toContainEqual(expect.stringContaining(LOCK_DIR));
  });

  test("a lock a killed run left, not yet stale: the notice says its holder no longer runs and when the lock expires", async () => {
    const { specs, out } = await project();
    await generate({ specsDir: specs, outDir: out, cacheDir: false });
    await killedRunsLock(out, 9_500);
    const check = await falgen(["generate", "--specs", specs, "--out", out, "--no-cache", "--check"]);
    expect(check.code).toBe(0);
    expect(check.stderr).toContain(`falgen: ${out}/ is locked by a falgen run that no longer runs (pid ${2 ** 22 + 1}, writing it since`);
    expect(check.stderr).toContain("; killed?); its lock expires within 10 s of its last refresh, then this run goes on.");
  });

  test("something else under the lock's name (a file, a folder of other files), fresh or old, is refused at once naming it, and left as it is", async () => {
    const { specs, out } = await project();
    await generate({ specsDir: specs, outDir: out, cacheDir: false });
    const lockPath = path.join(out, LOCK_DIR);
    const old = new Date(Date.now() - 60_000);
    const cases: [string, () => Promise<void>, string][] = [
      ["a file, fresh", () => writeFile(lockPath, "mine\n"), "a file, not a folder"],
      ["a file, old", async () => (await writeFile(lockPath, "mine\n"), utimesSync(lockPath, old, old)), "a file, not a folder"],
      ["a folder of other files, old", async () => (await mkdir(path.join(lockPath, "notes"), { recursive: true }), utimesSync(lockPath, old, old)), 'a folder falgen did not make (it holds "notes")'],
    ];
    for (const [what, make, reason] of cases) {
      await rm(lockPath, { recursive: true, force: true });
      await make();
      for (const check of [false, true]) {
        const started = Date.now();
        const result = await falgen(["generate", "--specs", specs, "--out", out, "--no-cache", ...(check ? ["--check"] : [])]);
        expect({ what, check, code: result.code, stderr: result.stderr.trim() }).toEqual({
          what,
          check,
          code: 2,
          stderr: `falgen generate: cannot write ${shownPath(lockPath)}: ${reason}, where falgen keeps the lock of ${out}/ while a run writes or checks it; move it away`,
        });
        // Not waited for as a lock that goes stale.
        expect(Date.now() - started).toBeLessThan(5_000);
      }
      expect(await readdir(out)).toContain(LOCK_DIR);
    }
    expect(await readFile(lockPath, "utf8").catch((error: NodeJS.ErrnoException) => error.code)).toBe("EISDIR");
    expect(await readdir(lockPath)).toEqual(["notes"]);
  });

  test("an output folder at or inside another folder's lock is refused, generate and --check alike, and nothing is written there", async () => {
    const { specs, out } = await project();
    await generate({ specsDir: specs, outDir: out, cacheDir: false });
    for (const inner of [path.join(out, LOCK_DIR), path.join(out, LOCK_DIR, "pkg")]) {
      for (const check of [false, true]) {
        const result = await falgen(["generate", "--specs", specs, "--out", inner, "--no-cache", ...(check ? ["--check"] : [])]);
        expect({ check, code: result.code, stderr: result.stderr.trim() }).toEqual({
          check,
          code: 2,
          stderr: `falgen generate: refusing to write to ${inner}: ${LOCK_DIR} is where falgen keeps the lock of the folder around it; name a folder of its own`,
        });
      }
    }
    expect(await readdir(out)).not.toContain(LOCK_DIR);
  });

  test("a run stopped while it waits rejects with the signal's reason, and the folder it made to wait in goes", async () => {
    const { specs, out } = await project();
    const parent = path.dirname(out);
    const other = (await lockOutputFolder(out, { checking: false }))!;
    const controller = new AbortController();
    const run = generate({ specsDir: specs, outDir: out, cacheDir: false, signal: controller.signal });
    expect(await pendingAfter(run, 200)).toBe(true);
    const reason = new Error("interrupted by SIGINT");
    controller.abort(reason);
    await expect(run).rejects.toBe(reason);
    await other.release();
    // The other run had made the folder to hold its lock, and released it empty.
    expect(await readdir(parent)).toEqual([]);
  });
});
