import { readdir } from "node:fs/promises";
import path from "node:path";
import { beforeAll, expect, test } from "vitest";
import { runFalgen } from "../helpers/run.js";
import { SHARED_FIXTURES, tempDir } from "../helpers/temp-dir.js";
import { typecheckPackage } from "../helpers/typecheck.js";

const BROKEN = "openrouter__router__openai__v1__chat__completions.json";

/** fal's real documents, as served, must generate as they are: all but the one that is broken. */
let out: string;
let stderr: string;
let code: number;
beforeAll(async () => {
  out = path.join(await tempDir("fixtures"), "generated");
  ({ stderr, code } = await runFalgen(["--specs", SHARED_FIXTURES, "--out", out, "--keep-going"]));
});

test("the broken fixture fails with its file and the unresolved pointer; the rest generate", async () => {
  expect(code).toBe(1);
  expect(stderr).toMatch(new RegExp(`${BROKEN.replace(/\./g, "\\.")}:\\d+ \\(at #/paths/~1openrouter~1router~1openai~1v1~1chat~1completions/post/requestBody/content/application~1json/schema/\\$ref\\): unresolved \\$ref #/components/schemas/RouterOpenaiV1ChatCompletionsInput`));
  const fixtures = (await readdir(SHARED_FIXTURES)).filter((name) => name.endsWith(".json") && name !== BROKEN);
  const modules = await readdir(path.join(out, "docs"), { recursive: true });
  expect(modules.filter((name) => name.endsWith(".md"))).toHaveLength(fixtures.length);
});

test("every generated client, and every example in its docs, type-checks under strict", async () => {
  const result = await typecheckPackage(out, await tempDir("fixtures-tsc"));
  expect(result.stdout).toBe("");
  expect(result.code).toBe(0);
});
