import { afterAll } from "vitest";
import { runFileCleanups } from "./helpers/cleanup.js";

// Run before every test file (vitest.config.ts, setupFiles): each file's cleanups made outside its tests.
afterAll(runFileCleanups);
