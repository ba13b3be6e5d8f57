import { execFile } from "node:child_process";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";

const ROOT = path.resolve(import.meta.dirname, "..");

/**
 * The tests that start the `falgen` process run bin/falgen.js, which loads the build (dist/), as
 * a user's does, and the README's API examples type-check against its declarations. When it is
 * missing (a fresh clone: falgen has no `prepare` script, which every install of its tarball would
 * flag) or a source it is built from changed since, this builds it (`npm run build`), so those
 * tests never meet stale code.
 */
export default async function buildWhenStale(): Promise<void> {
  const built = await stat(path.join(ROOT, "dist/cli.cjs")).then((info) => info.mtimeMs, () => 0);
  if ((await newestSource()) <= built) return;
  await promisify(execFile)(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/build.ts"], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
}

/** The last change to what scripts/build.ts builds from: generator/, the lock file, the build script. */
async function newestSource(): Promise<number> {
  const entries = await readdir(path.join(ROOT, "generator"), { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
  files.push(path.join(ROOT, "package-lock.json"), path.join(ROOT, "scripts/build.ts"));
  const times = await Promise.all(files.map(async (file) => (await stat(file)).mtimeMs));
  return Math.max(...times);
}
