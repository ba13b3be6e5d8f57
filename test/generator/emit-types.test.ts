import { describe, expect, test } from "vitest";
import { emitTypes } from "../../generator/emit/emit-types.js";
import { modelOf, modelWithInput, TEST_ID } from "../helpers/model.js";
import { falSpec } from "../helpers/spec-factory.js";

/** The emitted text of one Input property: its TSDoc block and its signature. */
async function emittedProperty(property: unknown, extraSchemas: Record<string, unknown> = {}, required: string[] = []): Promise<string> {
  const text = emitTypes(modelWithInput({ field: property }, extraSchemas, required), "");
  const block = text.slice(text.indexOf("TestModelInput: {"), text.indexOf("TestModelOutput"));
  return block.replace(/\s+/g, " ");
}

describe("emitTypes: one construct at a time", () => {
  const cases: [string, unknown, string[]][] = [
    ["string", { type: "string" }, ["field?: string;"]],
    ["number with numeric exclusiveMinimum (JSON Schema style)", { type: "number", exclusiveMinimum: 0, maximum: 1 }, ["Limits: between 0 (exclusive) and 1", "field?: number;"]],
    ["boolean exclusiveMinimum (OpenAPI 3.0 style)", { type: "integer", minimum: 0, exclusiveMinimum: true }, ["Limits: greater than 0"]],
    ["enum", { type: "string", enum: ["a", "b"] }, ['field?: "a" | "b";']],
    ["null in anyOf", { anyOf: [{ type: "integer" }, { type: "null" }] }, ["field?: number | null;"]],
    ["allOf-wrapped ref with a description", { allOf: [{ $ref: "#/components/schemas/Image" }], description: "The picture." }, ['field?: components["schemas"]["Image"];', "@description The picture."]],
    ["ref with siblings", { $ref: "#/components/schemas/Image", description: "Sibling text." }, ['field?: components["schemas"]["Image"];']],
    ["ref | enum union", { anyOf: [{ $ref: "#/components/schemas/Image" }, { type: "string", enum: ["square", "wide"] }] },
      ['field?: components["schemas"]["Image"] | ("square" | "wide");', 'Allowed values: "square", "wide"']],
    ["default, title, examples", { type: "integer", title: "Steps", default: 28, examples: [30] }, ["Steps", "@default 28", "@example 30", "field?: number;"]],
    ["array limits", { type: "array", items: { type: "string" }, maxItems: 3 }, ["Limits: at most 3 items", "field?: string[];"]],
    ["map", { type: "object", additionalProperties: { type: "number" } }, ["[key: string]: number;"]],
    ["docstring description is dedented", { type: "string", description: "\n        First line\n        second line\n    " }, ["@description First line * second line"]],
    ["a description cannot close the comment", { type: "string", description: "evil */ export const x = 1; /*" }, ["evil *\\/ export const x = 1;"]],
  ];
  test.each(cases)("%s", async (_name, property, wants) => {
    const text = await emittedProperty(property);
    for (const want of wants) expect(text).toContain(want);
  });

  test("a property with a default stays optional; a required one does not", async () => {
    const text = await emittedProperty({ type: "integer", default: 1 }, {}, ["field"]);
    expect(text).toContain("field: number;");
    expect(await emittedProperty({ type: "integer", default: 1 })).toContain("field?: number;");
  });

  test("x-fal-order-properties sets the order of properties", async () => {
    const properties = { b: { type: "string" }, a: { type: "string" }, c: { type: "string" } };
    const model = modelOf(falSpec(TEST_ID, { TestModelInput: { type: "object", properties, "x-fal-order-properties": ["c", "a"] } }));
    const text = emitTypes(model, "").replace(/\s+/g, " ");
    expect(text).toContain("TestModelInput: { c?: string; a?: string; b?: string; };");
  });
});

/** The type of the Input property `field`, comments dropped and whitespace collapsed. */
function fieldType(property: unknown, extraSchemas: Record<string, unknown> = {}): string {
  const text = emitTypes(modelWithInput({ field: property }, extraSchemas), "").replace(/\/\*\*[\s\S]*?\*\//g, "");
  const body = text.slice(text.indexOf("TestModelInput: {") + "TestModelInput: {".length, text.indexOf("TestModelOutput"));
  return body.replace(/\s+/g, " ").trim().replace(/^field\?: /, "").replace(/; };$/, "");
}

/**
 * Each construct where openapi-typescript's reading is narrower than JSON Schema's (type-transforms.ts):
 * given a property schema (and the other schemas it refers to), want its whole TypeScript type.
 */
