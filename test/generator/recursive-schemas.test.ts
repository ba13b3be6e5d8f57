import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { falSpec } from "../helpers/spec-factory.js";
import { tempDir } from "../helpers/temp-dir.js";
import { typecheckPackage } from "../helpers/typecheck.js";

test("a circular schema (a tree of nodes) gives a working recursive type", async () => {
  const spec = falSpec("fal-ai/tree", {
    TreeInput: {
      type: "object",
      properties: { prompt: { type: "string" }, tree: { $ref: "#/components/schemas/TreeNode" } },
      required: ["prompt", "tree"],
    },
    TreeNode: {
      type: "object",
      description: "A node with any number of children.",
      properties: { label: { type: "string" }, children: { type: "array", items: { $ref: "#/components/schemas/TreeNode" } } },
      required: ["label"],
    },
  });
  const specs = await tempDir("tree-specs");
  await mkdir(path.join(specs, "fal-ai"), { recursive: true });
  await writeFile(path.join(specs, "fal-ai/tree.json"), JSON.stringify(spec));
  const out = path.join(await tempDir("tree-out"), "generated");
  expect((await generate({ specsDir: specs, outDir: out, cacheDir: false })).errors).toEqual([]);

  const use = [
    'import type { TreeNode } from "@falgen/models/fal-ai/tree";',
    'const deep: TreeNode = { label: "root", children: [{ label: "a", children: [{ label: "a1" }] }, { label: "b" }] };',
    "const depth = (node: TreeNode): number => 1 + Math.max(0, ...(node.children ?? []).map(depth));",
    "console.log(depth(deep));",
    "// @ts-expect-error a child without its label",
    'const broken: TreeNode = { label: "root", children: [{ children: [] }] };',
    "console.log(broken);",
    "export {};",
  ].join("\n");
  const result = await typecheckPackage(out, await tempDir("tree-tsc"), { "use-tree.ts": use });
  expect(result.stdout).toBe("");
  expect(result.code).toBe(0);
});
