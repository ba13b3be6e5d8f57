import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { startSimulator } from "../../generator/simulator/start-simulator.js";
import { falSpec } from "../helpers/spec-factory.js";
import { falgen } from "../helpers/run.js";
import { tempDir } from "../helpers/temp-dir.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** The Input of fal-ai/cycle with a field `value` of schema X, and `schemas` beside it. */
function cycleSpec(schemas: Record<string, unknown>, field: unknown = ref("X")): Record<string, any> {
  const document = falSpec("fal-ai/cycle", schemas) as any;
  document.components.schemas.CycleInput.properties.value = field;
  return document;
}

/** [what, schemas, pointer of the schema reported, the chain the message shows] */
const CYCLES: [string, Record<string, unknown>, string, string][] = [
  ["anyOf of itself", { X: { anyOf: [ref("X"), { type: "string" }] } }, "/components/schemas/X", "#/components/schemas/X -> #/components/schemas/X/anyOf/0 -> #/components/schemas/X"],
  ["allOf of itself", { X: { allOf: [ref("X")] } }, "/components/schemas/X", "#/components/schemas/X -> #/components/schemas/X/allOf/0 -> #/components/schemas/X"],
  ["oneOf of itself", { X: { oneOf: [ref("X"), { type: "integer" }] } }, "/components/schemas/X", "#/components/schemas/X -> #/components/schemas/X/oneOf/0 -> #/components/schemas/X"],
  ["not itself", { X: { type: "string", not: ref("X") } }, "/components/schemas/X", "#/components/schemas/X -> #/components/schemas/X/not -> #/components/schemas/X"],
  ["if/then/else of itself", { X: { if: { type: "string" }, then: { type: "string" }, else: ref("X") } }, "/components/schemas/X", "#/components/schemas/X -> #/components/schemas/X/else -> #/components/schemas/X"],
  ["a nullable wrapper of itself", { X: { allOf: [ref("X")], nullable: true, description: "X or null" } }, "/components/schemas/X", "#/components/schemas/X -> #/components/schemas/X/allOf/0 -> #/components/schemas/X"],
  ["anyOf nested in anyOf", { X: { anyOf: [{ anyOf: [ref("X"), { type: "null" }] }, { type: "string" }] } }, "/components/schemas/X", "#/components/schemas/X -> #/components/schemas/X/anyOf/0 -> #/components/schemas/X/anyOf/0/anyOf/0 -> #/components/schemas/X"],
  [
    "a chain of three schemas",
    { X: { allOf: [ref("Y")] }, Y: { anyOf: [ref("Z"), { type: "string" }] }, Z: { oneOf: [ref("X"), { type: "integer" }] } },
    "/components/schemas/X",
    "#/components/schemas/X -> #/components/schemas/X/allOf/0 -> #/components/schemas/Y -> #/components/schemas/Y/anyOf/0 -> #/components/schemas/Z -> #/components/schemas/Z/oneOf/0 -> #/components/schemas/X",
  ],
  ["a bare ref into an anyOf cycle", { X: ref("Y"), Y: { anyOf: [ref("X"), { type: "string" }] } }, "/components/schemas/X", "#/components/schemas/X -> #/components/schemas/Y -> #/components/schemas/Y/anyOf/0 -> #/components/schemas/X"],
  ["dependentSchemas of itself", { X: { type: "object", dependentSchemas: { a: ref("X") } } }, "/components/schemas/X", "#/components/schemas/X -> #/components/schemas/X/dependentSchemas/a -> #/components/schemas/X"],
];

