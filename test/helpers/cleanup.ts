import { afterAll, onTestFinished } from "vitest";

/**
 * Runs `cleanup` when the test that calls this ends or, called outside a test (a beforeAll, a
 * file's top level), when the file ends. Registered per call, not when a helper module loads:
 * test files share loaded modules (vitest.config.ts, isolate off).
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
