import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import fc from "fast-check";
import ts from "typescript";
import { expect, test } from "vitest";
import { SpecError } from "../../generator/errors.js";
import { generate } from "../../generator/pipeline.js";
import { createSchemaValidator, schemaPointer } from "../../generator/simulator/validation/schema-validator.js";
import { synthesizeValue } from "../../generator/simulator/outputs/synthesize-value.js";
import { falSpec } from "../helpers/spec-factory.js";
import { tempDir } from "../helpers/temp-dir.js";
import { typecheckPackage } from "../helpers/typecheck.js";

/**
 * Schemas drawn from every construct the loader accepts (nullable, anyOf/oneOf/allOf, const, enums
 * of every JSON type, tuples, records, recursion, odd property and schema names). For each batch:
 * generation succeeds or fails with a located error; the package compiles; every value ajv accepts
 * for an Input or Output (drawn from the schema, then filtered by ajv) is accepted by its type; the
 * simulator's synthesized output validates; each module names no global type but those its
 * signatures use, and none that a schema shadows. One generator run and
 * one tsc program per batch, a modest number of batches: the test stays well under a minute.
 */

type Schema = Record<string, unknown>;

/** Names of the shared schemas a drawn schema may refer to (some like globals, one not an identifier). */
const NAMED = ["Promise", "Record", "node-item"];
// Not `__proto__`: ajv skips validating a key of that name (JSON.parse makes it an own property), so
// "ajv accepts" says nothing about it.
const PROPERTY_NAMES = ["prompt", "image_url", "constructor", "toString", "valueOf", "x y", "1st", "é", "$ref", "default", "a\"b"];
const scalar = fc.oneof(fc.string({ maxLength: 6 }), fc.integer({ min: -1000, max: 1000 }), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), fc.boolean(), fc.constant(null));

const leaf: fc.Arbitrary<Schema> = fc.oneof(
  fc.constantFrom<Schema>({ type: "string" }, { type: "integer" }, { type: "number" }, { type: "boolean" }, { type: "null" }, { type: "object" }, {}, { type: "string", format: "uri" }),
  fc.record({ enum: fc.uniqueArray(scalar, { minLength: 1, maxLength: 4, selector: (value) => JSON.stringify(value) }) }),
  fc.record({ type: fc.constantFrom("string", "integer"), enum: fc.uniqueArray(fc.oneof(fc.string({ maxLength: 4 }), fc.integer({ min: -9, max: 9 })), { minLength: 1, maxLength: 3 }) }),
  fc.record({ const: fc.oneof(fc.string({ maxLength: 4 }), fc.integer({ min: -9, max: 9 }), fc.boolean(), fc.constant(null)) }),
  fc.record({ type: fc.constant("number"), minimum: fc.integer({ min: -5, max: 0 }), exclusiveMaximum: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ type: fc.constant("string"), minLength: fc.integer({ min: 0, max: 3 }), maxLength: fc.integer({ min: 3, max: 8 }) }),
  fc.constantFrom(...NAMED).map((name): Schema => ({ $ref: `#/components/schemas/${name}` })),
);

const schemaArb: fc.Arbitrary<Schema> = fc.letrec<{ schema: Schema }>((tie) => ({
  schema: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    leaf,
    fc.tuple(tie("schema"), fc.boolean()).map(([items, bounded]): Schema => ({ type: "array", items, ...(bounded ? { minItems: 1, maxItems: 3 } : {}) })),
    fc
      .tuple(fc.array(tie("schema"), { minLength: 1, maxLength: 3 }), fc.integer({ min: 0, max: 3 }), fc.option(fc.oneof(fc.constant(false), tie("schema")), { nil: undefined }))
      .map(([prefixItems, minItems, items]): Schema => ({ type: "array", prefixItems, minItems: Math.min(minItems, prefixItems.length), ...(items === undefined ? {} : { items }) })),
    objectArb(tie("schema")),
    fc.record({ type: fc.constant("object"), additionalProperties: tie("schema") }),
    fc.tuple(fc.constantFrom("anyOf", "oneOf"), fc.array(tie("schema"), { minLength: 1, maxLength: 3 })).map(([keyword, members]): Schema => ({ [keyword]: members })),
    fc.tuple(fc.array(objectArb(tie("schema")), { minLength: 1, maxLength: 2 }), fc.subarray(PROPERTY_NAMES, { maxLength: 2 })).map(([allOf, required]): Schema => ({ allOf, required })),
    tie("schema").map((schema): Schema => ({ ...schema, nullable: true })),
    tie("schema").map((schema): Schema => ({ anyOf: [schema, { type: "null" }] })),
  ),
})).schema;

