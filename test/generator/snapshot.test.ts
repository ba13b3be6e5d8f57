import { cp, mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "vitest";
import { listTree } from "../../generator/write/output-tree.js";
import { runFalgen } from "../helpers/run.js";
import { REPO_ROOT, tempDir } from "../helpers/temp-dir.js";

/**
 * The whole package generated from one spec, compared file by file with reviewed snapshots in
 * test/generator/__snapshots__/qwen-image/ (update with `npx vitest run -u` and review the diff).
 * The runtime is left out: it is the same for every package (test/package/generated-package.test.ts).
 */
test("fal-ai/qwen-image generates exactly the reviewed files", async () => {
  const specs = await tempDir("snapshot-specs");
  await mkdir(path.join(specs, "fal-ai"), { recursive: true });
  await cp(path.join(REPO_ROOT, "specs/fal-ai/qwen-image.yaml"), path.join(specs, "fal-ai/qwen-image.yaml"));
  const out = path.join(await tempDir("snapshot-out"), "generated");
  expect((await runFalgen(["--specs", specs, "--out", out])).code).toBe(0);

  const files = (await listTree(out)).filter((file) => !file.startsWith("src/runtime/"));
  expect(files).toEqual([
    ".falgen-manifest.json",
    "README.md",
    "docs/fal-ai/qwen-image.md",
    "package.json",
    "src/all.d.ts",
    "src/all.js",
    "src/endpoints/fal-ai/qwen-image/index.d.ts",
    "src/endpoints/fal-ai/qwen-image/index.js",
    "src/endpoints/fal-ai/qwen-image/types.d.ts",
    "src/endpoints/fal-ai/qwen-image/types.js",
    "src/index.d.ts",
    "src/index.js",
  ]);
  for (const file of files) {
    await expect(await readFile(path.join(out, file), "utf8")).toMatchFileSnapshot(`__snapshots__/qwen-image/${file}.snap`);
  }
});
