import { readFileSync, statSync, type BigIntStats } from "node:fs";
import { contentHash } from "./content-hash.js";
import { pathInTheWay, writeFileAtomic } from "./atomic-write.js";

/** A file's sha256, with its bytes when they had to be read for it. */
export interface FileHash {
  sha256: string;
  bytes?: Uint8Array;
}

/** Hashes files on disk; what the load stage keys specs by and the write stage compares output by. */
export interface FileHasher {
  /** undefined when there is no such file. */
  hash(file: string): FileHash | undefined;
  /** Notes the hash of a file this run has just written. */
  written(file: string, sha256: string): void;
  save(): void;
}

/** Reads and hashes every file, every time. */
export const readingHasher: FileHasher = {
  hash: readAndHash,
  written: () => {},
  save: () => {},
};

function readAndHash(file: string): FileHash | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    return notAFile(file, error);
  }
  return { sha256: contentHash(bytes), bytes };
}

/**
 * No file at `file`: undefined when nothing is there; a folder there, or a file where one of its
 * folders belongs, is a located PathInTheWayError (falgen writes that file next).
 */
function notAFile(file: string, error: unknown): undefined {
  const { code } = error as NodeJS.ErrnoException;
  if (code === "EISDIR" || code === "ENOTDIR") throw pathInTheWay(file) ?? error;
  if (code === "ENOENT") return undefined;
  throw error;
}

/**
 * A file's stat as a record starts: size, mtime, ctime and inode (nanoseconds), each followed by a
 * space; the sha256 follows. One string per file: the record of a large package is parsed, and
 * each file's compared, a few times faster than as an array of five.
 */
function statPrefix(stats: BigIntStats): string {
  return `${stats.size} ${stats.mtimeNs} ${stats.ctimeNs} ${stats.ino} `;
}

/**
 * Hashes remembered by each file's stat, in `recordFile`, so a file nobody touched since the last
 * run is not read again: what git's index does. Any write to a file changes its ctime, which no
 * tool can set back. A file whose mtime is not older than the record itself may have changed in
 * the same clock tick after it was hashed ("racily clean", in git's words), so it is read again.
 * Only files this run asked about are kept, so the record does not grow without bound.
 */
export function rememberingHasher(recordFile: string): FileHasher {
  let known: { [file: string]: unknown } = {};
  let recordedAt = 0n;
  try {
    const parsed: unknown = JSON.parse(readFileSync(recordFile, "utf8"));
    if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) {
      known = parsed as typeof known;
      recordedAt = statSync(recordFile, { bigint: true }).mtimeNs;
    }
  } catch {
    // no record yet, or an unreadable one: every file is read
  }
  const kept: { [file: string]: string } = {};
  let changed = 0;
  const keep = (file: string, stats: BigIntStats, sha256: string) => {
    const record = statPrefix(stats) + sha256;
    if (known[file] !== record) changed++;
    kept[file] = record;
  };
  return {
    hash(file) {
      let stats: BigIntStats;
      try {
        stats = statSync(file, { bigint: true });
      } catch (error) {
        return notAFile(file, error);
      }
      const record = known[file];
      const prefix = statPrefix(stats);
      // A record of another version of falgen (not a string) only means the file is read.
      if (typeof record === "string" && stats.mtimeNs < recordedAt && record.length === prefix.length + SHA256_LENGTH && record.startsWith(prefix)) {
        kept[file] = record;
        return { sha256: record.slice(prefix.length) };
      }
      const read = readAndHash(file);
      if (read) keep(file, stats, read.sha256);
      return read;
    },
    written(file, sha256) {
      keep(file, statSync(file, { bigint: true }), sha256);
    },
    save() {
      // A few records changed (a regeneration after one spec changed: the spec and its files) are
      // not worth rewriting the whole record: the next run only reads those few files again, as
      // their stat no longer matches. It is rewritten once more changed, or files are gone.
      if (changed <= FEW_CHANGED && Object.keys(kept).length === Object.keys(known).length) return;
      try {
        writeFileAtomic(recordFile, JSON.stringify(kept));
      } catch {
        // an unwritable record only costs the next run the reading
      }
    },
  };
}

/** How many changed records the record file may lack (see `save`): their files are small, and each costs a read and a hash. */
const FEW_CHANGED = 16;

/** A sha256 in hex. */
const SHA256_LENGTH = 64;
