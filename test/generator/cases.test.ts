import { cp, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, expect, test } from "vitest";
import { loadEndpointRegistry } from "../../generator/simulator/endpoints/endpoint-registry.js";
import { startSimulator } from "../../generator/simulator/start-simulator.js";
import { synthesizeValue } from "../../generator/simulator/outputs/synthesize-value.js";
import { runFalgen } from "../helpers/run.js";
import { falSpec } from "../helpers/spec-factory.js";
import { REPO_ROOT, tempDir } from "../helpers/temp-dir.js";
import { typecheckPackage } from "../helpers/typecheck.js";

/**
 * The kinds of issue 16, each from a small fal queue document (test/fixtures/cases/specs, plus two
 * built here for the kinds without a sample): the package generates, type-checks under strict with
 * every example of its docs and README, a consumer file per case (test/fixtures/cases/consumers)
 * holds assignments that must compile and `@ts-expect-error` lines that must fail, all in one tsc
 * run; and the simulator answers every case with an output its schema accepts.
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
      ...["record:Record", "object:Object", "array:Array", "promise:Promise", "submit:submit", "queued:QueueStatus", "blob:Blob", "fn:Function", "iterable:AsyncIterable"].map(
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
});

let out: string;
let specsDir: string;
let generation: { code: number; stderr: string };
beforeAll(async () => {
  const dir = await tempDir("cases");
  specsDir = path.join(dir, "specs");
  out = path.join(dir, "generated");
  await cp(path.join(CASES, "specs"), specsDir, { recursive: true });
  await writeFile(path.join(specsDir, "prototype-names.json"), JSON.stringify(PROTOTYPE_NAMES));
  await writeFile(path.join(specsDir, "global-names.json"), JSON.stringify(GLOBAL_NAMES));
  generation = await runFalgen(["--specs", specsDir, "--out", out]);
});

test("every case generates", () => {
  expect(generation.stderr).toBe("");
  expect(generation.code).toBe(0);
});

test("the package, its docs' and README's examples and every consumer file type-check under strict, in one program", async () => {
  const consumers = path.join(CASES, "consumers");
  const files: Record<string, string> = {};
  for (const name of await readdir(consumers)) files[name] = await readFile(path.join(consumers, name), "utf8");
  const result = await typecheckPackage(out, await tempDir("cases-tsc"), files);
  // Unused `@ts-expect-error` lines (a type too loose) are errors too, so an empty report covers both directions.
  expect(result.stdout).toBe("");
  expect(result.code).toBe(0);
});

/** The code block of a generated Markdown file that follows `heading`, whole. */
async function exampleAfter(file: string, heading: string): Promise<string> {
  const text = await readFile(path.join(out, file), "utf8");
  const start = text.indexOf("```ts\n", text.indexOf(heading)) + "```ts\n".length;
  return text.slice(start, text.indexOf("```\n", start));
}

/** The usage example docs and the README show, calling `endpointId` with `input` (lines of an object literal) and logging `field`. */
const usage = (endpointId: string, input: string[], field: string) =>
  [
    'import { createFalClient } from "@falgen/models";',
    `import * as endpoint from "@falgen/models/${endpointId}";`,
    "",
    "const fal = createFalClient(); // reads FAL_KEY",
    "const { data, requestId } = await endpoint.subscribe(fal, {",
    ...input,
    "}, {",
    "  logs: true,",
    "  onQueueUpdate: (status) => console.log(status.status),",
    "});",
    `console.log(requestId, data.${field});`,
    "",
  ].join("\n");

test.each([
  // The spec's example has an undeclared `enhancer: null` and an image_urls entry its pattern refuses.
  ["docs/repro/example-mismatch.md", "## Example", usage("repro/example-mismatch", ['  audio_url: "https://example.com/input.mp3",', "  image_urls: [", '    "https://example.com/input.png",', "  ],"], "text")],
  // The spec's example holds keys the clip schema does not declare (mode, "rgb").
  ["docs/repro/example-extra-keys.md", "## Example", usage("repro/example-extra-keys", ["  clip: {", '    url: "https://example.com/v.mp4",', "  },"], "text")],
  // acme/additional-props and acme/allof-required (first by id) have no example; acme/recursive's is valid as given.
  ["README.md", "## Usage", usage("acme/recursive", ['  prompt: "a tree",'], "root")],
])("the example %s shows keeps only declared keys and valid values (the README's: an endpoint whose example is valid as given)", async (file, heading, want) => {
  expect(await exampleAfter(file, heading)).toBe(want);
});

test("the simulator answers every case with an output valid against its Output schema", async () => {
  const simulator = await startSimulator({ specsDir, port: 0, queueMs: 1, runMs: 1, queueDepth: 1, logLines: 1, apiKeys: ["k:s"] });
  try {
    const { endpoints } = await loadEndpointRegistry({ specsDir });
    expect(endpoints.size).toBe(13);
    for (const endpoint of endpoints.values()) {
      const input = synthesizeValue(endpoint.inputPointer, { validator: endpoint.validator, input: {}, count: 1, seed: 1, inferenceSeconds: 0 });
      const headers = { Authorization: "Key k:s", "Content-Type": "application/json" };
      const submitted = await fetch(`${simulator.url}/${endpoint.endpointId}`, { method: "POST", headers, body: JSON.stringify(input) });
      expect([endpoint.endpointId, submitted.status]).toEqual([endpoint.endpointId, 200]);
      const { status_url: statusUrl, response_url: responseUrl } = (await submitted.json()) as { status_url: string; response_url: string };
      for (let status = ""; status !== "COMPLETED"; ) {
        status = ((await (await fetch(statusUrl, { headers })).json()) as { status: string }).status;
      }
      const result = await fetch(responseUrl, { headers });
      const output = await result.json();
      expect([endpoint.endpointId, result.status, endpoint.validator.errors(endpoint.outputPointer, output)]).toEqual([endpoint.endpointId, 200, []]);
    }
    // anyOf with nullable: true and no type (nullable-anyof.json) answered 500 to every submit.
    const headers = { Authorization: "Key k:s", "Content-Type": "application/json" };
    const submitSize = (size: unknown) => fetch(`${simulator.url}/repro/nullable-anyof`, { method: "POST", headers, body: JSON.stringify({ prompt: "a", size }) });
    for (const size of [null, "small", 3]) expect([size, (await submitSize(size)).status]).toEqual([size, 200]);
    const refused = await submitSize("medium");
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { detail: { loc: unknown[] }[] }).detail.map((error) => error.loc)).toEqual([["body", "size"]]);
  } finally {
    await simulator.close();
  }
});