function objectArb(member: fc.Arbitrary<Schema>): fc.Arbitrary<Schema> {
  return fc
    .tuple(
      fc.dictionary(fc.constantFrom(...PROPERTY_NAMES), member, { maxKeys: 3 }),
      fc.boolean(),
      fc.option(fc.oneof(fc.boolean(), member), { nil: undefined }),
    )
    .map(([properties, requireAll, additionalProperties]): Schema => ({
      type: "object",
      properties,
      ...(requireAll ? { required: Object.keys(properties) } : {}),
      ...(additionalProperties === undefined ? {} : { additionalProperties }),
    }));
}

/** The shared schemas: Promise (recursive through a nullable list), Record and node-item. */
const SHARED: Record<string, Schema> = {
  Promise: { type: "object", required: ["then"], properties: { then: { type: "string" }, next: { anyOf: [{ $ref: "#/components/schemas/Promise" }, { type: "null" }] } } },
  Record: { type: "object", additionalProperties: { type: "integer" } },
  "node-item": { allOf: [{ $ref: "#/components/schemas/Record" }], properties: { children: { type: "array", items: { $ref: "#/components/schemas/node-item" } } } },
};

/** Values the schema may accept, drawn from it; ajv decides which it does. */
function valueArb(schema: unknown, depth = 0): fc.Arbitrary<unknown> {
  if (typeof schema !== "object" || schema === null || depth > 5) return fc.constant(null);
  const node = schema as Schema;
  if (typeof node.$ref === "string") return valueArb(SHARED[node.$ref.split("/").pop()!], depth + 1);
  const options: fc.Arbitrary<unknown>[] = [];
  if (node.nullable === true) options.push(fc.constant(null));
  if ("const" in node) options.push(fc.constant(node.const));
  if (Array.isArray(node.enum)) options.push(fc.constantFrom(...node.enum));
  for (const keyword of ["anyOf", "oneOf"]) if (Array.isArray(node[keyword])) options.push(...(node[keyword] as unknown[]).map((member) => valueArb(member, depth + 1)));
  if (Array.isArray(node.allOf)) {
    options.push(fc.tuple(...(node.allOf as unknown[]).map((member) => valueArb(member, depth + 1))).map((parts) => (parts.every((part) => typeof part === "object" && part && !Array.isArray(part)) ? Object.assign({}, ...parts) : parts[0])));
  }
  switch (node.type) {
    case "string":
      options.push(fc.oneof(fc.string({ maxLength: 8 }), fc.constant("https://example.com/a.png")));
      break;
    case "integer":
      options.push(fc.integer({ min: -100, max: 100 }));
      break;
    case "number":
      options.push(fc.double({ noNaN: true, noDefaultInfinity: true, min: -10, max: 10 }));
      break;
    case "boolean":
      options.push(fc.boolean());
      break;
    case "null":
      options.push(fc.constant(null));
      break;
    case "array":
      if (Array.isArray(node.prefixItems)) options.push(fc.tuple(...(node.prefixItems as unknown[]).map((item) => valueArb(item, depth + 1))).chain((head) => fc.array(valueArb(node.items, depth + 1), { maxLength: 1 }).map((tail) => [...head, ...tail])));
      else options.push(fc.array(valueArb(node.items ?? {}, depth + 1), { maxLength: 3 }));
      break;
    case "object": {
      const properties = (node.properties ?? {}) as Record<string, unknown>;
      const declared = fc.record(Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, valueArb(value, depth + 1)])), { requiredKeys: [] });
      const extra = node.additionalProperties === undefined || node.additionalProperties === false ? fc.constant({}) : fc.dictionary(fc.constantFrom("extra", "layer.0"), valueArb(node.additionalProperties === true ? {} : node.additionalProperties, depth + 1), { maxKeys: 2 });
      options.push(fc.tuple(declared, extra).map(([own, more]) => ({ ...more, ...own })));
      break;
    }
    default:
      if (options.length === 0) options.push(scalar, fc.dictionary(fc.string({ maxLength: 3 }), scalar, { maxKeys: 2 }), fc.array(scalar, { maxLength: 2 }));
  }
  return fc.oneof(...options);
}

/** A value as a TypeScript expression: JSON, with `__proto__` as a computed key (a literal key sets the prototype). */
function tsLiteral(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(tsLiteral).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    return `{ ${Object.entries(value).map(([key, item]) => `${key === "__proto__" ? `[${JSON.stringify(key)}]` : JSON.stringify(key)}: ${tsLiteral(item)}`).join(", ")} }`;
  }
  return Object.is(value, -0) ? "0" : JSON.stringify(value);
}

