import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../", import.meta.url));
export const SPECS_DIR = path.join(REPO_ROOT, "specs");
/** The falgen command as users run it (`falgen generate ...`): it runs dist/, made by `npm run build`. */
export const FALGEN_BIN = path.join(REPO_ROOT, "bin/falgen.js");
export const TSC = path.join(REPO_ROOT, "node_modules/typescript/bin/tsc");
/** The same TypeScript as a library (its `executeCommandLine` is what bin/tsc runs). */
export const TYPESCRIPT_LIB = path.join(REPO_ROOT, "node_modules/typescript/lib/typescript.js");
/** Runs tsc and prints its phase times at full precision (see the file). */
export const TSC_PRECISE = path.join(REPO_ROOT, "bench/children/tsc-precise.cjs");
/** Real fal queue documents shared by the project's tests. */
export const SHARED_FIXTURES_DIR = path.join(REPO_ROOT, "test/fixtures/fal-openapi");
/** The one shared fixture that is broken as fal serves it (an undefined input schema). */
export const BROKEN_FIXTURE = "openrouter__router__openai__v1__chat__completions.json";
