import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { consumerTsconfig, installPackedPackage, type ScratchProject } from "../helpers/packed-package.js";
import { runTsc } from "../helpers/run.js";

let project: ScratchProject;
beforeAll(async () => {
  project = await installPackedPackage();
}, 600_000);
afterAll(() => project?.remove());

async function typecheck(name: string, source: string) {
  await writeFile(path.join(project.dir, `${name}.ts`), source);
  await writeFile(path.join(project.dir, `tsconfig.${name}.json`), consumerTsconfig("nodenext", [`${name}.ts`]));
  return runTsc(["-p", `tsconfig.${name}.json`], project.dir);
}

test("the installed tarball type-checks a strict program using fal-ai/qwen-image", async () => {
  const result = await typecheck(
    "good",
    [
      'import { createFalClient, FalApiError } from "@falgen/models";',
      'import * as qwen from "@falgen/models/fal-ai/qwen-image";',
      "const fal = createFalClient({ credentials: \"key\" });",
      'const { data, requestId } = await qwen.subscribe(fal, { prompt: "a fox", num_images: 2, output_format: "png" });',
      "const url: string = data.images[0]!.url;",
      "const seed: number = data.seed;",
      "console.log(url, seed, requestId, qwen.endpointId, FalApiError.name);",
      "export {};",
    ].join("\n"),
  );
  expect(result.stdout).toBe("");
  expect(result.code).toBe(0);
});

test("a missing prompt is a type error", async () => {
  const result = await typecheck(
    "missing-prompt",
    ['import { createFalClient } from "@falgen/models";', 'import * as qwen from "@falgen/models/fal-ai/qwen-image";',
      "await qwen.subscribe(createFalClient(), { num_images: 2 });", "export {};"].join("\n"),
  );
  expect(result.code).not.toBe(0);
  expect(result.stdout).toMatch(/missing-prompt\.ts\(3,\d+\): error TS\d+: [^\n]*\n\s+Property 'prompt' is missing/);
});

test("a wrong enum value is a type error", async () => {
  const result = await typecheck(
    "bad-enum",
    ['import { createFalClient } from "@falgen/models";', 'import * as qwen from "@falgen/models/fal-ai/qwen-image";',
      'await qwen.subscribe(createFalClient(), { prompt: "x", output_format: "gif" });', "export {};"].join("\n"),
  );
  expect(result.code).not.toBe(0);
  expect(result.stdout).toContain(`'"gif"' is not assignable`);
});
