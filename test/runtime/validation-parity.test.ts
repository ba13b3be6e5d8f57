import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validationSchema } from "../../generator/emit/json-schemas.js";
import { getAtPointer } from "../../generator/shared/json-pointer.js";
import { loadSpecs, type LoadedSpec } from "../../generator/load/load-specs.js";
import { buildEndpointModel } from "../../generator/model/endpoint-model.js";
import { createValidator } from "../../generator/runtime/validator.js";
import { createSchemaValidator, schemaPointer } from "../../generator/simulator/validation/schema-validator.js";
import { synthesizeValue } from "../../generator/simulator/outputs/synthesize-value.js";
import { fieldErrors } from "../../generator/simulator/validation/validation-errors.js";

// The runtime's validator and the simulator (ajv, answering as fal does) must refuse the same
// inputs with the same field errors, over this repo's specs and the shared problem cases.
const specs = [...(await loadSpecs("specs")).specs, ...(await loadSpecs("test/fixtures/cases/specs")).specs];

type Json = unknown;
type Path = (string | number)[];

/** Both sides' verdict on `input`: field errors as comparable `loc|type|msg` strings. */
function verdicts(spec: LoadedSpec) {
  const model = buildEndpointModel(spec);
  const runtime = createValidator(spec.endpointId, validationSchema(model, model.input));
  const simulator = createSchemaValidator(spec.document);
  const pointer = schemaPointer(spec.inputSchemaName);
  const key = ({ loc, type, msg }: { loc: Path; type: string; msg: string }) => `${JSON.stringify(loc)} ${type}: ${msg}`;
  return {
    valid: synthesizeValue(pointer, { validator: simulator, input: {}, count: 1, seed: 1, inferenceSeconds: 1 }),
    simulator: (input: Json) => fieldErrors(simulator, pointer, input).map(key).sort(),
    runtime: (input: Json) => runtime.fieldErrors(input).map(key).sort(),
    schemaAt: (path: Path) => schemaFor(spec.document, pointer, path),
  };
}

/** The schemas that may apply at `path` (following refs, allOf and union branches), for boundary values. */
function schemaFor(document: object, pointer: string, path: Path): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const visit = (schema: unknown, rest: Path, depth: number) => {
    if (depth > 20 || schema === null || typeof schema !== "object") return;
    const node = schema as Record<string, unknown>;
    if (typeof node.$ref === "string") visit(getAtPointer(document, node.$ref.slice(1)), rest, depth + 1);
    for (const keyword of ["allOf", "anyOf", "oneOf"]) for (const member of (node[keyword] as unknown[]) ?? []) visit(member, rest, depth + 1);
    if (rest.length === 0) return void found.push(node);
    const [head, ...tail] = rest;
    const properties = node.properties as Record<string, unknown> | undefined;
    if (typeof head === "string" && properties && Object.hasOwn(properties, head)) visit(properties[head], tail, depth + 1);
    else if (typeof head === "number") visit(node.items, tail, depth + 1);
    else if (typeof head === "string") visit(node.additionalProperties, tail, depth + 1);
  };
  visit(getAtPointer(document, pointer), path, 0);
  return found;
}

/** Values near what a schema allows: its limits ±, its enum and neighbours, other JSON types. */
function edgeValues(schemas: Record<string, unknown>[]): Json[] {
  const values: Json[] = [null, true, 0, -1, 1.5, "", "x", [], {}, [1], { extra: 1 }];
  for (const schema of schemas) {
    for (const keyword of ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems"]) {
      const limit = schema[keyword];
      if (typeof limit !== "number") continue;
      values.push(limit - 1, limit, limit + 1, limit + 0.5, "a".repeat(Math.max(0, Math.min(limit + 1, 5000))), Array.from({ length: Math.min(limit + 1, 50) }, () => ({})));
    }
    for (const candidate of (schema.enum as unknown[]) ?? []) values.push(candidate, `${String(candidate)}_not`);
    if (schema.const !== undefined) values.push(schema.const);
    if (typeof schema.pattern === "string") values.push("no match \n", "abc");
  }
  return values;
}

