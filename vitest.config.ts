import { defineConfig } from "vitest/config";

/**
 * Tests that are slow by nature: a real `npm pack` and install, fast-check properties (each run
 * generates and type-checks packages), the 500- and 200-call soaks through faults, a real terminal
 * through tmux, the bin's code cache (three cold starts), signals to a real generate of 100 specs,
 * the runtime's response body limits (each test pours a few hundred MiB through loopback), `falgen
 * run` against a hostile queue (stalls it must time out on, signals to real processes), generate
 * runs into one folder at once (real processes, one killed, its lock waited out), `falgen run`
 * in real processes on full devices, closed pipes and stdin, and through retries of a failing
 * queue (trial-findings). `npm test` runs the fast set (project
 * `fast`); `npm run test:slow` these; `npm run test:all` (what .ci/run runs) both, the fast set
 * first.
 */
const SLOW = [
  "test/package/packed-install.test.ts",
  "test/package/falgen-tool.test.ts",
  "test/cli/code-cache.test.ts",
  // ten runs of the falgen command: the printed templates the generation cache keeps
  "test/cli/printed-templates.test.ts",
  "test/generator/hostile-specs.test.ts",
  "test/generator/schema-property.test.ts",
  "test/runtime/validation-parity.test.ts",
  "test/e2e/soak.test.ts",
  "test/e2e/resilience.test.ts",
  "test/run-command/terminal.test.ts",
  "test/cli/interrupted-generate.test.ts",
  "test/cli/concurrent-generate.test.ts",
  "test/runtime/body-limits.test.ts",
  "test/run-command/hostile-queue.test.ts",
  "test/run-command/trial-findings.test.ts",
  "test/cli/special-file-systems.test.ts",
  // mocks node:fs/promises: in the fast set's shared modules downloads.ts may be loaded already, with the real link
  "test/run-command/no-hard-links.test.ts",
  "test/generator/read-only-output.test.ts",
];

export default defineConfig({
  // The generator runs from its sources here, with the writing thread of the build (which
  // test/global-setup.ts keeps current), as the build itself sets it (scripts/build.ts): Node 20
  // starts no thread from a .ts file, and without one the tests would never meet it.
  define: { FALGEN_WRITE_THREAD: JSON.stringify(new URL("dist/write/write-thread.js", import.meta.url).href) },
  test: {
    // dist/ rebuilt when generator/ changed: the tests that start the falgen process run it.
    globalSetup: ["test/global-setup.ts"],
    // Each file's cleanups made outside its tests (test/helpers/cleanup.ts) run when it ends.
    setupFiles: ["test/setup-file.ts"],
    // Transformed modules kept on disk between runs (node_modules/.experimental-vitest-cache, keyed
    // by each file's contents): a run after the first transforms only what changed. Measured on
    // npm test: transform 6.7 s -> 1.1 s, import 8.2 s -> 3.2 s, about 6 s of CPU.
    experimental: { fsModuleCache: true },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Three files at a time, where vitest's default (cores - 1) runs one on 2 cores: many files wait
    // on loopback servers, timers and processes. On 2 cores, npm test took 50 s with two and 41 s
    // with three (same run state); four measured no faster, and the tests whose timers are a few
    // hundred ms (the simulator's queue) missed them under that load.
    maxWorkers: 3,
    // Concurrent tests (test.concurrent, describe.concurrent) at once, where vitest's default is 5:
    // the simulator protocol's walk of its 8 endpoints is one round, not two.
    maxConcurrency: 8,
    projects: [
      {
        extends: true,
        // Files share each worker's loaded modules (the generator, the simulator, the runtime,
        // vite's transforms) instead of loading them again per file: isolated, each file started a
        // process of its own. Helpers register cleanups per call (test/helpers/cleanup.ts), never
        // when they load. The runtime keeps process state (the last keys it sent, which every error
        // message is scrubbed of): no file's messages hold another's keys (the runtime's files
        // passed in one worker in shuffled orders, seeds 7 and 99).
        test: { name: "fast", include: ["test/**/*.test.ts"], exclude: SLOW, isolate: false, sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        // After the fast set (test:all); CPU-bound, so up to 300 s a test on a busy 2-core machine.
        test: { name: "slow", include: SLOW, testTimeout: 300_000, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
