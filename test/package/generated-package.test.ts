import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "vitest";
import { REPO_ROOT, tempDir } from "../helpers/temp-dir.js";
import { typecheckPackage } from "../helpers/typecheck.js";

const GENERATED = path.join(REPO_ROOT, "generated");

test("the whole generated package, with every example in its README and docs, type-checks under strict", async () => {
  const result = await typecheckPackage(GENERATED, await tempDir("generated-tsc"));
  expect(result.stdout).toBe("");
  expect(result.code).toBe(0);
});

test("the runtime in generated/ is byte-identical to generator/runtime/", async () => {
  const source = path.join(REPO_ROOT, "generator/runtime");
  const copy = path.join(GENERATED, "src/runtime");
  const names = (await readdir(source)).filter((name) => name.endsWith(".ts")).sort();
  expect(names.length).toBeGreaterThan(0);
  expect((await readdir(copy)).sort(), "the same runtime files").toEqual(names);
  for (const name of names) {
    const [original, copied] = await Promise.all([readFile(path.join(source, name)), readFile(path.join(copy, name))]);
    expect(copied.equals(original), `generated/src/runtime/${name} differs from generator/runtime/${name}`).toBe(true);
  }
});

test("the runtime imports nothing from node: and no Node globals, so it runs on any fetch runtime", async () => {
  const source = path.join(REPO_ROOT, "generator/runtime");
  for (const name of await readdir(source)) {
    const text = await readFile(path.join(source, name), "utf8");
    expect(text, name).not.toMatch(/from\s+["']node:|require\(|\bBuffer\b/);
  }
});
