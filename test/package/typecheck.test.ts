import { mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, expect, test } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { caseConsumers, writeCaseSpecs } from "../helpers/cases.js";
import { runFalgen, type RunResult } from "../helpers/run.js";
import { falSpec } from "../helpers/spec-factory.js";
import { REPO_ROOT, SHARED_FIXTURES, tempDir } from "../helpers/temp-dir.js";
import { typecheckPackages, type ConsumerCase, type TypecheckResult } from "../helpers/typecheck.js";

/**
 * Every generated package the fast tests type-check, as a consumer meets it (its .d.ts, every
 * export, every example in its README and docs, strict, skipLibCheck off), in one tsc program:
 * TypeScript and its DOM libs load and check once, not once per package. Each test reads the
 * diagnostics of its own package and consumer files.
 */

const BROKEN_FIXTURE = "openrouter__router__openai__v1__chat__completions.json";

const TREE = falSpec("fal-ai/tree", {
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

const USE_TREE = [
  'import type { TreeNode } from "@falgen/models/fal-ai/tree";',
  'const deep: TreeNode = { label: "root", children: [{ label: "a", children: [{ label: "a1" }] }, { label: "b" }] };',
  "const depth = (node: TreeNode): number => 1 + Math.max(0, ...(node.children ?? []).map(depth));",
  "console.log(depth(deep));",
  "// @ts-expect-error a child without its label",
  'const broken: TreeNode = { label: "root", children: [{ children: [] }] };',
  "console.log(broken);",
  "export {};",
].join("\n");

let work: string;
let fixtures: RunResult & { out: string };
let treeErrors: unknown[];
let casesErrors: unknown[];
let tsc: TypecheckResult;

beforeAll(async () => {
  work = await tempDir("typecheck");
  const cases: ConsumerCase[] = [{ name: "generated", packageDir: path.join(REPO_ROOT, "generated") }];

  const fixturesOut = path.join(work, "packages/fixtures");
  fixtures = { ...(await runFalgen(["--specs", SHARED_FIXTURES, "--out", fixturesOut, "--keep-going"])), out: fixturesOut };
  cases.push({ name: "fixtures", packageDir: fixturesOut });

  const casesSpecs = path.join(work, "specs/cases");
  await writeCaseSpecs(casesSpecs);
  const casesOut = path.join(work, "packages/cases");
  casesErrors = (await generate({ specsDir: casesSpecs, outDir: casesOut, cacheDir: false })).errors;
  cases.push({ name: "cases", packageDir: casesOut, extraFiles: await caseConsumers() });

  const treeSpecs = path.join(work, "specs/tree");
  await mkdir(path.join(treeSpecs, "fal-ai"), { recursive: true });
  await writeFile(path.join(treeSpecs, "fal-ai/tree.json"), JSON.stringify(TREE));
  const treeOut = path.join(work, "packages/tree");
  treeErrors = (await generate({ specsDir: treeSpecs, outDir: treeOut, cacheDir: false })).errors;
  cases.push({ name: "tree", packageDir: treeOut, extraFiles: { "use-tree.ts": USE_TREE } });

  const consumers = path.join(work, "consumers");
  await mkdir(consumers);
  tsc = await typecheckPackages(cases, consumers);
});

test("the generated package (generated/), as a consumer sees it (its .d.ts, every export, every example in its README and docs), type-checks under strict", () => {
  expect(tsc.byCase.get("generated")).toBe("");
});

test("fal's real documents generate as they are: the broken fixture fails with its file and the unresolved pointer; the rest generate", async () => {
  expect(fixtures.code).toBe(1);
  expect(fixtures.stderr).toMatch(new RegExp(`${BROKEN_FIXTURE.replace(/\./g, "\\.")}:\\d+:\\d+ \\(at #/paths/~1openrouter~1router~1openai~1v1~1chat~1completions/post/requestBody/content/application~1json/schema/\\$ref\\): unresolved \\$ref #/components/schemas/RouterOpenaiV1ChatCompletionsInput`));
  const valid = (await readdir(SHARED_FIXTURES)).filter((name) => name.endsWith(".json") && name !== BROKEN_FIXTURE);
  const docs = await readdir(path.join(fixtures.out, "docs"), { recursive: true });
  expect(docs.filter((name) => name.endsWith(".md"))).toHaveLength(valid.length);
});

test("fal's real documents: every generated client, and every example in its docs, type-checks under strict", () => {
  expect(tsc.byCase.get("fixtures")).toBe("");
});

test("the kinds of issue 16: the package, its docs' and README's examples and every consumer file type-check under strict", () => {
  expect(casesErrors).toEqual([]);
  // Unused `@ts-expect-error` lines (a type too loose) are errors too, so an empty report covers both directions.
  expect(tsc.byCase.get("cases")).toBe("");
});

test("a circular schema (a tree of nodes) gives a working recursive type", () => {
  expect(treeErrors).toEqual([]);
  expect(tsc.byCase.get("tree")).toBe("");
});
