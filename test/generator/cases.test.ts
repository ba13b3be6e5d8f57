import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, expect, test } from "vitest";
import { loadEndpointRegistry } from "../../generator/simulator/endpoints/endpoint-registry.js";
import { startSimulator } from "../../generator/simulator/start-simulator.js";
import { synthesizeValue } from "../../generator/simulator/outputs/synthesize-value.js";
import { writeCaseSpecs } from "../helpers/cases.js";
import { runFalgen } from "../helpers/run.js";
import { tempDir } from "../helpers/temp-dir.js";

/**
 * The kinds of issue 16 (test/helpers/cases.ts): the package generates, and the simulator answers
 * every case with an output its schema accepts. Its type-check under strict, with every example of
 * its docs and README and a consumer file per case, is in test/package/typecheck.test.ts.
 */

let out: string;
let specsDir: string;
let generation: { code: number; stderr: string };
beforeAll(async () => {
  const dir = await tempDir("cases");
  specsDir = path.join(dir, "specs");
  out = path.join(dir, "generated");
  await writeCaseSpecs(specsDir);
  generation = await runFalgen(["--specs", specsDir, "--out", out]);
});

test("every case generates", () => {
  expect(generation.stderr).toBe("");
  expect(generation.code).toBe(0);
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
