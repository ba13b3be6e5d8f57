import { mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { readingHasher, type FileHasher } from "../cache/file-hashes.js";
import { contentHash } from "../content-hash.js";

// Synchronous file system calls throughout: for thousands of small files they take a fraction
// of the time of the promise API, which sends each call through libuv's thread pool.

/** Folders inside the output that the generator does not own: build output and installs. */
const NOT_OURS = new Set(["dist", "node_modules"]);

/**
 * A file the output should hold: its hash, and how to get its contents, which a run asks for only
 * when the file on disk differs (a cached endpoint's contents stay unread otherwise).
 */
export interface PlannedFile {
  sha256: string;
  contents(): Promise<string>;
}

/** Package-relative POSIX path -> the file the output should hold there. */
export type PlannedTree = ReadonlyMap<string, PlannedFile>;

/** A planned file whose contents are already at hand. */
export function plannedFile(contents: string): PlannedFile {
  return { sha256: contentHash(contents), contents: async () => contents };
}

export interface TreeDiff {
  stale: string[];
  missing: string[];
  extra: string[];
}

/** Lists files under `dir` (package-relative, POSIX), skipping folders the generator does not own. */
export function listTree(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
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

/** How the files on disk differ from the planned ones, comparing each file's hash (from `hasher`). */
export function diffTree(dir: string, planned: PlannedTree, hasher: FileHasher = readingHasher): TreeDiff {
  const onDisk = listTree(dir);
  const present = new Set(onDisk);
  const diff: TreeDiff = { stale: [], missing: [], extra: onDisk.filter((file) => !planned.has(file)) };
  for (const [file, { sha256 }] of planned) {
    if (!present.has(file)) diff.missing.push(file);
    else if (hasher.hash(path.resolve(dir, file))?.sha256 !== sha256) diff.stale.push(file);
  }
  diff.stale.sort();
  diff.missing.sort();
  return diff;
}

export function isClean(diff: TreeDiff): boolean {
  return diff.stale.length + diff.missing.length + diff.extra.length === 0;
}

/**
 * Makes `dir` hold exactly the planned files, touching only those that differ. First every new or
 * changed file is written: into folders this run creates, directly; into existing folders, beside
 * its target under a temporary name. So a failure while writing (a full disk, a permission)
 * leaves the old output whole. Then each temporary file is renamed over its target and the files
 * no longer generated are removed. Build output and installs are left alone.
 */
export async function updateTree(dir: string, planned: PlannedTree, hasher: FileHasher = readingHasher): Promise<TreeDiff> {
  const diff = diffTree(dir, planned, hasher);
  // The topmost folders this run creates, and whether each folder written to existed before.
  const createdFolders = new Set<string>();
  const existedBefore = new Map<string, boolean>();
  const insideCreated = (folder: string): boolean => {
    for (let current = folder; ; current = path.dirname(current)) {
      if (createdFolders.has(current)) return true;
      if (path.dirname(current) === current) return false;
    }
  };
  const folderExisted = (folder: string): boolean => {
    let existed = existedBefore.get(folder);
    if (existed === undefined) {
      const created = mkdirSync(folder, { recursive: true });
      if (created !== undefined) createdFolders.add(created);
      existed = created === undefined && !insideCreated(folder);
      existedBefore.set(folder, existed);
    }
    return existed;
  };
  const renames: { partial: string; target: string }[] = [];
  const written: { target: string; sha256: string }[] = [];
  try {
    for (const file of [...diff.stale, ...diff.missing]) {
      const target = path.resolve(dir, file);
      const { sha256, contents } = planned.get(file)!;
      if (folderExisted(path.dirname(target))) {
        const partial = `${target}.falgen-${process.pid}.tmp`;
        writeFileSync(partial, await contents());
        renames.push({ partial, target });
      } else {
        writeFileSync(target, await contents());
      }
      written.push({ target, sha256 });
    }
  } catch (error) {
    for (const { partial } of renames) rmSync(partial, { force: true });
    for (const folder of createdFolders) rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  for (const { partial, target } of renames) renameSync(partial, target);
  for (const { target, sha256 } of written) hasher.written(target, sha256);
  for (const file of diff.extra) {
    rmSync(path.join(dir, file), { force: true });
    removeEmptyFolders(dir, path.dirname(file));
  }
  return diff;
}

/** Removes `folder` (relative to `dir`) and its parents while they are empty. */
function removeEmptyFolders(dir: string, folder: string): void {
  for (let current = folder; current !== "." && current !== ""; current = path.dirname(current)) {
    try {
      rmdirSync(path.join(dir, current));
    } catch {
      return; // not empty (or already gone): its parents are not empty either
    }
  }
}
