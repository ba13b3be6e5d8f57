import { describe, expect, test } from "vitest";
import { SpecError } from "../../generator/errors.js";
import { validateSpec } from "../../generator/load/load-specs.js";
import { decodeSpec, parseSpecText, pointerLocation } from "../../generator/load/parse-spec.js";
import { falSpec } from "../helpers/spec-factory.js";

const ID = "fal-ai/test/model";

function load(document: unknown, file = "specs/test.json") {
  const source = { file, text: JSON.stringify(document, null, 2), isJson: true };
  return validateSpec(source, parseSpecText(source));
}

function loadError(document: unknown): SpecError {
  try {
    load(document);
  } catch (error) {
    if (error instanceof SpecError) return error;
    throw error;
  }
  throw new Error("expected the spec to be refused");
}

/** Deep-copies the valid spec and applies a change to it. */
function broken(change: (spec: any) => void): unknown {
  const spec = structuredClone(falSpec(ID));
  change(spec);
  return spec;
}

describe("validateSpec accepts fal's layout", () => {
  test("finds the Input and Output schemas from the queue paths", () => {
    expect(load(falSpec(ID))).toMatchObject({ endpointId: ID, inputSchemaName: "TestModelInput", outputSchemaName: "TestModelOutput" });
  });
  test("falls back to <Name>Input/<Name>Output when the document has no paths", () => {
    expect(load(broken((spec) => (spec.paths = {})))).toMatchObject({ inputSchemaName: "TestModelInput", outputSchemaName: "TestModelOutput" });
  });
});

