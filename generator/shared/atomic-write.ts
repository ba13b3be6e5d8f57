import { existsSync, mkdirSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PathInTheWayError, shownPath } from "../errors.js";

/**
 * A file written beside its target under a temporary name, not yet in place: `commit` renames it
 * over the target (atomic on one file system, so a reader sees the old file or the new one, never
 * half of one), `discard` removes it. Several staged files committed together after all were
 * written make a failure part-way (a full disk) leave every target as it was.
 */
export interface StagedFile {
  target: string;
  commit(): void;
  discard(): void;
}

/**
 * The name a file is written under beside `target` before it is renamed over it:
 * `<target>.falgen-<pid>.tmp`. falgen's own pattern, so that one a run killed before it could clean
 * up (SIGKILL, a power cut) is known for what it is by the next (see {@link stagedTarget}).
 */
export function stagingName(target: string, pid: number = process.pid): string {
  return `${target}.falgen-${pid}.tmp`;
}

const STAGING_NAME = /^(.+)\.falgen-\d+\.tmp$/;

/** The target of a file named by {@link stagingName} (by any process); undefined for any other name. */
export function stagedTarget(file: string): string | undefined {
  return STAGING_NAME.exec(file)?.[1];
}

/**
 * Writes `contents` beside `target` (its folder created if missing); see {@link StagedFile}.
 * @throws {PathInTheWayError} when a folder is at `target` or a file is where one of its folders
 * belongs: found before anything is written, since the rename would fail only after.
 */
export function stageFile(target: string, contents: string | Uint8Array): StagedFile {
  const partial = stagingName(target);
  makeFolder(target);
  if (statOrUndefined(target)?.isDirectory()) throw new PathInTheWayError(target, "it is a folder");
  try {
    writeFileSync(partial, contents);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  return { target, commit: () => renameSync(partial, target), discard: () => rmSync(partial, { force: true }) };
}

/**
 * Creates `folder` and its missing parents, one level at a time, as `mkdirSync(folder, { recursive:
 * true })` would but for two things: under a file system that answers "no such file" to every
 * mkdir (/proc), Node's recursive mkdir retries forever; and a failure part-way removes the
 * folders this call created. Returns the folders it created, outermost first. Throws what mkdir
 * threw (its `path` the folder it could not create).
 */
export function makeFolders(folder: string): string[] {
  const missing: string[] = [];
  let at = path.resolve(folder);
  for (; !existsSync(at) && path.dirname(at) !== at; at = path.dirname(at)) missing.unshift(at);
  // A file where the folder belongs: mkdir's own EEXIST or ENOTDIR, as the recursive mkdir throws.
  if (!statSync(at).isDirectory()) mkdirSync(path.join(at, "_"));
  const created: string[] = [];
  try {
    for (const each of missing) {
      try {
        mkdirSync(each);
        created.push(each);
      } catch (error) {
        // Made meanwhile (by a concurrent run): not this call's.
        if ((error as NodeJS.ErrnoException).code !== "EEXIST" || !statSync(each).isDirectory()) throw error;
      }
    }
  } catch (error) {
    // Innermost first, each while still empty.
    for (const each of [...created].reverse()) {
      try {
        rmdirSync(each);
      } catch {
        break;
      }
    }
    throw error;
  }
  return created;
}

/** Creates `target`'s folder; a file where one of its folders belongs is a {@link PathInTheWayError}. */
function makeFolder(target: string): void {
  try {
    makeFolders(path.dirname(target));
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    if (code !== "EEXIST" && code !== "ENOTDIR") throw error;
    throw pathInTheWay(target) ?? error;
  }
}

/**
 * What in the tree stops `target` being written as a file: a folder at `target`, or a file (or
 * anything but a folder) where one of its folders belongs. undefined when nothing does.
 */
export function pathInTheWay(target: string): PathInTheWayError | undefined {
  const absolute = path.resolve(target);
  const file = fileInTheWay(path.dirname(absolute));
  if (file !== undefined) return new PathInTheWayError(target, `${shownPath(file)} is a file, not a folder`);
  return statOrUndefined(absolute)?.isDirectory() ? new PathInTheWayError(target, "it is a folder") : undefined;
}

/**
 * What stops `folder` being a folder or made one: `folder` itself or the nearest of its parents
 * that exists, when that is not a folder (absolute). undefined when nothing does.
 */
export function fileInTheWay(folder: string): string | undefined {
  for (let current = path.resolve(folder); ; current = path.dirname(current)) {
    const stats = statOrUndefined(current);
    if (stats !== undefined) return stats.isDirectory() ? undefined : current;
    if (path.dirname(current) === current) return undefined;
  }
}

function statOrUndefined(file: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(file);
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw error;
  }
}

/** Replaces `target` whole (written beside it, then renamed over it): readers never see half of it. */
export function writeFileAtomic(target: string, contents: string | Uint8Array): void {
  writeFilesAtomic([{ target, contents }]);
}

/**
 * Stages every file, then commits them all. A folder or file in the way of any target is a
 * {@link PathInTheWayError} before anything is written. When one cannot be staged, or a rename fails, every
 * temporary file still staged is removed and the error thrown: no `.falgen-*.tmp` file is left
 * behind, and when staging failed no target changed.
 */
export function writeFilesAtomic(files: readonly { target: string; contents: string | Uint8Array }[]): void {
  // Checked for all first, so a refusal creates no folder for the files before it either.
  for (const { target } of files) {
    const problem = pathInTheWay(target);
    if (problem) throw problem;
  }
  const staged: StagedFile[] = [];
  let committed = 0;
  try {
    for (const { target, contents } of files) staged.push(stageFile(target, contents));
    for (const file of staged) {
      file.commit();
      committed++;
    }
  } catch (error) {
    for (const file of staged.slice(committed)) file.discard();
    throw error;
  }
}
