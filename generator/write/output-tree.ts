import { lstatSync, readdirSync, readFileSync, readlinkSync, realpathSync, statSync, type Dirent } from "node:fs";
import path from "node:path";
import { fileInTheWay, stagedTarget } from "../shared/atomic-write.js";
import { readingHasher, type FileHasher } from "../shared/file-hashes.js";
import { relativePaths } from "../shared/relative-paths.js";
import { contentHash } from "../shared/content-hash.js";
import { OutputFolderError, shownPath } from "../errors.js";
import { emitManifest, MANIFEST_FILE, type ManifestEndpoint } from "./file-writes.js";
import { LOCK_DIR } from "./output-lock.js";

// Synchronous file system calls throughout: for thousands of small files they take a fraction
// of the time of the promise API, which sends each call through libuv's thread pool.

export { MANIFEST_FILE, type ManifestEndpoint };

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

/** An output folder falgen may write to, and the files its manifest says falgen wrote there. */
export interface OutputFolder {
  /** The folder as the caller named it (messages use this). */
  dir: string;
  /** Package-relative POSIX paths from the folder's manifest; empty for a new or empty folder. */
  owned: ReadonlySet<string>;
  /** The package's endpoints as its manifest records them (none in a manifest of an older falgen). */
  endpoints: readonly ManifestEndpoint[];
  /** Every file in the folder (package-relative, POSIX, sorted), but those under node_modules/. */
  files: readonly string[];
  /** Whether the folder holds any file: when not, no planned file is there to compare, or in the way. */
  existed: boolean;
}

/**
 * Checks that `dir` may be an output folder by where it is, before anything is read or written:
 * throws {@link OutputFolderError} for the current folder or any folder containing it, the specs
 * folder, a folder containing it or inside it, and something that is not a folder (or a file where
 * one of its folders belongs).
 */
export function checkOutputPath(dir: string, { specsDir, cwd = process.cwd() }: { specsDir: string; cwd?: string }): void {
  const out = realPath(dir);
  const refuse = (reason: string) => new OutputFolderError(dir, reason);
  const current = realPath(cwd);
  if (out === current) throw refuse("it is the current folder; name a folder of its own, e.g. --out generated");
  if (isInside(current, out)) throw refuse("it contains the current folder");
  const specs = realPath(specsDir);
  if (out === specs) throw refuse("it is the specs folder");
  if (isInside(specs, out)) throw refuse(`it contains the specs folder ${specsDir}`);
  if (isInside(out, specs)) throw refuse(`it is inside the specs folder ${specsDir}`);
  // A run's files in another folder's lock would make that lock no lock (the run holding it could not remove it).
  if (out.split(path.sep).includes(LOCK_DIR)) throw refuse(`${LOCK_DIR} is where falgen keeps the lock of the folder around it; name a folder of its own`);
  try {
    if (!statSync(dir).isDirectory()) throw refuse("it is a file, not a folder");
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    if (code === "ENOENT") return;
    const file = code === "ENOTDIR" ? fileInTheWay(dir) : undefined;
    if (file !== undefined) throw refuse(`${shownPath(file)} is a file, not a folder`);
    throw error;
  }
}

/**
 * Checks that `dir` is a folder falgen may write to (see {@link checkOutputPath}), and reads its
 * manifest. Throws {@link OutputFolderError} for a folder refused by where it is, a non-empty folder
 * without a manifest, a manifest that is not falgen's, and a symbolic link (or a pipe, socket or
 * device) anywhere in it but node_modules/: never followed or read, by generate or by `--check`,
 * whose diff would print what it points to. The folder's lock (LOCK_DIR) is no part of it.
 */