describe("validateSpec refuses broken documents, naming the place", () => {
  const cases: [string, (spec: any) => void, string, RegExp][] = [
    ["not OpenAPI 3", (s) => (s.openapi = "2.0"), "/openapi", /not an OpenAPI 3 document/],
    ["no endpoint id", (s) => delete s.info["x-fal-metadata"], "/info/x-fal-metadata/endpointId", /missing endpoint id/],
    ["an id that is not owner/app", (s) => (s.info["x-fal-metadata"].endpointId = "flux"), "/info/x-fal-metadata/endpointId", /owner\/app/],
    ["an empty id", (s) => (s.info["x-fal-metadata"].endpointId = ""), "/info/x-fal-metadata/endpointId", /owner\/app/],
    ["an unknown ref", (s) => (s.components.schemas.TestModelOutput.properties.images.items.$ref = "#/components/schemas/Nope"),
      "/components/schemas/TestModelOutput/properties/images/items/$ref", /unresolved \$ref #\/components\/schemas\/Nope/],
    ["an external ref", (s) => (s.components.schemas.Image.$ref = "other.yaml#/X"), "/components/schemas/Image/$ref", /only local refs/],
    ["a ref cycle", (s) => Object.assign(s.components.schemas, { A: { $ref: "#/components/schemas/B" }, B: { $ref: "#/components/schemas/A" } }),
      "/components/schemas/A", /ref cycle that never reaches a schema/],
    ["no Input operation or schema", (s) => { delete s.paths[`/${ID}`]; delete s.components.schemas.TestModelInput; },
      `/paths/~1${ID.replace(/\//g, "~1")}/post`, /no Input schema/],
    ["an inline input schema", (s) => (s.paths[`/${ID}`].post.requestBody.content["application/json"].schema = { type: "object" }),
      `/paths/~1${ID.replace(/\//g, "~1")}/post/requestBody/content/application~1json/schema`, /must be a \$ref/],
    ["a wrong keyword type", (s) => (s.components.schemas.TestModelInput.required = "prompt"), "/components/schemas/TestModelInput/required", /list of property names/],
    ["properties as a list", (s) => (s.components.schemas.Image.properties = []), "/components/schemas/Image/properties", /must be an object/],
    ["an unknown type", (s) => (s.components.schemas.Image.properties.url.type = "text"), "/components/schemas/Image/properties/url/type", /type must be one of/],
    ["an empty enum", (s) => (s.components.schemas.Image.properties.url.enum = []), "/components/schemas/Image/properties/url/enum", /non-empty list/],
    ["a bad pattern", (s) => (s.components.schemas.Image.properties.url.pattern = "(["), "/components/schemas/Image/properties/url/pattern", /not a valid regular expression/],
  ];
  test.each(cases)("%s", (_name, change, pointer, reason) => {
    const error = loadError(broken(change));
    expect(error.pointer).toBe(pointer);
    expect(error.reason).toMatch(reason);
    expect(error.line).toBeGreaterThan(0);
    expect(error.column).toBeGreaterThan(0);
    expect(error.message).toContain(`specs/test.json:${error.line}:${error.column} (at #${pointer}): `);
  });
});

describe("parsing", () => {
  test("a YAML syntax error names the file, line and column", () => {
    const source = { file: "specs/x.yaml", text: "openapi: 3.0.4\ninfo:\n  title: [unclosed\n", isJson: false };
    expect(() => parseSpecText(source)).toThrow(/^specs\/x\.yaml:4:1: invalid YAML/);
    const tab = { file: "specs/x.yaml", text: "openapi: 3.0.4\ninfo:\n  title: a: b\n", isJson: false };
    expect(() => parseSpecText(tab)).toThrow(/^specs\/x\.yaml:3:10: invalid YAML/);
  });
  test("a JSON syntax error names the file, line and column", () => {
    const source = { file: "specs/x.json", text: '{\n  "openapi": "3.0.4",\n  "info": {,}\n}', isJson: true };
    expect(() => parseSpecText(source)).toThrow(/^specs\/x\.json:3:12: invalid JSON/);
  });
  test("a JSON syntax error YAML would accept (a bare word, a trailing comma) still names its line and column", () => {
    const bare = { file: "specs/x.json", text: '{\n  "openapi": "3.0.4",\n  "x": tru\n}', isJson: true };
    expect(() => parseSpecText(bare)).toThrow(/^specs\/x\.json:3:8: invalid JSON: invalid symbol$/);
    const trailing = { file: "specs/x.json", text: '{\n  "openapi": "3.0.4",\n  "info": {"title": "t",}\n}', isJson: true };
    expect(() => parseSpecText(trailing)).toThrow(/^specs\/x\.json:3:25: invalid JSON: property name expected$/);
  });
  test("duplicate YAML keys are an error, not a silent overwrite", () => {
    const source = { file: "specs/x.yaml", text: "openapi: 3.0.4\nopenapi: 3.1.0\n", isJson: false };
    expect(() => parseSpecText(source)).toThrow(/^specs\/x\.yaml:2:1: invalid YAML: Map keys must be unique/);
  });
  test("bytes that are not UTF-8 are refused with their line and column (in characters)", () => {
    const bytes = new Uint8Array([...new TextEncoder().encode("openapi: 3.0.4\ninfo: é"), 0xff, 0xfe]);
    expect(() => decodeSpec("specs/x.yaml", bytes)).toThrow("specs/x.yaml:2:8: not valid UTF-8");
  });
  test("pointerLocation finds nested keys and list items", () => {
    const source = { file: "x.yaml", text: "a:\n  b:\n    - one\n    - two\n  c/d: 1\n", isJson: false };
    const place = (pointer: string) => pointerLocation(source, pointer);
    expect(place("/a/b/1")).toEqual({ file: "x.yaml", pointer: "/a/b/1", line: 4, column: 7 });
    expect(place("/a/c~1d")).toEqual({ file: "x.yaml", pointer: "/a/c~1d", line: 5, column: 8 });
    expect(place("/a/missing")).toMatchObject({ line: 2, column: 3 });
    expect(place("")).toEqual({ file: "x.yaml", pointer: "" });
  });
  test("pointerLocation finds the same places in JSON, walking only the path", () => {
    const text = '{\n  "a": {\n    "b": [\n      "one",\n      {"two": 2}\n    ],\n    "c/d": 1,\n    "deep": ' + "[".repeat(20_000) + "]".repeat(20_000) + "\n  }\n}\n";
    const source = { file: "x.json", text, isJson: true };
    const places = ["/a", "/a/b", "/a/b/0", "/a/b/1", "/a/b/1/two", "/a/c~1d", "/a/missing", "/a/b/7", "/a/deep"].map((pointer) => {
      const { line, column } = pointerLocation(source, pointer);
      return `${line}:${column}`;
    });
    expect(places).toEqual(["2:8", "3:10", "4:7", "5:7", "5:15", "7:12", "2:8", "3:10", "8:13"]);
  });
});

describe("non-finite numbers (1e400 parses as Infinity) are refused where they stand", () => {
  const text = (enumValue: string, defaultValue: string) =>
    JSON.stringify(falSpec(ID), null, 2).replace(/"examples": \[\s*"a red fox"\s*\]/, `"enum": [1, ${enumValue}],\n"default": ${defaultValue}`);
  test.each([
    ["an enum value", "1e400", "2", "/components/schemas/TestModelInput/properties/prompt/enum/1"],
    ["a default", "2", "-1e400", "/components/schemas/TestModelInput/properties/prompt/default"],
  ])("%s", (_what, enumValue, defaultValue, pointer) => {
    const source = { file: "specs/test.json", text: text(enumValue, defaultValue), isJson: true };
    expect(source.text).toContain(enumValue === "1e400" ? "1e400" : "-1e400");
    try {
      validateSpec(source, parseSpecText(source));
      throw new Error("expected the spec to be refused");
    } catch (error) {
      expect(error).toBeInstanceOf(SpecError);
      const message = (error as SpecError).message;
      expect(message).toContain(`(at #${pointer})`);
      expect(message).toMatch(/specs\/test\.json:\d+:\d+ /);
      expect(message).toContain("is not a finite number");
    }
  });
  test("in YAML too", () => {
    const source = { file: "specs/test.yaml", text: "openapi: 3.0.4\ninfo:\n  x-fal-metadata:\n    endpointId: fal-ai/test/model\n  x-limit: .inf\npaths: {}\ncomponents:\n  schemas: {}\n", isJson: false };
    expect(() => validateSpec(source, parseSpecText(source))).toThrow(/specs\/test\.yaml:5:12 \(at #\/info\/x-limit\): Infinity is not a finite number/);
  });
});