test.each(CYCLES)("a schema that reaches itself without a property or item (%s) is a load error at file:line:column and pointer; nothing is written", async (_what, schemas, pointer, chain) => {
  const specs = await tempDir("cycle-specs");
  await mkdir(path.join(specs, "fal-ai"), { recursive: true });
  const file = path.join(specs, "fal-ai/cycle.json");
  await writeFile(file, JSON.stringify(cycleSpec(schemas), null, 2));
  const out = path.join(await tempDir("cycle-out"), "generated");
  const report = await generate({ specsDir: specs, outDir: out, cacheDir: false });
  expect(report.ok).toBe(false);
  expect(report.errors).toHaveLength(1);
  const [error] = report.errors;
  expect(error!.file).toBe(path.relative(process.cwd(), file));
  expect(error!.pointer).toBe(pointer);
  expect(error!.line).toBeGreaterThan(1);
  expect(error!.column).toBeGreaterThan(1);
  expect(error!.reason).toBe(
    `schema cycle that never reaches an object property or array item: ${chain}; a value of this schema would have to be a value of itself (allOf/anyOf/oneOf/not/if/then/else and $ref apply to the same value), which no TypeScript type or validator can follow; recurse through properties or items instead`,
  );
});

test("a cycle inside a property's own schema, away from components, is found too", async () => {
  const specs = await tempDir("cycle-specs");
  const pointer = "#/components/schemas/CycleInput/properties/value";
  await writeFile(path.join(specs, "cycle.json"), JSON.stringify(cycleSpec({}, { anyOf: [{ $ref: pointer }, { type: "string" }] })));
  const report = await generate({ specsDir: specs, outDir: path.join(await tempDir("cycle-out"), "generated"), cacheDir: false });
  expect(report.errors.map((error) => error.reason)).toEqual([expect.stringContaining(`schema cycle that never reaches an object property or array item: ${pointer}/anyOf/0 -> ${pointer} -> ${pointer}/anyOf/0;`)]);
});

test("recursion through properties, items and additionalProperties still generates", async () => {
  const specs = await tempDir("recursion-specs");
  const schemas = {
    X: { anyOf: [{ type: "array", items: ref("X") }, { type: "string" }] },
    Tree: { type: "object", properties: { children: { type: "array", items: ref("Tree") }, parent: { anyOf: [ref("Tree"), { type: "null" }] } } },
    Map: { type: "object", additionalProperties: ref("Map") },
    Both: { allOf: [ref("Tree"), { type: "object", properties: { map: ref("Map") } }] },
  };
  await writeFile(path.join(specs, "recursion.json"), JSON.stringify(cycleSpec(schemas, { anyOf: [ref("X"), ref("Both")] })));
  const report = await generate({ specsDir: specs, outDir: path.join(await tempDir("recursion-out"), "generated"), cacheDir: false });
  expect(report.errors).toEqual([]);
  expect(report.ok).toBe(true);
}, 180_000);

test("falgen run --spec, generate and the simulator refuse such a spec with the load error, not a stack overflow", async () => {
  const dir = await tempDir("cycle-run");
  await mkdir(path.join(dir, "specs/fal-ai"), { recursive: true });
  const text = JSON.stringify(cycleSpec({ X: { anyOf: [ref("X"), { type: "string" }] } }), null, 2);
  await writeFile(path.join(dir, "specs/fal-ai/cycle.json"), text);
  await writeFile(path.join(dir, "cycle.json"), text);
  const run = await falgen(["run", "fal-ai/cycle", "--spec", "cycle.json", "--prompt", "x", "--value", "y", "--queue-url", "http://127.0.0.1:9"], dir, { FAL_KEY: "k" });
  expect(run.stderr).toMatch(/cycle\.json:\d+:\d+ \(at #\/components\/schemas\/X\): schema cycle that never reaches an object property or array item/);
  expect(run.stderr).not.toContain("Maximum call stack");
  expect(run.code).not.toBe(0);
  const generated = await falgen(["generate", "--no-cache"], dir);
  expect(generated.code).toBe(1);
  expect(generated.stderr).toMatch(/^error: specs\/fal-ai\/cycle\.json:\d+:\d+ \(at #\/components\/schemas\/X\): schema cycle/m);
  const simulator = await startSimulator({ specsDir: path.join(dir, "specs"), watch: false });
  try {
    const response = await fetch(`${simulator.url}/fal-ai/cycle`, { method: "POST", headers: { authorization: "Key k" }, body: JSON.stringify({ prompt: "x", value: "y" }) });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/cycle\.json:\d+:\d+ \(at #\/components\/schemas\/X\): schema cycle/);
  } finally {
    await simulator.close();
  }
});
