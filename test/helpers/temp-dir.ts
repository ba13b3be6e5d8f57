import { mkdtemp, rm } from "node:fs/promises";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { whenDone } from "./cleanup.js";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** Real fal queue documents, as fal serves them (a copy kept in the repo, so a fresh clone stands alone). */
export const SHARED_FIXTURES = path.join(REPO_ROOT, "test/fixtures/fal-openapi");

/**
 * A fresh folder inside the repo (so generated packages resolve the repo's node_modules),
 * removed when the test that made it ends (or, made outside a test, when the file ends).
 */
export async function tempDir(prefix: string): Promise<string> {
  const base = path.join(REPO_ROOT, ".tmp");
  mkdirSync(base, { recursive: true });
  const dir = await mkdtemp(path.join(base, `${prefix}-`));
  whenDone(() => rm(dir, { recursive: true, force: true }));
  return dir;
}
