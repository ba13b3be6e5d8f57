import path from "node:path";
import { Worker } from "node:worker_threads";
import { readingHasher, type FileHasher } from "../shared/file-hashes.js";
import { interruptionPoints } from "../shared/interruption-points.js";
import { fileWrites, MANIFEST_FILE, receivedError, type WriteStep } from "./file-writes.js";
import { completeDiff, fileState, notFalgens, withManifest, type OutputFolder, type PlannedFile, type PlannedTree, type TreeDiff } from "./output-tree.js";
import type { StepMessage, StepReply, ThreadData } from "./write-thread.js";

/**
 * Set by falgen's build (scripts/build.ts) to where the writing thread's bundle is, relative to
 * this module; absent when running from sources (Node 20 starts no thread from a `.ts` file), where
 * every file is written on the main thread.
 */
declare const FALGEN_WRITE_THREAD: string | undefined;
const THREAD_SCRIPT = typeof FALGEN_WRITE_THREAD === "string" ? new URL(FALGEN_WRITE_THREAD, import.meta.url) : undefined;

/**
 * How many files go to the writing thread at a time. A run that writes fewer in all (a
 * regeneration after one spec changed writes three) writes them on the main thread when emit is
 * done: starting the thread would cost it more than it saves.
 */
const BATCH = 64;

/** The write stage of one run, fed file by file as emit makes them. */
export interface TreeWriter {
  /**
   * Takes one planned file: compared with the file on disk (its contents asked for only when they
   * differ), and written when they differ, on the writing thread while emit goes on. Lets a signal
   * stop the run (see `interruptionPoints`); throws a failure of an earlier write.
   */
  write(file: string, planned: PlannedFile): Promise<void>;
  /**
   * Once every file was given (`planned`: all of them, with or without the manifest): writes the new
   * manifest, then puts every written file in place, removes the files no longer generated and
   * the temporary files an interrupted run left, and the manifest last; returns how the output
   * differed. Until the files are put in place, a failure or the signal undoes the run (and is
   * thrown); from then on it runs to the end.
   * @throws {OutputFolderError} when a planned file exists but falgen did not write it (the run undone).
   */
  finish(planned: PlannedTree): Promise<TreeDiff>;
  /**
   * Undoes what was written (see `fileWrites`); for a run that fails before `finish`. Not once
   * `lost` is aborted: another run holds the folder then, and the undo would put back a manifest
   * and remove folders that are that run's now (this run's temporary files stay, for the next
   * run to remove).
   */
  undo(): Promise<void>;
}

/** Where the steps of a run's writes run: on the main thread, or on the writing thread. */
interface Writes {
  /** Runs `step` (on the writing thread: queues it; a failure shows in `failure`). */
  send(step: WriteStep): void;
  /** Runs `step` and waits for its end; throws its failure, or one of a step sent before it. */
  run(step: WriteStep): Promise<void>;
  /** The first failure of a step sent, once known. */
  readonly failure: Error | undefined;
  /** How many write steps sent have not run yet. */
  readonly backlog: number;
  close(): void;
}

/**
 * The write stage of a run into `output` (see {@link TreeWriter}): makes the folder hold exactly
 * the planned files and their manifest, touching only files that differ and deleting only files
 * its manifest lists. The folder holds no symbolic link (`openOutputFolder` refused it), so nothing
 * is written outside it; how each file is written, and why a failure or kill part-way loses
 * nothing, is `fileWrites`' to say.
 */
