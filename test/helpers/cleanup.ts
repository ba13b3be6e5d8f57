import { onTestFinished } from "vitest";

/** Cleanups asked for outside a test, run when the file ends (see `runFileCleanups`). */
const fileCleanups: (() => unknown)[] = [];

/**
 * Runs `cleanup` when the test that calls this ends or, called outside a test (a beforeAll, a
 * file's top level), when the file ends. Registered per call, not when a helper module loads:
 * test files share loaded modules (vitest.config.ts, isolate off). Not from a concurrent test
 * (`test.concurrent`, `describe.concurrent`): vitest's current test is then whichever started
 * last, so the cleanup could run when another test ends; such tests use what the file made.
 */
export function whenDone(cleanup: () => unknown): void {
  try {
    onTestFinished(async () => {
      await cleanup();
    });
  } catch {
    // An afterAll registered from inside a beforeAll never runs: the file's own afterAll (from
    // test/setup-file.ts, which vitest runs for every file) runs these instead.
    fileCleanups.push(cleanup);
  }
}

/** Runs, newest first, the cleanups `whenDone` was given outside a test. */
export async function runFileCleanups(): Promise<void> {
  for (const cleanup of fileCleanups.splice(0).reverse()) await cleanup();
}
