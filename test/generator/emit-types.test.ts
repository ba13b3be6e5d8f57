import { describe, expect, test } from "vitest";
import { emitTypes } from "../../generator/emit/emit-types.js";
import { modelOf, modelWithInput, TEST_ID } from "../helpers/model.js";
import { falSpec } from "../helpers/spec-factory.js";

const BASE = { Base: { type: "object", properties: { seed: { type: "integer" } } } };

/**
 * The whole types of the test endpoint's module (test/helpers/spec-factory.ts) whose
 * Input is `{ field: <given> }`: `input` is the Input type's body as printed, `base` the `Base`
 * type's block when the spec has BASE.
 */
function typesFile(input: string, base = false): string {
  return [
    "/** The input of `fal-ai/test/model`. */",
    "export type TestModelInput = {",
    input,
    "};",
    "/** The output of `fal-ai/test/model`. */",
    "export type TestModelOutput = {",
    "  images: Image[];",
    "};",
    ...(base ? ["/** The `Base` type of `fal-ai/test/model`. */", "export type Base = {", "  seed?: number;", "};"] : []),
    "/** The `Image` type of `fal-ai/test/model`. */",
    "export type Image = {",
    "  url: string;",
    "};",
    "/** What `fal-ai/test/model` takes: the same type as {@link TestModelInput}. */",
    "export type Input = TestModelInput;",
    "/** What `fal-ai/test/model` returns: the same type as {@link TestModelOutput}. */",
    "export type Output = TestModelOutput;",
    "",
  ].join("\n");
}

/**
 * Given an Input property's schema (and the other schemas it refers to), want the whole file:
 * the property's TSDoc and type as printed, where openapi-typescript's reading is narrower than
 * JSON Schema's (type-transforms.ts) and where falgen folds allowed values and limits into the docs.
 */
