import { cp, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { falSpec } from "./spec-factory.js";
import { REPO_ROOT } from "./temp-dir.js";

/**
 * The kinds of issue 16, each from a small fal queue document: test/fixtures/cases/specs, plus two
 * built here for the kinds without a sample. test/generator/cases.test.ts generates and serves
 * them; test/package/typecheck.test.ts type-checks the package with a consumer file per case.
 */
const CASES = path.join(REPO_ROOT, "test/fixtures/cases");

const PROTOTYPE_NAMES = falSpec("acme/prototype-names", {
  PrototypeNamesInput: {
    type: "object",
    required: ["prompt"],
    properties: {
      prompt: { type: "string" },
      constructor: { type: "string" },
      toString: { type: "integer" },
      valueOf: { type: "boolean" },
      hasOwnProperty: { type: "string" },
      isPrototypeOf: { type: "string" },
      propertyIsEnumerable: { type: "string" },
      toLocaleString: { type: "string" },
    },
  },
  PrototypeNamesOutput: { type: "object", properties: { images: { type: "array", items: { type: "string" } }, constructor: { type: "string" } } },
});

const object = (key: string) => ({ type: "object", required: [key], properties: { [key]: { type: "string" } } });
const GLOBAL_NAMES = falSpec("acme/global-names", {
  GlobalNamesInput: {
    type: "object",
    required: ["prompt"],
    properties: Object.fromEntries([
      ["prompt", { type: "string" }],
      ...["record:Record", "object:Object", "array:Array", "promise:Promise", "submit:submit", "queued:QueueStatus", "blob:Blob", "fn:Function", "iterable:AsyncIterable", "partial:Partial", "runtime:$runtime"].map(
        (pair) => {
          const [field, schema] = pair.split(":");
          return [field!, { $ref: `#/components/schemas/${schema}` }];
        },
      ),
    ]),
  },
  Record: object("key"),
  Object: object("key"),
  Array: { type: "object", properties: { items: { type: "array", items: { type: "string" } } } },
  Promise: object("then"),
  submit: object("when"),
  QueueStatus: { type: "object", properties: { position: { type: "integer" } } },
  Blob: object("size"),
  Function: object("name"),
  AsyncIterable: object("next"),
  Partial: object("part"),
  $runtime: object("core"),
});

/** Writes every case's spec into `specsDir`. */
export async function writeCaseSpecs(specsDir: string): Promise<void> {
  await cp(path.join(CASES, "specs"), specsDir, { recursive: true });
  await writeFile(path.join(specsDir, "prototype-names.json"), JSON.stringify(PROTOTYPE_NAMES));
  await writeFile(path.join(specsDir, "global-names.json"), JSON.stringify(GLOBAL_NAMES));
}

/**
 * The consumer file of each case (test/fixtures/cases/consumers), by name: assignments that must
 * compile and `@ts-expect-error` lines that must fail.
 */
export async function caseConsumers(): Promise<Record<string, string>> {
  const consumers = path.join(CASES, "consumers");
  const files: Record<string, string> = {};
  for (const name of await readdir(consumers)) files[name] = await readFile(path.join(consumers, name), "utf8");
  return files;
}
