import { afterAll, onTestFinished } from "vitest";

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
    afterAll(async () => {
      await cleanup();
    });
  }
}