export function openOutputFolder(dir: string, where: { specsDir: string; cwd?: string }): OutputFolder {
  checkOutputPath(dir, where);
  const refuse = (reason: string) => new OutputFolderError(dir, reason);
  let names: string[];
  let entries: Dirent[];
  try {
    entries = listEntries(dir);
    names = readdirSync(dir).filter((name) => name !== LOCK_DIR);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { dir, owned: new Set(), endpoints: [], files: [], existed: false };
    throw error;
  }
  const below = relativePaths(dir);
  const relative = (entry: Dirent) => below(`${entry.parentPath}${path.sep}${entry.name}`);
  const odd = entries.filter((entry) => !entry.isFile() && !entry.isDirectory()).sort((a, b) => (relative(a) < relative(b) ? -1 : 1));
  if (odd.length > 0) {
    const shown = odd.slice(0, 5).map((entry) => `${relative(entry)} (${oddKind(entry)})`);
    const more = odd.length > 5 ? ` and ${odd.length - 5} more` : "";
    throw refuse(`it holds ${odd.length === 1 ? "a symbolic link or special file" : "symbolic links or special files"}: ${shown.join(", ")}${more}; falgen neither follows nor reads them there: remove ${odd.length === 1 ? "it" : "them"}`);
  }
  const files = entries.filter((entry) => entry.isFile()).map(relative).sort();
  // A folder this run created to hold its lock holds nothing yet.
  const existed = files.length > 0;
  if (!names.includes(MANIFEST_FILE)) {
    // A run killed while writing the first manifest leaves only that manifest's temporary file.
    if (names.every((name) => stagedTarget(name) === MANIFEST_FILE)) return { dir, owned: new Set(), endpoints: [], files, existed };
    throw refuse(`it is not empty and has no ${MANIFEST_FILE}, so falgen did not make it; choose a new or empty folder`);
  }
  const manifest = path.join(dir, MANIFEST_FILE);
  if (!lstatSync(manifest).isFile()) throw refuse(`${MANIFEST_FILE} is not a file`);
  const parsed = parseManifest(readFileSync(manifest, "utf8"));
  if (!parsed) throw refuse(`${MANIFEST_FILE} is not a list of files falgen wrote; restore it from version control`);
  return { dir, owned: new Set(parsed.files), endpoints: parsed.endpoints, files, existed };
}

/** Every entry below `dir`, links not followed, skipping installs (node_modules/, not even read) and the folder's lock. */
function listEntries(dir: string): Dirent[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.name !== "node_modules" && entry.name !== LOCK_DIR)
    .flatMap((entry) => (entry.isDirectory() ? [entry, ...readdirSync(path.join(dir, entry.name), { recursive: true, withFileTypes: true })] : [entry]));
}

/** What an entry that is neither a file nor a folder is, for messages: a link with its target. */
function oddKind(entry: Dirent): string {
  if (entry.isSymbolicLink()) return `a symbolic link to ${readlinkSync(path.join(entry.parentPath, entry.name))}`;
  return entry.isFIFO() ? "a named pipe" : entry.isSocket() ? "a socket" : "a device";
}

function parseManifest(text: string): { files: string[]; endpoints: ManifestEndpoint[] } | undefined {
  try {
    const { files, endpoints } = JSON.parse(text) as { files?: unknown; endpoints?: unknown };
    // Paths are checked too: a manifest must never name a file outside its folder.
    if (!Array.isArray(files) || !files.every((file) => typeof file === "string" && isPackagePath(file))) return undefined;
    // Endpoint records only let --keep-going keep an endpoint's files (those the list names): ones that are not falgen's are no use, not harm.
    const records = Array.isArray(endpoints) ? endpoints.filter(isManifestEndpoint) : [];
    return { files, endpoints: records.map(({ id, spec, category }) => ({ id, spec, ...(category !== undefined ? { category } : {}) })) };
  } catch {
    return undefined; // not JSON
  }
}

function isManifestEndpoint(record: unknown): record is ManifestEndpoint {
  const { id, spec, category } = (record ?? {}) as Partial<Record<keyof ManifestEndpoint, unknown>>;
  return typeof id === "string" && typeof spec === "string" && (category === undefined || typeof category === "string");
}

function isPackagePath(file: string): boolean {
  return file !== "" && !file.startsWith("/") && file.split("/").every((part) => part !== "" && part !== "." && part !== "..");
}

/**
 * The planned files plus the manifest that lists them, and the package's `endpoints`: what the
 * output folder should hold. A tree that has its manifest is returned as it is.
 */
export function withManifest(planned: PlannedTree, endpoints: readonly ManifestEndpoint[] = []): PlannedTree {
  if (planned.has(MANIFEST_FILE)) return planned;
  return new Map([...planned, [MANIFEST_FILE, plannedFile(emitManifest(planned.keys(), endpoints))]]);
}

/** The real path of `file`, resolving symlinks in the part of it that exists. */
function realPath(file: string): string {
  const missing: string[] = [];
  for (let current = path.resolve(file); ; current = path.dirname(current)) {
    try {
      return path.join(realpathSync(current), ...missing.reverse());
    } catch {
      if (path.dirname(current) === current) return path.resolve(file);
      missing.push(path.basename(current));
    }
  }
}

/** Whether `child` is strictly inside `parent` (both absolute). */
function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative !== "" && relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

