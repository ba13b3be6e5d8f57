import { lstatSync, mkdir, readdirSync, readFileSync, rmdir, rmdirSync, rmSync, writeFileSync } from "node:fs";
import * as fs from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { PathInTheWayError } from "../errors.js";
import { makeFolders } from "../shared/atomic-write.js";

/**
 * The lock of an output folder: a folder of this name inside it (proper-lockfile's lock, made by
 * one atomic mkdir), there while a run writes the folder or compares it (`--check`). Runs into the
 * same folder take turns on it, so none sees or makes a half-written package. Outside what the
 * package publishes (its `files`: src/, docs/, README.md), its manifest and every listing of the
 * folder.
 */
export const LOCK_DIR = ".falgen-lock";

/** Who holds a lock: written into the lock when taken, read by a run that finds it held. */
export interface LockHolder {
  pid: number;
  hostname: string;
  /** Whether the holder writes the folder (`generate`) or only compares it (`--check`). */
  checking: boolean;
  /** When it took the lock (ISO 8601). */
  since: string;
}

/** The holder's note inside the lock folder. */
const HOLDER_FILE = "holder.json";

/**
 * How long a lock may go without being refreshed (its holder refreshes it every few seconds)
 * before another run takes it over: a run killed with SIGKILL, or on a machine that lost power,
 * never released it. Long enough that a busy holder is never taken for a dead one.
 */
export const STALE_LOCK_MS = 10_000;

/** How often a run waiting for a lock tries it again: a mkdir and a stat each time. */
const RETRY_MS = 50;

/**
 * The lock of an output folder was taken over by another run: this one had not refreshed it for
 * {@link STALE_LOCK_MS} (it was stopped, or its machine suspended), so the other took it for a
 * killed run's. The run stops writing, and leaves the folder to the other.
 */
export class LockLostError extends Error {
  constructor(dir: string) {
    super(`another falgen run took over the lock of ${dir}/ after this run had not refreshed it for ${STALE_LOCK_MS / 1000} s (it was stopped or its machine suspended); this run stopped writing there: run \`falgen generate\` again once the other is done`);
    this.name = "LockLostError";
  }
}

/** An output folder's lock, held. */
export interface OutputLock {
  /** Aborted (with an Error saying so) when another run took the lock over: this run was stalled past {@link STALE_LOCK_MS}. */
  lost: AbortSignal;
  /** Releases the lock; the folder goes too if this run created it (to hold the lock) and left it empty. */
  release(): Promise<void>;
}

export interface LockOptions {
  /** Whether the run only compares (`--check`): it creates no folder, and a folder it cannot write to (or none) it compares unlocked. */
  checking: boolean;
  /** Stops the wait: the call rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Called once, before waiting, when another run holds the lock; with its holder when the lock says who. */
  onWait?: ((holder: LockHolder | undefined) => void) | undefined;
}

/**
 * Takes the lock of the output folder `dir`, waiting (as long as its holder runs) while another
 * run holds it; a lock its holder stopped refreshing ({@link STALE_LOCK_MS}) is taken over. A run
 * that writes creates `dir` to hold the lock in it. Undefined when there is nothing to lock: for a
 * check, no folder (nothing written yet, which no run can be doing half-way either); for any run, a
 * folder it may not write to (read-only, or another user's).
 *
 * proper-lockfile does the locking: an atomic mkdir, the holder refreshing the lock's mtime, a
 * stale lock taken over, and the lock removed when the process exits, even by process.exit.
 */
