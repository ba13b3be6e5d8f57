import { mkdtemp, rm } from "node:fs/promises";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const SHARED_FIXTURES = path.resolve(REPO_ROOT, "../shared/fixtures/fal-openapi");

/**
 * A fresh folder inside the repo (so generated packages resolve the repo's node_modules),
 * removed when the test file ends.
 */
export async function tempDir(prefix: string): Promise<string> {
  const base = path.join(REPO_ROOT, ".tmp");
  mkdirSync(base, { recursive: true });
  const dir = await mkdtemp(path.join(base, `${prefix}-`));
  afterAll(() => rm(dir, { recursive: true, force: true }));
  return dir;
}