describe("emitTypes: the type of every construct, whole", () => {
  const BASE = { Base: { type: "object", properties: { seed: { type: "integer" } } } };
  const table: [name: string, given: unknown, extraSchemas: Record<string, unknown>, want: string][] = [
    ["bare object", { type: "object" }, {}, "{ [key: string]: unknown; }"],
    ["bare object in anyOf", { anyOf: [{ type: "object" }, { type: "number" }] }, {}, "{ [key: string]: unknown; } | number"],
    ["bare object items", { type: "array", items: { type: "object" } }, {}, "{ [key: string]: unknown; }[]"],
    ["empty properties", { type: "object", properties: {} }, {}, "{ [key: string]: unknown; }"],
    ["closed empty object", { type: "object", additionalProperties: false }, {}, "{ [key: string]: never; }"],
    ["nullable bare object", { type: "object", nullable: true }, {}, "{ [key: string]: unknown; } | null"],
    ["typed additionalProperties beside properties", { type: "object", properties: { empty: { type: "boolean" } }, additionalProperties: { type: "array", items: { type: "string" } } }, {}, "{ empty?: boolean; } & { [key: string]: string[] | boolean; }"],
    ["additionalProperties true beside properties", { type: "object", properties: { a: { type: "string" } }, additionalProperties: true }, {}, "{ a?: string; } & { [key: string]: unknown; }"],
    ["required beside allOf", { allOf: [{ $ref: "#/components/schemas/Base" }, { type: "object", properties: { prompt: { type: "string" } } }], required: ["prompt", "seed", "extra"] }, BASE, "components[\"schemas\"][\"Base\"] & { prompt?: string; } & { prompt: string; seed: number; extra: unknown; }"],
    ["tuple, fixed", { type: "array", prefixItems: [{ type: "number" }, { anyOf: [{ type: "number" }, { type: "null" }] }], minItems: 2, maxItems: 2 }, {}, "([ number, number | null ])"],
    ["tuple, open", { type: "array", prefixItems: [{ type: "number" }, { type: "string" }], minItems: 1 }, {}, "([ number, string?, ...unknown[] ])"],
    ["tuple, typed rest", { type: "array", prefixItems: [{ type: "number" }], items: { type: "string" }, minItems: 1 }, {}, "([ number, ...string[] ])"],
    ["tuple, closed by items false", { type: "array", prefixItems: [{ type: "number" }], items: false }, {}, "([ number? ])"],
    ["tuple, nullable", { type: "array", prefixItems: [{ type: "number" }], minItems: 1, maxItems: 1, nullable: true }, {}, "([ number ]) | null"],
    ["list of tuples", { type: "array", items: { type: "array", prefixItems: [{ type: "number" }], minItems: 1, maxItems: 1 } }, {}, "([ number ])[]"],
    ["const string", { type: "string", const: "3" }, {}, "\"3\""],
    ["nullable const", { type: "boolean", const: true, nullable: true }, {}, "true | null"],
    ["const null", { const: null }, {}, "null"],
    ["const object", { type: "object", const: { a: 1 } }, {}, "{ [key: string]: unknown; }"],
    ["items {}", { type: "array", items: {} }, {}, "unknown[]"],
    ["nullable anyOf without type", { anyOf: [{ type: "string", enum: ["small", "large"] }, { type: "integer" }], nullable: true }, {}, "((\"small\" | \"large\") | number) | null"],
    ["prototype member names", { type: "object", properties: { constructor: { type: "string" }, toString: { type: "integer" }, valueOf: { type: "boolean" } }, required: ["valueOf"] }, {}, "{ constructor?: string | {}[\"constructor\"]; toString?: number | {}[\"toString\"]; valueOf: boolean; }"],
    ["discriminator on an allOf member (no global Omit)", { allOf: [{ type: "object", properties: { kind: { type: "string" } }, discriminator: { propertyName: "kind" } }] }, {}, "{ kind?: string; }"],
    ["enum with null and nullable", { type: "string", enum: ["a", null], nullable: true }, {}, "\"a\" | null"],
    ["number literal enum", { type: "integer", enum: [4, -8, 1e21] }, {}, "4 | -8 | 1e+21"],
  ];
  test.each(table)("%s", (_name, given, extraSchemas, want) => expect(fieldType(given, extraSchemas)).toBe(want));
});

test("each schema gets an exported alias under its description, then Input and Output", () => {
  const model = modelOf(falSpec(TEST_ID, { Image: { type: "object", description: "A picture.\n\nWith */ in it.", properties: { url: { type: "string" } } } }));
  const text = emitTypes(model, "");
  expect(text.slice(text.indexOf("\n}\n") + 3)).toBe(
    [
      "/** The input of `fal-ai/test/model`. */",
      'export type TestModelInput = components["schemas"]["TestModelInput"];',
      "/** The output of `fal-ai/test/model`. */",
      'export type TestModelOutput = components["schemas"]["TestModelOutput"];',
      "/**",
      " * A picture.",
      " *",
      " * With *\\/ in it.",
      " */",
      'export type Image = components["schemas"]["Image"];',
      "/** What `fal-ai/test/model` takes: the same type as {@link TestModelInput}. */",
      "export type Input = TestModelInput;",
      "/** What `fal-ai/test/model` returns: the same type as {@link TestModelOutput}. */",
      "export type Output = TestModelOutput;",
      "",
    ].join("\n"),
  );
});