export async function lockOutputFolder(dir: string, { checking, signal, onWait }: LockOptions): Promise<OutputLock | undefined> {
  // Loaded here, not with the module: its signal-exit hooks only the runs that lock. A CommonJS
  // module: its exports are the default export, in Node and in falgen's bundles alike.
  const { lock } = (await import("proper-lockfile")).default;
  const lockDir = path.join(dir, LOCK_DIR);
  const lost = new AbortController();
  let created = false;
  let noticed = false;
  let unnoted = 0;
  try {
    for (;;) {
      signal?.throwIfAborted();
      if (!checking) created = makeFolders(dir).length > 0 || created;
      try {
        const release = await lock(dir, {
          lockfilePath: lockDir,
          realpath: false,
          stale: STALE_LOCK_MS,
          fs: lockFs({ pid: process.pid, hostname: hostname(), checking, since: new Date().toISOString() }),
          onCompromised: () => lost.abort(new LockLostError(dir)),
        });
        const held = created;
        created = false;
        return {
          lost: lost.signal,
          async release() {
            // Compromised, it was released already: another run holds it now.
            if (!lost.signal.aborted) await release();
            if (held) removeIfEmpty(dir);
          },
        };
      } catch (error) {
        const { code } = error as NodeJS.ErrnoException;
        // Something else under the lock's name (a file, a folder of other files) is never taken for
        // a lock: said at once, not after waiting for it to go stale, nor by removing it then.
        const foreign = code === "ELOCKED" || code === "ENOTDIR" || code === "ENOTEMPTY" ? notALock(lockDir) : undefined;
        if (foreign !== undefined) throw new PathInTheWayError(lockDir, `${foreign}, where falgen keeps the lock of ${dir}/ while a run writes or checks it`);
        if (code === "ELOCKED") {
          // Its holder writes its note just after taking the lock: a lock without one yet is
          // looked at again a moment later, so that the notice can say who holds it.
          const holder = readHolder(lockDir);
          if (!noticed && (holder !== undefined || unnoted++ > 0)) {
            onWait?.(holder);
            noticed = true;
          }
          await sleep(RETRY_MS);
          continue;
        }
        // The folder went: a run that had created it left it empty. A writer makes it again.
        if (code === "ENOENT" && !checking) continue;
        // Nothing to lock: a check of no folder, or a folder this run may not write to, which a
        // run with nothing to write there must not fail for (one that must write fails at its first file).
        if ((checking && code === "ENOENT") || code === "EACCES" || code === "EPERM" || code === "EROFS") return undefined;
        throw error;
      }
    }
  } finally {
    // Not locked (stopped while waiting, or failed): a folder made to hold the lock goes.
    if (created) removeIfEmpty(dir);
  }
}

/**
 * The file system proper-lockfile works through: node's, but the lock is made with the holder's
 * note in it (before proper-lockfile sets the lock's mtime, which it then watches: a file written
 * into the lock later would change it), and removed with the note (proper-lockfile removes a lock
 * with rmdir, which fails on a folder holding a file).
 */
function lockFs(holder: LockHolder) {
  return {
    ...fs,
    mkdir: (dir: string, callback: (error: NodeJS.ErrnoException | null) => void) =>
      mkdir(dir, (error) => {
        if (error) return callback(error);
        try {
          writeFileSync(path.join(dir, HOLDER_FILE), `${JSON.stringify(holder)}\n`);
        } catch (noted) {
          // Not taken after all (a full disk): the lock goes again, and the run fails with why.
          rmSync(dir, { recursive: true, force: true });
          return callback(noted as NodeJS.ErrnoException);
        }
        callback(null);
      }),
    rmdir: (dir: string, callback: (error: NodeJS.ErrnoException | null) => void) => {
      try {
        rmSync(path.join(dir, HOLDER_FILE), { force: true });
      } catch (error) {
        // A file under the lock's name (ENOTDIR): the call fails, not the process.
        return callback(error as NodeJS.ErrnoException);
      }
      rmdir(dir, callback);
    },
    rmdirSync: (dir: string) => {
      rmSync(path.join(dir, HOLDER_FILE), { force: true });
      rmdirSync(dir);
    },
  };
}

/** The holder's note, when the lock has one yet (its holder writes it just after taking the lock). */
function readHolder(lockDir: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(readFileSync(path.join(lockDir, HOLDER_FILE), "utf8")) as LockHolder;
    return typeof holder.pid === "number" && typeof holder.hostname === "string" && typeof holder.since === "string" ? holder : undefined;
  } catch {
    return undefined;
  }
}

/** What is at `lockDir` when it is not a lock (a file, a folder holding more than a holder's note); undefined for a lock, or nothing. */
function notALock(lockDir: string): string | undefined {
  try {
    if (!lstatSync(lockDir).isDirectory()) return "a file, not a folder";
    const others = readdirSync(lockDir).filter((name) => name !== HOLDER_FILE);
    return others.length === 0 ? undefined : `a folder falgen did not make (it holds ${others.slice(0, 3).map((name) => JSON.stringify(name)).join(", ")}${others.length > 3 ? ", ..." : ""})`;
  } catch {
    return undefined;
  }
}

/** Whether `holder` is a process of this machine that no longer runs: a killed run, whose lock goes stale. */
export function holderIsGone(holder: LockHolder): boolean {
  if (holder.hostname !== hostname()) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

function removeIfEmpty(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // not empty (what a run wrote), or gone: either way not this run's to remove
  }
}