/** Every path inside `value` (objects' keys, arrays' indexes), the root included. */
function pathsOf(value: Json, path: Path = []): Path[] {
  if (Array.isArray(value)) return [path, ...value.flatMap((item, index) => pathsOf(item, [...path, index]))];
  if (value !== null && typeof value === "object") return [path, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...path, key]))];
  return [path];
}

/** `value` with the thing at `path` replaced (or, with `remove`, deleted). */
function setAt(value: Json, path: Path, replacement: Json, remove = false): Json {
  if (path.length === 0) return replacement;
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  const [head, ...rest] = path;
  if (rest.length === 0 && remove) {
    if (Array.isArray(copy)) copy.splice(head as number, 1);
    else delete copy[head!];
  } else copy[head!] = setAt(copy[head!], rest, replacement, remove);
  return copy;
}

describe("the runtime's validator agrees with the simulator (fal's 422)", () => {
  it("loads every spec and case", () => {
    expect(specs.length).toBeGreaterThanOrEqual(24);
  });

  for (const spec of specs) {
    it(`${spec.endpointId}: same errors, same field paths`, () => {
      const check = verdicts(spec);
      // The simulator's synthesizer makes the valid inputs (for every spec of specs/).
      if (!spec.file.includes("fixtures")) expect(check.simulator(check.valid)).toEqual([]);
      expect(check.runtime(check.valid)).toEqual(check.simulator(check.valid));
      let refused = 0;
      const mutation = fc
        .constantFrom(...pathsOf(check.valid))
        .chain((path) => {
          // A property of the schema at `path` that the value may lack, or a new key.
          const names = check.schemaAt(path).flatMap((schema) => Object.keys((schema.properties as object) ?? {}));
          return fc.oneof(
            fc.record({ path: fc.constant(path), value: fc.oneof(fc.constantFrom(...edgeValues(check.schemaAt(path))), fc.jsonValue({ maxDepth: 2 })), remove: fc.constant(false) }),
            fc.record({ path: fc.constant(path), value: fc.constant(undefined), remove: fc.constant(true) }),
            fc.record({
              path: fc.constantFrom(...names.map((name) => [...path, name]), [...path, "unknown_field"]),
              value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(...edgeValues(check.schemaAt([...path, names[0] ?? ""])))),
              remove: fc.constant(false),
            }),
          );
        });
      fc.assert(
        fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
          let input = check.valid;
          for (const { path, value, remove } of mutations) {
            if (path.length > 0 && (getParent(input, path) === null || typeof getParent(input, path) !== "object")) continue;
            input = setAt(input, path, value, remove);
          }
          const expected = check.simulator(input);
          if (expected.length > 0) refused++;
          expect(check.runtime(input)).toEqual(expected);
        }),
        { numRuns: 300, seed: 13 },
      );
      // The generated inputs must exercise refusals, not only accepted inputs.
      expect(refused).toBeGreaterThan(30);
    });
  }

  it("refuses what fal refuses on hand-picked inputs too", () => {
    const qwen = verdicts(specs.find((spec) => spec.endpointId === "fal-ai/qwen-image")!);
    for (const input of [{}, { prompt: 1 }, { prompt: "x", image_size: { width: "1" } }, { prompt: "x", image_size: "huge" }, { prompt: "x", loras: [{}, {}, {}, {}] }, null, []]) {
      expect(qwen.runtime(input)).toEqual(qwen.simulator(input));
      expect(qwen.runtime(input).length).toBeGreaterThan(0);
    }
  });
});

function getParent(value: Json, path: Path): Json {
  let node: any = value;
  for (const segment of path.slice(0, -1)) node = node?.[segment];
  return node;
}
