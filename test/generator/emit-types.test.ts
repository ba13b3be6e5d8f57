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
