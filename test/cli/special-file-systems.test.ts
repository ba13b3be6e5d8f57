/**
 * Output and specs folders on file systems that refuse new folders: /proc answers "no such file" to
 * every mkdir (Node's recursive mkdir retried that forever: generate, import and capture hung at
 * full CPU, deaf to Ctrl-C and SIGTERM), /sys "operation not permitted" (reported as a falgen bug).
 * Each command must refuse in one line naming the folder, exit 2. Real processes with a deadline:
 * on a hang the process is killed and the test fails instead of hanging the run.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { REPO_ROOT, SHARED_FIXTURES, tempDir } from "../helpers/temp-dir.js";

const FLUX = path.join(SHARED_FIXTURES, "fal-ai__flux__dev.json");
const PAGE = path.join(REPO_ROOT, "test/fixtures/seeds/fal-model-docs.txt");

// Made here, not in a test: a concurrent test's folder is removed when that test ends (test/helpers/cleanup.ts).
const cwd = await tempDir("special-fs");

/** `falgen <args>` as a process, killed after `deadlineMs`: its exit code (null when killed) and stderr. */
async function falgenProcess(args: string[], deadlineMs = 30_000): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, "bin/falgen.js"), ...args], { cwd, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const deadline = setTimeout(() => child.kill("SIGKILL"), deadlineMs);
  const [code] = (await once(child, "exit")) as [number | null];
  clearTimeout(deadline);
  return { code, stderr };
}

const cases: [what: string, args: string[], folder: string][] = [
  ["generate --out /proc/<new>", ["generate", "--specs", path.join(REPO_ROOT, "specs"), "--out", "/proc/falgen-out/pkg", "--no-cache"], "/proc/falgen-out"],
  ["generate --out /sys/<new>", ["generate", "--specs", path.join(REPO_ROOT, "specs"), "--out", "/sys/falgen-out", "--no-cache"], "/sys/falgen-out"],
  ["import --specs /proc/<new>", ["import", "--specs", "/proc/falgen-specs", FLUX], "/proc/falgen-specs"],
  ["capture --specs /sys/<new>", ["capture", "--specs", "/sys/falgen-specs", PAGE], "/sys/falgen-specs"],
];

describe.skipIf(process.platform !== "linux")("folders falgen cannot create", () => {
  test.concurrent.each(cases)("%s: one line naming the folder, exit 2, no hang", async (_, args, folder) => {
    const { code, stderr } = await falgenProcess(args);
    expect(code).toBe(2);
    expect(stderr).not.toMatch(/falgen bug|^\s+at /m);
    // Its last line (capture notes endpoints without overrides first).
    expect(stderr.trim().split("\n").at(-1)).toMatch(new RegExp(`^falgen \\w+: cannot create ${folder}: (no such file or folder|operation not permitted)$`));
  });
});
