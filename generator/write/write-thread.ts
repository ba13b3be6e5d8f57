import { parentPort, workerData } from "node:worker_threads";
import { fileWrites, sendableError, type ManifestEndpoint, type SentError, type WriteStep } from "./file-writes.js";

// The writing thread (a worker_threads Worker): runs the write stage's file system steps while
// the main thread emits the next files. Its own small bundle in a build (dist/write/write-thread.js);
// it loads nothing but node:fs, so it starts in a few milliseconds.

/** What the thread is started with. */
export interface ThreadData {
  dir: string;
  owned: string[];
  endpoints: ManifestEndpoint[];
  /** Set to 1 by the main thread when it undoes the run: writes still queued are skipped. */
  cancelled: Int32Array;
  /** How many write steps without an `id` the thread ran (or skipped): the main thread's measure of its backlog. */
  writesRun: Int32Array;
}

/** A step for the thread; with an `id`, the thread replies once it ran. */
export interface StepMessage {
  id?: number;
  step: WriteStep;
}

/** The thread's reply to a step with an `id`, or an unasked one (no `id`) when a write failed. */
export interface StepReply {
  id?: number;
  error?: SentError;
}

const { dir, owned, endpoints, cancelled, writesRun } = workerData as ThreadData;
const run = fileWrites(dir, owned, endpoints);
let failed = false;
parentPort!.on("message", ({ id, step }: StepMessage) => {
  let error: SentError | undefined;
  // After a failed write, or once the run is being undone, the writes still queued are not made: the undo comes next.
  if (step.step !== "write" || (!failed && Atomics.load(cancelled, 0) === 0)) {
    try {
      run(step);
    } catch (thrown) {
      failed = true;
      error = sendableError(thrown);
    }
  }
  if (step.step === "write" && id === undefined) Atomics.add(writesRun, 0, 1);
  if (id !== undefined || error) parentPort!.postMessage({ id, error } satisfies StepReply);
});