describe("emitTypes: given an Input property, want all the types", () => {
  const table: [name: string, given: unknown, extraSchemas: Record<string, unknown>, want: string][] = [
    ["string", {"type":"string"}, {}, [
        "  field?: string;",
      ].join("\n")],
    ["number with numeric exclusiveMinimum (JSON Schema style)", {"type":"number","exclusiveMinimum":0,"maximum":1}, {}, [
        "  /** @description Limits: between 0 (exclusive) and 1 */",
        "  field?: number;",
      ].join("\n")],
    ["boolean exclusiveMinimum (OpenAPI 3.0 style)", {"type":"integer","minimum":0,"exclusiveMinimum":true}, {}, [
        "  /** @description Limits: greater than 0 */",
        "  field?: number;",
      ].join("\n")],
    ["enum", {"type":"string","enum":["a","b"]}, {}, [
        "  /** @enum {string} */",
        "  field?: \"a\" | \"b\";",
      ].join("\n")],
    ["null in anyOf", {"anyOf":[{"type":"integer"},{"type":"null"}]}, {}, [
        "  field?: number | null;",
      ].join("\n")],
    ["allOf-wrapped ref with a description", {"allOf":[{"$ref":"#/components/schemas/Image"}],"description":"The picture."}, {}, [
        "  /** @description The picture. */",
        "  field?: Image;",
      ].join("\n")],
    ["ref with siblings", {"$ref":"#/components/schemas/Image","description":"Sibling text."}, {}, [
        "  /** @description Sibling text. */",
        "  field?: Image;",
      ].join("\n")],
    // A nullable reference, as fal's documents write it: the validators accept null, so must the type.
    ["nullable ref", {"$ref":"#/components/schemas/Image","nullable":true,"description":"Or none."}, {}, [
        "  /** @description Or none. */",
        "  field?: Image | null;",
      ].join("\n")],
    ["ref | enum union", {"anyOf":[{"$ref":"#/components/schemas/Image"},{"type":"string","enum":["square","wide"]}]}, {}, [
        "  /** @description Allowed values: \"square\", \"wide\" */",
        "  field?: Image | (\"square\" | \"wide\");",
      ].join("\n")],
    ["default, title, examples", {"type":"integer","title":"Steps","default":28,"examples":[30]}, {}, [
        "  /**",
        "   * Steps",
        "   * @default 28",
        "   * @example 30",
        "   */",
        "  field?: number;",
      ].join("\n")],
    ["array limits", {"type":"array","items":{"type":"string"},"maxItems":3}, {}, [
        "  /** @description Limits: at most 3 items */",
        "  field?: string[];",
      ].join("\n")],
    ["map", {"type":"object","additionalProperties":{"type":"number"}}, {}, [
        "  field?: {",
        "    [key: string]: number;",
        "  };",
      ].join("\n")],
    ["docstring description is dedented", {"type":"string","description":"\n        First line\n        second line\n    "}, {}, [
        "  /** @description First line",
        "   *     second line */",
        "  field?: string;",
      ].join("\n")],
    ["a description cannot close the comment", {"type":"string","description":"evil */ export const x = 1; /*"}, {}, [
        "  /** @description evil *\\/ export const x = 1; /* */",
        "  field?: string;",
      ].join("\n")],
    ["bare object", {"type":"object"}, {}, [
        "  field?: {",
        "    [key: string]: unknown;",
        "  };",
      ].join("\n")],
    ["bare object in anyOf", {"anyOf":[{"type":"object"},{"type":"number"}]}, {}, [
        "  field?: {",
        "    [key: string]: unknown;",
        "  } | number;",
      ].join("\n")],
    ["bare object items", {"type":"array","items":{"type":"object"}}, {}, [
        "  field?: {",
        "    [key: string]: unknown;",
        "  }[];",
      ].join("\n")],
    ["empty properties", {"type":"object","properties":{}}, {}, [
        "  field?: {",
        "    [key: string]: unknown;",
        "  };",
      ].join("\n")],
    ["closed empty object", {"type":"object","additionalProperties":false}, {}, [
        "  field?: {",
        "    [key: string]: never;",
        "  };",
      ].join("\n")],
    ["nullable bare object", {"type":"object","nullable":true}, {}, [
        "  field?: {",
        "    [key: string]: unknown;",
        "  } | null;",
      ].join("\n")],
    ["typed additionalProperties beside properties", {"type":"object","properties":{"empty":{"type":"boolean"}},"additionalProperties":{"type":"array","items":{"type":"string"}}}, {}, [
        "  field?: {",
        "    empty?: boolean;",
        "  } & {",
        "    [key: string]: string[] | boolean;",
        "  };",
      ].join("\n")],
    ["additionalProperties true beside properties", {"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":true}, {}, [
        "  field?: {",
        "    a?: string;",
        "  } & {",
        "    [key: string]: unknown;",
        "  };",
      ].join("\n")],
    ["required beside allOf", {"allOf":[{"$ref":"#/components/schemas/Base"},{"type":"object","properties":{"prompt":{"type":"string"}}}],"required":["prompt","seed","extra"]}, BASE, [
        "  field?: Base & {",
        "    prompt?: string;",
        "  } & {",
        "    prompt: string;",
        "    seed: number;",
        "    extra: unknown;",
        "  };",
      ].join("\n")],
    ["tuple, fixed", {"type":"array","prefixItems":[{"type":"number"},{"anyOf":[{"type":"number"},{"type":"null"}]}],"minItems":2,"maxItems":2}, {}, [
        "  field?: ([",
        "    number,",
        "    number | null",
        "  ]);",
      ].join("\n")],
    ["tuple, open", {"type":"array","prefixItems":[{"type":"number"},{"type":"string"}],"minItems":1}, {}, [
        "  field?: ([",
        "    number,",
        "    string?,",
        "    ...unknown[]",
        "  ]);",
      ].join("\n")],
    ["tuple, typed rest", {"type":"array","prefixItems":[{"type":"number"}],"items":{"type":"string"},"minItems":1}, {}, [
        "  field?: ([",
        "    number,",
        "    ...string[]",
        "  ]);",
      ].join("\n")],
    ["tuple, closed by items false", {"type":"array","prefixItems":[{"type":"number"}],"items":false}, {}, [
        "  field?: ([",
        "    number?",
        "  ]);",
      ].join("\n")],
    ["tuple, nullable", {"type":"array","prefixItems":[{"type":"number"}],"minItems":1,"maxItems":1,"nullable":true}, {}, [
        "  field?: ([",
        "    number",
        "  ]) | null;",
      ].join("\n")],
    ["list of tuples", {"type":"array","items":{"type":"array","prefixItems":[{"type":"number"}],"minItems":1,"maxItems":1}}, {}, [
        "  field?: ([",
        "    number",
        "  ])[];",
      ].join("\n")],
    ["const string", {"type":"string","const":"3"}, {}, [
        "  /** @enum {string} */",
        "  field?: \"3\";",
      ].join("\n")],
    ["nullable const", {"type":"boolean","const":true,"nullable":true}, {}, [
        "  /** @enum {boolean|null} */",
        "  field?: true | null;",
      ].join("\n")],
    ["const null", {"const":null}, {}, [
        "  /** @enum {unknown} */",
        "  field?: null;",
      ].join("\n")],
    ["const object", {"type":"object","const":{"a":1}}, {}, [
        "  field?: {",
        "    [key: string]: unknown;",
        "  };",
      ].join("\n")],
    ["items {}", {"type":"array","items":{}}, {}, [
        "  field?: unknown[];",
      ].join("\n")],
    ["nullable anyOf without type", {"anyOf":[{"type":"string","enum":["small","large"]},{"type":"integer"}],"nullable":true}, {}, [
        "  /** @description Allowed values: \"small\", \"large\" */",
        "  field?: ((\"small\" | \"large\") | number) | null;",
      ].join("\n")],
    ["prototype member names", {"type":"object","properties":{"constructor":{"type":"string"},"toString":{"type":"integer"},"valueOf":{"type":"boolean"}},"required":["valueOf"]}, {}, [
        "  field?: {",
        "    constructor?: string | {}[\"constructor\"];",
        "    toString?: number | {}[\"toString\"];",
        "    valueOf: boolean;",
        "  };",
      ].join("\n")],
    ["discriminator on an allOf member (no global Omit)", {"allOf":[{"type":"object","properties":{"kind":{"type":"string"}},"discriminator":{"propertyName":"kind"}}]}, {}, [
        "  field?: {",
        "    kind?: string;",
        "  };",
      ].join("\n")],
    ["enum with null and nullable", {"type":"string","enum":["a",null],"nullable":true}, {}, [
        "  /** @enum {string|null} */",
        "  field?: \"a\" | null;",
      ].join("\n")],
    ["number literal enum", {"type":"integer","enum":[4,-8,1e+21]}, {}, [
        "  /** @enum {integer} */",
        "  field?: 4 | -8 | 1e+21;",
      ].join("\n")],
  ];
  test.each(table)("%s", (_name, given, extraSchemas, want) => {
    expect(emitTypes(modelWithInput({ field: given }, extraSchemas))).toBe(typesFile(want, extraSchemas === BASE));
  });

  test("a property with a default stays optional; a required one does not", () => {
    expect(emitTypes(modelWithInput({ field: { type: "integer", default: 1 } }, {}, ["field"]))).toBe(typesFile(["  /** @default 1 */", "  field: number;"].join("\n")));
    expect(emitTypes(modelWithInput({ field: { type: "integer", default: 1 } }))).toBe(typesFile(["  /** @default 1 */", "  field?: number;"].join("\n")));
  });

  test("x-fal-order-properties sets the order of properties", () => {
    const properties = { b: { type: "string" }, a: { type: "string" }, c: { type: "string" } };
    const model = modelOf(falSpec(TEST_ID, { TestModelInput: { type: "object", properties, "x-fal-order-properties": ["c", "a"] } }));
    expect(emitTypes(model)).toBe(typesFile(["  c?: string;", "  a?: string;", "  b?: string;"].join("\n")));
  });
});

