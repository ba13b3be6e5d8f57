import { readFileSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { makeFolders, stageFile, stagingName, writeFileAtomic, type StagedFile } from "../shared/atomic-write.js";
import { PathInTheWayError } from "../errors.js";

// The file system side of the write stage, alone: what runs on the writing thread
// (write-thread.ts), so it imports nothing but node:fs and the one atomic write. Synchronous calls
// throughout: for thousands of small files they take a fraction of the time of the promise API.

/**
 * The list of files falgen wrote in an output folder, kept in that folder. falgen deletes or
 * replaces only the files it lists, and refuses a non-empty folder without one: a folder it did
 * not make.
 */
export const MANIFEST_FILE = ".falgen-manifest.json";

/**
 * An endpoint of the package as its manifest records it: the spec it was made from (its path
 * inside the specs folder) and what the package-level files say of it. With these, `generate
 * --keep-going` keeps an endpoint's last good output when its spec no longer loads.
 */
export interface ManifestEndpoint {
  id: string;
  spec: string;
  category?: string;
}

/** `.falgen-manifest.json`: the package's endpoints by id, and the files of the output, sorted, one per line. */
export function emitManifest(files: Iterable<string>, endpoints: readonly ManifestEndpoint[] = []): string {
  const manifest = {
    comment: "The files `falgen generate` wrote in this folder (it deletes or replaces these only), and the spec each endpoint was made from. Keep this file.",
    ...(endpoints.length > 0 ? { endpoints: [...endpoints].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) } : {}),
    files: [...files].sort(),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** One step of writing an output folder, as the write stage sends it (package-relative POSIX paths). */
export type WriteStep =
  /** New or changed files, in the order given (the new manifest, if any, among them). */
  | { step: "write"; files: [file: string, contents: string][] }
  /**
   * Puts what was written in place: the staged files, then the removal of `extra` (files no
   * longer generated, and the folders that leaves empty) and of `leftovers` (temporary files of
   * an interrupted run), then the new manifest, last.
   */
  | { step: "commit"; extra: string[]; leftovers: string[] }
  /** Removes everything written so far and puts the old manifest back. */
  | { step: "undo" };

/**
 * The writes of one run into the output folder `dir`, whose manifest lists `owned`: each step
 * runs when given and throws what the file system threw (`endpoints`: the old manifest's, which
 * the manifests it writes before the new one keep). Every file is written into folders
 * this run creates directly; into folders that existed, beside its target under a temporary name
 * (stageFile), renamed over it on commit. So a failure or an undo before the commit leaves the old
 * output whole. Before any file the manifest does not list is written, the manifest is replaced
 * by one that lists it too (with the old files and what was written before): at every moment the
 * manifest on disk lists every file this run may have left, so a run killed part-way (SIGKILL, a
 * power cut) never leaves a file falgen wrote out of it, and the next run knows each as its own.
 */
export function fileWrites(dir: string, owned: readonly string[], endpoints: readonly ManifestEndpoint[]): (step: WriteStep) => void {
  const manifest = path.resolve(dir, MANIFEST_FILE);
  // Owned files and those written since: what the manifest on disk lists.
  const listed = new Set(owned);
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
      const [created] = makeFolders(folder);
      if (created !== undefined) createdFolders.add(created);
      existed = created === undefined && !insideCreated(folder);
      existedBefore.set(folder, existed);
    }
    return existed;
  };
  let staged: StagedFile[] = [];
  // Set once a manifest listing the new files replaced the old one (absent: undefined).
  let replacedManifest: { before: Buffer | undefined } | undefined;

  const write = (files: [file: string, contents: string][]) => {
    const unlisted = files.map(([file]) => file).filter((file) => file !== MANIFEST_FILE && !listed.has(file));
    if (unlisted.length > 0) {
      const before = replacedManifest ? replacedManifest.before : folderExisted(path.resolve(dir)) ? readIfPresent(manifest) : undefined;
      writeFileAtomic(manifest, emitManifest([...listed, ...unlisted], endpoints));
      for (const file of unlisted) listed.add(file);
      replacedManifest = { before };
    }
    for (const [file, contents] of files) {
      const target = path.resolve(dir, file);
      if (file !== MANIFEST_FILE && !folderExisted(path.dirname(target))) writeFileSync(target, contents);
      else staged.push(stageFile(target, contents));
    }
  };

  const commit = (extra: readonly string[], leftovers: readonly string[]) => {
    // A leftover of a process that had this one's id is this run's own staged file now.
    const stagedNames = new Set(staged.map(({ target }) => stagingName(target)));
    for (const file of leftovers) if (!stagedNames.has(path.resolve(dir, file))) rmSync(path.join(dir, file), { force: true });
    // The new manifest goes in last, once what it no longer lists is gone.
    for (const file of staged) if (file.target !== manifest) file.commit();
    for (const file of extra) {
      rmSync(path.join(dir, file), { force: true });
      removeEmptyFolders(dir, path.dirname(file));
    }
    for (const file of staged) if (file.target === manifest) file.commit();
    staged = [];
  };

  const undo = () => {
    for (const file of staged) file.discard();
    staged = [];
    if (replacedManifest?.before) writeFileAtomic(manifest, replacedManifest.before);
    else if (replacedManifest) rmSync(manifest, { force: true });
    replacedManifest = undefined;
    for (const folder of createdFolders) rmSync(folder, { recursive: true, force: true });
    createdFolders.clear();
  };

  return (step) => {
    if (step.step === "write") write(step.files);
    else if (step.step === "commit") commit(step.extra, step.leftovers);
    else undo();
  };
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
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

/** An error as it crosses from the writing thread: what it says, and what the CLI tells errors apart by. */
export interface SentError {
  name: string;
  message: string;
  stack?: string | undefined;
  code?: string | undefined;
  errno?: number | undefined;
  syscall?: string | undefined;
  path?: string | undefined;
  /** PathInTheWayError's file. */
  file?: string | undefined;
}

/** `error` as the writing thread sends it: structured cloning keeps neither an Error's class nor its `code`. */
export function sendableError(error: unknown): SentError {
  if (!(error instanceof Error)) return { name: "Error", message: String(error) };
  const { code, errno, syscall, path: file } = error as NodeJS.ErrnoException;
  return { name: error.name, message: error.message, stack: error.stack, code, errno, syscall, path: file, ...(error instanceof PathInTheWayError ? { file: error.file } : {}) };
}

/** The error the writing thread sent, as the thread that threw it had it: same class (of those the CLI tells apart), message and fields. */
export function receivedError({ name, file, ...fields }: SentError): Error {
  const error: Error = name === "PathInTheWayError" ? Object.create(PathInTheWayError.prototype) : new Error();
  const defined = Object.fromEntries(Object.entries({ ...fields, ...(file !== undefined ? { file } : {}) }).filter(([, value]) => value !== undefined));
  return Object.assign(error, defined, { name });
}
