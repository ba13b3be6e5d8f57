import { describe, expect, test } from "vitest";
import { allowedValues, foldedValues, limits, typeLabel } from "../../generator/emit/describe-schema.js";
import { emitEndpointDoc } from "../../generator/emit/emit-docs.js";
import { cell, code, codeBlock, prose } from "../../generator/emit/markdown.js";
import { modelOf } from "../helpers/model.js";
import { falSpec } from "../helpers/spec-factory.js";
import { cleanDescription, orderProperties } from "../../generator/model/normalize-schema.js";

describe("typeLabel", () => {
  test.each([
    [{ type: "string" }, "string"],
    [{ type: "array", items: { $ref: "#/components/schemas/Image" } }, "list<Image>"],
    [{ anyOf: [{ $ref: "#/components/schemas/ImageSize" }, { type: "string", enum: ["a"] }] }, 'ImageSize | "a"'],
    [{ anyOf: [{ type: "integer" }, { type: "null" }] }, "integer | null"],
    [{ allOf: [{ $ref: "#/components/schemas/File" }] }, "File"],
    [{ type: "object", additionalProperties: { type: "number" } }, "map<string, number>"],
    [{ type: "string", enum: ["a", "b"] }, '"a" | "b"'],
    [{ type: "string", enum: ["a", "b", "c", "d", "e"] }, "string enum"],
    [{ type: "integer", enum: [4, 8, 16, 32, 64], nullable: true }, "integer enum | null"],
    [{ type: "integer", nullable: true }, "integer | null"],
    [{ anyOf: [{ type: "string" }, { type: "integer" }], nullable: true }, "string | integer | null"],
    [{ type: "string", const: "3" }, '"3"'],
    [{ type: "array", prefixItems: [{ type: "number" }, { type: "number", nullable: true }], minItems: 2, maxItems: 2 }, "[number, number | null]"],
    [{ type: "array", prefixItems: [{ type: "number" }, { type: "string" }], minItems: 1 }, "[number, string?, ...list<any>]"],
    [{ type: "array", prefixItems: [{ type: "number" }], items: { type: "string" } }, "[number?, ...list<string>]"],
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
    [{ "x-fal": { max_file_size: 1000 } }, ["max file size: 1000 bytes"]],
    [{ "x-fal": { timeout: 30, max_file_size: 100000000 } }, ["timeout: 30 s", "max file size: 95.4 MiB"]],
    [{ "x-fal": { max_width: 4096, max_fps: 60, retries: 3 } }, ["max width: 4096 px", "max fps: 60 fps", "retries: 3"]],
    [{ type: "string" }, []],
  ])("%j -> %j", (schema, want) => expect(limits(schema)).toEqual(want));
});

test("a long list of values is folded: the first twelve, then how many more", () => {
  const values = Array.from({ length: 500 }, (_, index) => `v${index}`);
  expect(foldedValues(values)).toBe(`${values.slice(0, 12).map((value) => JSON.stringify(value)).join(", ")} and 488 more`);
  expect(foldedValues(["a", 1, null])).toBe('"a", 1, null');
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

describe("links from spec text", () => {
  test.each([
    ["[docs](https://fal.ai/docs)", "[docs](https://fal.ai/docs)"],
    ["[x](javascript:alert(1))", "[x]\\(javascript:alert(1))"],
    ["![i](data:image/svg+xml;base64,AAAA)", "![i]\\(data:image/svg+xml;base64,AAAA)"],
    ["[x](\n  JavaScript:alert(1))", "[x]\\(\n  JavaScript:alert(1))"],
    ["[x](vbscript:x) and [y](http://ok.example)", "[x]\\(vbscript:x) and [y](http://ok.example)"],
    ["[ref]: javascript:alert(1)\n[ok]: https://fal.ai", "\\[ref]: javascript:alert(1)\n[ok]: https://fal.ai"],
    ["<javascript:alert(1)>", "&lt;javascript:alert(1)&gt;"],
  ])("%j -> %j", (given, want) => expect(prose(given)).toBe(want));

  /** The doc's head: its title and facts, up to its example. */
  const head = (playgroundUrl: string) => {
    const doc = emitEndpointDoc({ ...modelOf(falSpec("fal-ai/test/model")), playgroundUrl, documentationUrl: "javascript:alert(1)" }, "@falgen/models");
    return doc.slice(0, doc.indexOf("## Example"));
  };
  const facts = (...playground: string[]) =>
    [
      "# fal-ai/test/model",
      "",
      "- Category: text-to-image",
      "- Import: `@falgen/models/fal-ai/test/model`",
      "- Validation: `inputValidator` (Standard Schema; pass `{ validate: inputValidator }` to check an input before sending it), JSON Schemas `inputSchema` and `outputSchema`",
      "- From a terminal: `falgen run fal-ai/test/model --help`",
      ...playground,
      "- Generated from: `test.json`",
      "",
      "",
    ].join("\n");
  test.each([
    ["https://fal.ai/models/x", facts("- Playground: <https://fal.ai/models/x>")],
    ["javascript:alert(1)", facts()],
  ])("metadata URLs are linked only when they are http(s): playground %j", (given, want) => expect(head(given)).toBe(want));
});

test("the doc's realtime example names the WebSocket option Node 20 needs, and says tokens need no route on a server", () => {
  const doc = emitEndpointDoc(modelOf(falSpec("fal-ai/test/model")), "@falgen/models");
  const realtime = doc.slice(doc.indexOf("const connection = endpoint.realtime(fal, {"), doc.indexOf("connection.send(input);"));
  expect(realtime).toContain('WebSocket: (await import("ws")).default');
  expect(realtime).toMatch(/Node 20 has no global\s+\/\/ WebSocket/);
  expect(realtime).toMatch(/On a server, leave tokenProvider out/);
});
