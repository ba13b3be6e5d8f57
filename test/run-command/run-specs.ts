import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { REPO_ROOT, tempDir } from "../helpers/temp-dir.js";

/** The endpoints the `falgen run` tests call. */
const RUN_ENDPOINTS = ["fal-ai/qwen-image", "fal-ai/ideogram/v3/edit"];

/**
 * A specs folder holding copies of the repo's specs of the endpoints these tests call (more than
 * one, so the run still looks its endpoint up among others): `falgen run` loads every spec of its
 * folder, and the repo's thirteen made that most of each in-process run's time.
 */
export async function runSpecsDir(): Promise<string> {
  const dir = await tempDir("run-specs");
  for (const id of RUN_ENDPOINTS) {
    const file = path.join(dir, `${id}.yaml`);
    await mkdir(path.dirname(file), { recursive: true });
    await copyFile(path.join(REPO_ROOT, "specs", `${id}.yaml`), file);
  }
  return dir;
}