export function writeTree(output: OutputFolder, { hasher = readingHasher, signal, lost }: { hasher?: FileHasher; signal?: AbortSignal; lost?: AbortSignal } = {}): TreeWriter {
  const checkpoint = interruptionPoints(signal);
  const changed = { stale: [] as string[], missing: [] as string[] };
  const foreign: string[] = [];
  const written: { target: string; sha256: string }[] = [];
  let pending: [file: string, contents: string][] = [];
  let writes: Writes | undefined;
  const flush = (last: boolean) => {
    if (pending.length === 0) return;
    writes ??= !last && THREAD_SCRIPT ? threadWrites(output, THREAD_SCRIPT) : inPlaceWrites(output);
    const files = pending;
    pending = [];
    writes.send({ step: "write", files });
  };
  const write = async (file: string, { sha256, contents }: PlannedFile) => {
    await checkpoint();
    if (writes?.failure) throw writes.failure;
    const state = fileState(output, file, sha256, hasher);
    if (state === "current") return;
    if (state === "foreign") foreign.push(file);
    else changed[state].push(file);
    // With a file falgen must not replace, the run fails in `finish`: nothing more is written.
    if (foreign.length > 0) return;
    pending.push([file, await contents()]);
    written.push({ target: path.resolve(output.dir, file), sha256 });
    // While the thread has a batch queued besides the one it writes, the next grows: fewer, larger
    // batches, each one replacement of the manifest fewer.
    if (pending.length >= BATCH && (writes?.backlog ?? 0) <= 1) flush(false);
  };
  const undo = async () => {
    if (!writes) return;
    try {
      if (!lost?.aborted) await writes.run({ step: "undo" });
    } finally {
      writes.close();
    }
  };

  return {
    write,
    async finish(planned) {
      const tree = withManifest(planned);
      try {
        await write(MANIFEST_FILE, tree.get(MANIFEST_FILE)!);
        if (foreign.length > 0) throw notFalgens(output, foreign);
        flush(true);
        // Every write done (or its failure known), and the last chance for the signal: which need
        // not wait for the writes still queued (the undo skips them).
        await doneOrAborted(writes?.run({ step: "write", files: [] }), signal);
        await checkpoint();
        signal?.throwIfAborted();
      } catch (error) {
        await undo();
        throw error;
      }
      const diff = completeDiff(output, tree, changed);
      writes ??= inPlaceWrites(output);
      try {
        await writes.run({ step: "commit", extra: diff.extra, leftovers: diff.leftovers });
      } finally {
        writes.close();
      }
      for (const { target, sha256 } of written) hasher.written(target, sha256);
      return diff;
    },
    undo,
  };
}

/**
 * Waits for `done`, or rejects with the signal's reason once it is aborted, whichever comes first.
 * Its abort listener goes when it settles: a caller may pass one signal to many runs.
 */
async function doneOrAborted(done: Promise<void> | undefined, signal: AbortSignal | undefined): Promise<void> {
  if (!done || !signal) return done;
  let onAbort = () => {};
  try {
    await Promise.race([done, new Promise<never>((_resolve, reject) => signal.addEventListener("abort", (onAbort = () => reject(signal.reason)), { once: true }))]);
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}

function inPlaceWrites(output: OutputFolder): Writes {
  const run = fileWrites(output.dir, [...output.owned], output.endpoints);
  return {
    send: run,
    run: async (step) => run(step),
    failure: undefined,
    backlog: 0,
    close: () => {},
  };
}

/**
 * The writes on a thread of their own (write-thread.ts), so that files are created (~0.7 ms of
 * kernel time each on ext4) on the second core while this thread emits: the promise API would not
 * do, since each of its calls waits for a turn of this thread's event loop, which emit keeps busy.
 */
function threadWrites(output: OutputFolder, script: URL): Writes {
  const cancelled = new Int32Array(new SharedArrayBuffer(4));
  const writesRun = new Int32Array(new SharedArrayBuffer(4));
  let writesSent = 0;
  // None of this process's Node flags: the thread needs none, and some refuse a thread (`--input-type`, which `node -e` scripts pass, ends it as it starts).
  const worker = new Worker(script, { execArgv: [], workerData: { dir: output.dir, owned: [...output.owned], endpoints: [...output.endpoints], cancelled, writesRun } satisfies ThreadData });
  let failure: Error | undefined;
  const waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  let next = 0;
  let exited = false;
  const stopped = (error: Error) => {
    failure ??= error;
    for (const call of waiting.values()) call.reject(error);
    waiting.clear();
  };
  worker.on("message", ({ id, error }: StepReply) => {
    const received = error && receivedError(error);
    if (received) failure ??= received;
    const call = id === undefined ? undefined : waiting.get(id);
    if (!call) return;
    waiting.delete(id!);
    if (received) call.reject(received);
    else call.resolve();
  });
  worker.on("error", stopped);
  worker.on("exit", (code) => {
    exited = true;
    stopped(new Error(`falgen's writing thread stopped (exit code ${code}) before the run's files were in place`));
  });
  const post = (message: StepMessage) => worker.postMessage(message);
  return {
    send(step) {
      if (step.step === "write") writesSent++;
      post({ step });
    },
    async run(step) {
      // An undo skips the writes still queued before it.
      if (step.step === "undo") Atomics.store(cancelled, 0, 1);
      if (exited) throw failure!;
      const id = next++;
      await new Promise<void>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        post({ id, step });
      });
      if (failure && step.step === "write") throw failure;
    },
    get failure() {
      return failure;
    },
    get backlog() {
      return writesSent - Atomics.load(writesRun, 0);
    },
    close: () => void worker.terminate(),
  };
}
