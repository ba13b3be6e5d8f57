import { describe, expect, test } from "vitest";
import { specChanges, type ComparedSpec } from "../../generator/update/spec-changes.js";

type Schemas = Record<string, Record<string, unknown>>;

const spec = (schemas: Schemas): ComparedSpec => ({
  document: { components: { schemas: { QueueStatus: { type: "object" }, ...schemas } } },
  inputSchemaName: "ModelInput",
  outputSchemaName: "ModelOutput",
});

const BASE: Schemas = {
  ModelInput: {
    type: "object",
    properties: {
      prompt: { type: "string" },
      format: { type: "string", enum: ["png", "jpeg"], default: "png" },
      size: { $ref: "#/components/schemas/ImageSize" },
      steps: { type: "integer", default: 28 },
    },
    required: ["prompt"],
  },
  ImageSize: { type: "object", properties: { width: { type: "integer" }, height: { type: "integer" } } },
  ModelOutput: {
    type: "object",
    properties: { images: { type: "array", items: { $ref: "#/components/schemas/Image" } }, seed: { type: "integer" }, kind: { type: "string", enum: ["a", "b"] } },
    required: ["images", "seed"],
  },
  Image: { type: "object", properties: { url: { type: "string" }, nsfw: { anyOf: [{ type: "boolean" }, { type: "null" }] } }, required: ["url"] },
};

/** BASE with `edit` applied to a deep copy. */
function changed(edit: (schemas: Schemas) => void): ComparedSpec {
  const schemas = structuredClone(BASE);
  edit(schemas);
  return spec(schemas);
}

const props = (schema: Record<string, unknown>) => schema.properties as Record<string, Record<string, unknown>>;
const summary = (after: ComparedSpec) => specChanges(spec(BASE), after).map(({ path, kind, detail, breaking, usedIn }) => `${breaking ? "BREAKING " : ""}${path}: ${kind} (${detail}) [${usedIn.join(", ")}]`);

describe("field-level changes between a spec and fal's newer document", () => {
  test("the same document has no changes", () => {
    expect(specChanges(spec(BASE), spec(structuredClone(BASE)))).toEqual([]);
  });

  test.each<[string, (schemas: Schemas) => void, string[]]>([
    ["a required input field added breaks senders", (s) => { props(s.ModelInput!).style = { type: "string" }; (s.ModelInput!.required as string[]).push("style"); }, ["BREAKING ModelInput.style: added (string, required) [input]"]],
    ["an optional input field added breaks no one", (s) => { props(s.ModelInput!).style = { type: "string" }; }, ["ModelInput.style: added (string, optional) [input]"]],
    ["an input field becoming required breaks senders", (s) => { (s.ModelInput!.required as string[]).push("steps"); }, ["BREAKING ModelInput.steps: required (optional -> required) [input]"]],
    ["an input field removed breaks senders", (s) => { delete props(s.ModelInput!).steps; }, ["BREAKING ModelInput.steps: removed (integer) [input]"]],
    ["a type change breaks", (s) => { props(s.ModelInput!).steps = { type: "number", default: 28 }; }, ["BREAKING ModelInput.steps: type (integer -> number) [input]"]],
    ["an input enum value removed breaks senders; one added does not", (s) => { props(s.ModelInput!).format!.enum = ["png", "webp"]; }, ['ModelInput.format: enum values added ("webp") [input]', 'BREAKING ModelInput.format: enum values removed ("jpeg") [input]']],
    ["an output enum value added breaks readers", (s) => { props(s.ModelOutput!).kind!.enum = ["a", "b", "c"]; }, ['BREAKING ModelOutput.kind: enum values added ("c") [output]']],
    ["a default changed is reported, not breaking", (s) => { props(s.ModelInput!).steps!.default = 30; }, ["ModelInput.steps: default (28 -> 30) [input]"]],
    ["an output field becoming optional breaks readers", (s) => { s.ModelOutput!.required = ["images"]; }, ["BREAKING ModelOutput.seed: optional (required -> optional) [output]"]],
    ["a field of a referenced schema is compared where the schema is defined", (s) => { delete props(s.Image!).nsfw; }, ["BREAKING Image.nsfw: removed (boolean | null) [output]"]],
    ["a nested input schema field added", (s) => { props(s.ImageSize!).depth = { type: "integer" }; }, ["ImageSize.depth: added (integer, optional) [input]"]],
    ["a nullable output field losing null changes its type", (s) => { props(s.Image!).nsfw = { type: "boolean" }; }, ["BREAKING Image.nsfw: type (boolean | null -> boolean) [output]"]],
  ])("%s", (_name, edit, expected) => {
    expect(summary(changed(edit))).toEqual(expected);
  });

  test("descriptions and examples are not field changes", () => {
    expect(summary(changed((s) => { props(s.ModelInput!).prompt!.description = "The prompt."; s.ModelInput!.example = { prompt: "x" }; }))).toEqual([]);
  });
});