/** How the output differs from the plan: package-relative paths, sorted. */
export interface TreeDiff {
  /** Planned files whose contents on disk differ. */
  stale: string[];
  /** Planned files not on disk. */
  missing: string[];
  /** Files falgen wrote earlier that are no longer planned. */
  extra: string[];
  /**
   * Files falgen neither plans nor wrote, inside the folders the output is made of (`src/`,
   * `docs/`: the folders the package's `files` publishes). falgen never deletes them (they are not
   * its own), but they would be published, so `--check` lists them as extra too.
   */
  unlisted: string[];
  /**
   * Temporary files a run stopped part-way (killed, a power cut) left beside files falgen writes,
   * named as `stagingName` names them: falgen's own, so generate removes them and `--check` lists them.
   */
  leftovers: string[];
}

/** Lists the files under `dir` (package-relative, POSIX, sorted), skipping installs (node_modules/, not even read) and the folder's lock. */
export function listTree(dir: string): string[] {
  let entries;
  try {
    entries = listEntries(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}

/**
 * How the output folder differs from the planned files and their manifest, comparing each file's
 * hash (from `hasher`). Only files the manifest lists can be extra: any other file is not
 * falgen's. Throws {@link OutputFolderError} when a planned file exists but falgen did not write it.
 */
export function diffTree(output: OutputFolder, planned: PlannedTree, hasher: FileHasher = readingHasher): TreeDiff {
  const tree = withManifest(planned);
  const changed = { stale: [] as string[], missing: [] as string[] };
  const foreign: string[] = [];
  for (const [file, { sha256 }] of tree) {
    const state = fileState(output, file, sha256, hasher);
    if (state === "foreign") foreign.push(file);
    else if (state !== "current") changed[state].push(file);
  }
  if (foreign.length > 0) throw notFalgens(output, foreign);
  return completeDiff(output, tree, changed);
}

/**
 * How the file at `file` (package-relative) compares with the planned one of hash `sha256`:
 * `foreign` when it exists but falgen did not write it (a file it must not replace).
 */
export function fileState(output: OutputFolder, file: string, sha256: string, hasher: FileHasher): "current" | "stale" | "missing" | "foreign" {
  // Not looked up in a new folder: a full run's thousands of look-ups would each meet the files being created.
  if (!output.existed) return "missing";
  const onDisk = hasher.hash(path.resolve(output.dir, file))?.sha256;
  if (onDisk === undefined) return "missing";
  if (!output.owned.has(file) && file !== MANIFEST_FILE) return "foreign";
  return onDisk === sha256 ? "current" : "stale";
}

/** Planned files that exist but falgen did not write (see {@link fileState}): a folder it must not write to. */
export function notFalgens(output: OutputFolder, foreign: readonly string[]): OutputFolderError {
  const more = foreign.length > 1 ? ` (and ${foreign.length - 1} more)` : "";
  return new OutputFolderError(output.dir, `${foreign[0]}${more} exists but falgen did not write it (it is not in ${MANIFEST_FILE}); move it away`);
}

/** The whole diff, from the planned files found stale or missing: the extra, unlisted and leftover files too, everything sorted. */
export function completeDiff(output: OutputFolder, tree: PlannedTree, { stale, missing }: { stale: readonly string[]; missing: readonly string[] }): TreeDiff {
  const diff: TreeDiff = { stale: [...stale].sort(), missing: [...missing].sort(), extra: [], unlisted: [], leftovers: [] };
  for (const file of output.owned) if (!tree.has(file) && entryType(path.join(output.dir, file)) !== undefined) diff.extra.push(file);
  const generatedFolders = new Set([...tree.keys()].filter((file) => file.includes("/")).map((file) => file.split("/")[0]!));
  const falgens = (file: string) => tree.has(file) || output.owned.has(file);
  for (const file of output.files) {
    const target = stagedTarget(file);
    if (target !== undefined && falgens(target)) diff.leftovers.push(file);
    else if (file.includes("/") && generatedFolders.has(file.split("/")[0]!) && !falgens(file)) diff.unlisted.push(file);
  }
  diff.extra.sort();
  return diff;
}

export function isClean(diff: TreeDiff): boolean {
  return diff.stale.length + diff.missing.length + diff.extra.length + diff.unlisted.length + diff.leftovers.length === 0;
}

/** What is at `file` without following a symbolic link: undefined when nothing is. */
function entryType(file: string): "symlink" | "other" | undefined {
  try {
    return lstatSync(file).isSymbolicLink() ? "symlink" : "other";
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw error;
  }
}