/** Type names an endpoint module's declarations refer to bare without declaring them (globals a schema name could shadow). */
function foreignTypeNames(source: string): string[] {
  const file = ts.createSourceFile("module.d.ts", source, ts.ScriptTarget.Latest);
  const declared = new Set(["components"]);
  const used = new Set<string>();
  const visit = (node: ts.Node) => {
    if (ts.isTypeAliasDeclaration(node) || ts.isInterfaceDeclaration(node)) declared.add(node.name.text);
    if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) used.add(node.typeName.text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return [...used].filter((name) => !declared.has(name));
}

const BATCH = 8;
const RUNS = 2;

test("drawn schemas: generate or fail located; compile; ajv-valid values fit the types; synthesized outputs validate", async () => {
  const work = await tempDir("schema-property");
  let run = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(schemaArb, schemaArb), { minLength: BATCH, maxLength: BATCH }), fc.integer(), async (pairs, seed) => {
      const dir = path.join(work, `run-${run++}`);
      const specsDir = path.join(dir, "specs");
      await mkdir(specsDir, { recursive: true });
      const specs = pairs.map(([input, output], index) => {
        const id = `acme/drawn-${index}`;
        const spec = falSpec(id, {
          [`Drawn${index}Input`]: { type: "object", required: ["field"], properties: { field: input, prompt: { type: "string" } } },
          [`Drawn${index}Output`]: { type: "object", required: ["result"], properties: { result: output } },
          ...SHARED,
        });
        return { id, index, spec };
      });
      for (const { index, spec } of specs) await writeFile(path.join(specsDir, `drawn-${index}.json`), JSON.stringify(spec));
      const out = path.join(dir, "generated");
      const report = await generate({ specsDir, outDir: out, keepGoing: true, cacheDir: false });
      for (const error of report.errors) {
        expect(error).toBeInstanceOf(SpecError);
        expect(error.pointer ?? error.line).toBeDefined();
      }
      const lines: string[] = [];
      for (const { id, index, spec } of specs) {
        if (!report.endpoints.includes(id)) continue;
        const module = await readFile(path.join(out, "src/endpoints", `${id}.d.ts`), "utf8");
        // Bare only where no schema takes the name ("Promise" is one of NAMED: then `globalThis.Promise`).
        const globals = ["AsyncIterable", "Partial", "Promise"].filter((name) => !module.includes(`export type ${name} =`));
        expect([id, foreignTypeNames(module).sort()]).toEqual([id, globals]);
        const validator = createSchemaValidator(spec);
        const pointers = { Input: schemaPointer(`Drawn${index}Input`), Output: schemaPointer(`Drawn${index}Output`) };
        lines.push(`import type * as m${index} from "@falgen/models/${id}";`);
        const [input, outputSchema] = pairs[index]!;
        for (const [role, schema] of [["Input", input], ["Output", outputSchema]] as const) {
          const field = role === "Input" ? "field" : "result";
          const drawn = fc.sample(valueArb(schema), { numRuns: 12, seed: seed + index }).map((value) => ({ [field]: value, ...(role === "Input" ? { prompt: "p" } : {}) }));
          const valid = drawn.filter((value) => validator.isValid(pointers[role], value));
          const synthesized = synthesizeValue(pointers[role], { validator, input: {}, count: 1, seed, inferenceSeconds: 1 });
          // A schema no value satisfies (drawn enums and types can contradict) has nothing to synthesize;
          // where the draw found a valid value, the synthesizer must find one too.
          if (valid.length > 0) expect(validator.errors(pointers[role], synthesized), JSON.stringify({ id, role, schema, synthesized })).toEqual([]);
          for (const value of [...valid, synthesized]) {
            if (validator.isValid(pointers[role], value)) lines.push(`export const v${lines.length}: m${index}.${role} = ${tsLiteral(value)};`);
          }
        }
      }
      const result = await typecheckPackage(out, path.join(dir, "tsc"), { "values.ts": `${lines.join("\n")}\nexport {};\n` });
      // On failure, the lines tsc refused, with the schemas they were drawn for.
      const refused = [...result.stdout.matchAll(/values\.ts\((\d+),/g)].map((match) => lines[Number(match[1]) - 1]);
      const endpoints = [...`${result.stdout} ${refused.join(" ")}`.matchAll(/acme_drawn-(\d+)_md|m(\d+)\./g)].map((match) => Number(match[1] ?? match[2]));
      expect(result.stdout, JSON.stringify({ refused, schemas: [...new Set(endpoints)].map((index) => pairs[index]) })).toBe("");
    }),
    { numRuns: RUNS, endOnFailure: true },
  );
});