test("each schema is a named type under its TSDoc (or its role), referred to by name; then Input and Output", () => {
  const model = modelOf(
    falSpec(TEST_ID, {
      Image: { type: "object", description: "A picture.\n\nWith */ in it.", properties: { url: { type: "string" }, size: { $ref: "#/components/schemas/Size" } } },
      Size: { type: "object", properties: { width: { type: "integer" } } },
    }),
  );
  expect(emitTypes(model)).toBe(
    [
      "/** The input of `fal-ai/test/model`. */",
      "export type TestModelInput = {",
      "  /**",
      "   * @description What to draw.",
      "   * @example a red fox",
      "   */",
      "  prompt: string;",
      "};",
      "/** The output of `fal-ai/test/model`. */",
      "export type TestModelOutput = {",
      "  images: Image[];",
      "};",
      // openapi-typescript's layout of a comment with one tag whose text has several lines.
      "/** @description A picture.",
      " *",
      " *     With *\\/ in it. */",
      "export type Image = {",
      "  url?: string;",
      "  size?: Size;",
      "};",
      "/** The `Size` type of `fal-ai/test/model`. */",
      "export type Size = {",
      "  width?: number;",
      "};",
      "/** What `fal-ai/test/model` takes: the same type as {@link TestModelInput}. */",
      "export type Input = TestModelInput;",
      "/** What `fal-ai/test/model` returns: the same type as {@link TestModelOutput}. */",
      "export type Output = TestModelOutput;",
      "",
    ].join("\n"),
  );
});

test("a non-ASCII schema name stays as written and its property names stay unquoted where they are identifiers", () => {
  const model = modelOf(
    falSpec(TEST_ID, { ñandú: { type: "object", properties: { größe: { type: "integer" }, "ñ-x": { type: "string" } } } }),
  );
  const types = emitTypes(model);
  expect(types).toContain("export type ñandú = {");
  expect(types).toMatch(/\n {2}größe\?: number;/);
  expect(types).toMatch(/\n {2}"ñ-x"\?: string;/);
  expect(types).not.toContain("export type And");
});
