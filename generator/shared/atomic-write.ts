import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

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

/** Writes `contents` beside `target` (its folder created if missing); see {@link StagedFile}. */
export function stageFile(target: string, contents: string | Uint8Array): StagedFile {
  const partial = `${target}.falgen-${process.pid}.tmp`;
  mkdirSync(path.dirname(target), { recursive: true });
  try {
    writeFileSync(partial, contents);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  return { target, commit: () => renameSync(partial, target), discard: () => rmSync(partial, { force: true }) };
}

/** Replaces `target` whole (written beside it, then renamed over it): readers never see half of it. */
export function writeFileAtomic(target: string, contents: string | Uint8Array): void {
  stageFile(target, contents).commit();
}

/**
 * Stages every file, then commits them all; when one cannot be written, the ones staged are
 * removed and the error thrown, so no target changed.
 */
export function writeFilesAtomic(files: readonly { target: string; contents: string | Uint8Array }[]): void {
  const staged: StagedFile[] = [];
  try {
    for (const { target, contents } of files) staged.push(stageFile(target, contents));
  } catch (error) {
    for (const file of staged) file.discard();
    throw error;
  }
  for (const file of staged) file.commit();
}
