import { watch, type FSWatcher } from "node:fs";

/** Stops watching. */
export type StopWatching = () => void;

const SETTLE_MS = 100;

/**
 * Calls `reload` after files below `dir` change, once the changes have settled for 100 ms (an
 * editor's save is several events), and never while a reload is still running.
 */
export function watchSpecs(dir: string, reload: () => Promise<void>): StopWatching {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  const run = () => {
    timer = undefined;
    if (running) {
      again = true;
      return;
    }
    running = reload()
      .catch(() => undefined)
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          run();
        }
      });
  };
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, { recursive: true }, () => {
      clearTimeout(timer);
      timer = setTimeout(run, SETTLE_MS);
    });
    // A folder removed while served leaves the last loaded specs in place.
    watcher.on("error", () => watcher?.close());
  } catch {
    // No such folder: nothing to watch; the registry reported it when loading.
  }
  return () => {
    clearTimeout(timer);
    watcher?.close();
  };
}
