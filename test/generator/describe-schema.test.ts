import { describe, expect, test } from "vitest";
import { allowedValues, limits, typeLabel } from "../../generator/emit/describe-schema.js";
import { cell, code, codeBlock } from "../../generator/emit/markdown.js";
import { cleanDescription, orderProperties } from "../../generator/model/normalize-schema.js";

describe("typeLabel", () => {
  test.each([
    [{ type: "string" }, "string"],
    [{ type: "array", items: { $ref: "#/components/schemas/Image" } }, "list<Image>"],
    [{ anyOf: [{ $ref: "#/components/schemas/ImageSize" }, { type: "string", enum: ["a"] }] }, "ImageSize | enum"],
    [{ anyOf: [{ type: "integer" }, { type: "null" }] }, "integer | null"],
    [{ allOf: [{ $ref: "#/components/schemas/File" }] }, "File"],
    [{ type: "object", additionalProperties: { type: "number" } }, "map<string, number>"],
    [{ type: "string", enum: ["a", "b"] }, "enum"],
    [{}, "any"],
  ])("%j -> %s", (schema, want) => expect(typeLabel(schema)).toBe(want));
});

describe("limits", () => {
  test.each([
    [{ minimum: 1, maximum: 4 }, ["between 1 and 4"]],
    [{ exclusiveMinimum: 0 }, ["greater than 0"]],
    [{ minimum: 0, exclusiveMinimum: true }, ["greater than 0"]],
    [{ maximum: 10 }, ["at most 10"]],
    [{ minLength: 1, maxLength: 1000 }, ["1 to 1000 characters"]],
    [{ maxItems: 3 }, ["at most 3 items"]],
    [{ pattern: "^#[0-9a-f]{8}$" }, ["matches `^#[0-9a-f]{8}$`"]],
    [{ "x-fal": { max_file_size: 1000 } }, ["max file size: 1000"]],
    [{ type: "string" }, []],
  ])("%j -> %j", (schema, want) => expect(limits(schema)).toEqual(want));
});

test("allowedValues reads enums directly and inside anyOf", () => {
  expect(allowedValues({ enum: ["a", "b"] })).toEqual(["a", "b"]);
  expect(allowedValues({ anyOf: [{ $ref: "#/x" }, { enum: ["c"] }] })).toEqual(["c"]);
});

describe("normalize", () => {
  test("cleanDescription dedents docstrings and trims blank lines", () => {
    expect(cleanDescription("\n    Line one\n      indented\n    ")).toBe("Line one\n  indented");
  });
  test("orderProperties follows x-fal-order-properties, unlisted last, unknown names ignored", () => {
    const schema = { properties: { a: {}, b: {}, c: {} }, "x-fal-order-properties": ["c", "ghost", "a"] };
    expect(Object.keys(orderProperties(schema).properties as object)).toEqual(["c", "a", "b"]);
  });
});

describe("markdown escaping keeps tables whole", () => {
  test.each([
    ["a | b", "a \\| b"],
    ["line\nbreak", "line<br>break"],
    ["</script><b>", "&lt;/script&gt;&lt;b&gt;"],
    ["sep\u2028here", "sep<br>here"],
  ])("cell(%j) -> %j", (text, want) => expect(cell(text)).toBe(want));
  test("code spans and blocks outgrow backtick runs in the text", () => {
    expect(code("a`b")).toBe("``a`b``");
    expect(codeBlock("ts", "```inner```")).toBe("````ts\n```inner```\n````");
  });
});

test("an unpaired backtick is escaped; paired ones stay code spans", () => {
  expect(cell("If `True`, yes")).toBe("If `True`, yes");
  expect(cell("a ` b")).toBe("a \\` b");
  expect(cell("back\\slash")).toBe("back\\\\slash");
});
