import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { OutputFiles } from "../emit/emit-all.js";

/** Folders inside the output that the generator does not own: build output and installs. */
const NOT_OURS = new Set(["dist", "node_modules"]);

export interface TreeDiff {
  stale: string[];
  missing: string[];
  extra: string[];
}

/** Lists files under `dir` (package-relative, POSIX), skipping folders the generator does not own. */
export async function listTree(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .filter((file) => !NOT_OURS.has(file.split("/")[0]!))
    .sort();
}

/** How the files on disk differ from what the generator would write. */
export async function diffTree(dir: string, files: OutputFiles): Promise<TreeDiff> {
  const onDisk = await listTree(dir);
  const diff: TreeDiff = { stale: [], missing: [], extra: onDisk.filter((file) => !files.has(file)) };
  const present = new Set(onDisk);
  await Promise.all(
    [...files].map(async ([file, contents]) => {
      if (!present.has(file)) diff.missing.push(file);
      else if ((await readFile(path.join(dir, file), "utf8")) !== contents) diff.stale.push(file);
    }),
  );
  diff.stale.sort();
  diff.missing.sort();
  return diff;
}

export function isClean(diff: TreeDiff): boolean {
  return diff.stale.length + diff.missing.length + diff.extra.length === 0;
}

/**
 * Replaces `dir` with exactly `files`: writes a sibling temp folder, then swaps it in with renames,
 * so a failure while writing leaves the old output whole. Build output and installs are carried over.
 */
export async function writeTree(dir: string, files: OutputFiles): Promise<void> {
  const target = path.resolve(dir);
  const staging = `${target}.falgen-staging-${process.pid}`;
  const retired = `${target}.falgen-retired-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  try {
    const folders = new Set([...files.keys()].map((file) => path.dirname(path.join(staging, file))));
    for (const folder of [...folders].sort()) await mkdir(folder, { recursive: true });
    await Promise.all([...files].map(([file, contents]) => writeFile(path.join(staging, file), contents)));
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  const existing = await readdir(target).catch(() => undefined);
  if (existing === undefined) {
    await mkdir(path.dirname(target), { recursive: true });
    await rename(staging, target);
    return;
  }
  for (const name of existing.filter((entry) => NOT_OURS.has(entry))) await rename(path.join(target, name), path.join(staging, name));
  await rename(target, retired);
  await rename(staging, target);
  await rm(retired, { recursive: true, force: true });
}
