import { cp, mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, expect, test } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { falSpec } from "../helpers/spec-factory.js";
import { SHARED_FIXTURES, tempDir } from "../helpers/temp-dir.js";

/** A spec file's bytes: JSON for objects, text as written, raw bytes as given. */
type Contents = Record<string, unknown> | string | Uint8Array;

/** A valid spec changed by `change`. */
function spec(change: (spec: any) => void, id = "fal-ai/broken"): Record<string, unknown> {
  const document = structuredClone(falSpec(id)) as any;
  change(document);
  return document;
}
const schemas = (document: any) => document.components.schemas;
const input = (document: any) => document.components.schemas.BrokenInput;

/** [what, file name, contents, what the message must say (after the file name)] */
const BROKEN: [string, string, Contents, RegExp][] = [
  ["YAML syntax error", "broken.yaml", "openapi: 3.0.4\ninfo: [unclosed\n", /:3:1: invalid YAML/],
  ["YAML bad indentation", "broken.yaml", "openapi: 3.0.4\ninfo:\n  title: x\n bad: y\n", /:4:\d+: invalid YAML/],
  ["JSON syntax error", "broken.json", '{"openapi": "3.0.4",, }', /:1:21: invalid JSON/],
  ["duplicate YAML key", "broken.yaml", "openapi: 3.0.4\nopenapi: 3.0.4\n", /:2:1: invalid YAML/],
  ["YAML alias bomb", "broken.yaml", "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n", /too many YAML aliases/],
  ["empty file", "broken.yaml", "", /not an OpenAPI document|an object/],
  ["a list at the top", "broken.yaml", "- openapi\n", /must be an OpenAPI document \(an object\), found a list/],
  ["a string at the top", "broken.json", '"openapi"', /found string "openapi"/],
  ["no openapi version", "broken.json", spec((d) => delete d.openapi), /\(at #\/openapi\): not an OpenAPI 3 document/],
  ["Swagger 2", "broken.json", spec((d) => (d.openapi = "2.0")), /\(at #\/openapi\): not an OpenAPI 3 document/],
  ["no info", "broken.json", spec((d) => delete d.info), /\(at #\/info\): info must be an object/],
  ["paths as a list", "broken.json", spec((d) => (d.paths = [])), /\(at #\/paths\): paths must be an object/],
  ["no components.schemas", "broken.json", spec((d) => delete d.components.schemas), /\(at #\/components\/schemas\)/],
  ["no endpoint id", "broken.json", spec((d) => delete d.info["x-fal-metadata"].endpointId), /\(at #\/info\/x-fal-metadata\/endpointId\): missing endpoint id/],
  ["empty endpoint id", "broken.json", spec((d) => (d.info["x-fal-metadata"].endpointId = "")), /endpoint id "" must have the form owner\/app/],
  ["endpoint id without an app", "broken.json", spec((d) => (d.info["x-fal-metadata"].endpointId = "flux")), /must have the form owner\/app/],
  ["endpoint id with a space", "broken.json", spec((d) => (d.info["x-fal-metadata"].endpointId = "fal-ai/flux dev")), /invalid segment "flux dev"/],
  ["endpoint id climbing out", "broken.json", spec((d) => (d.info["x-fal-metadata"].endpointId = "fal-ai/../../etc")), /invalid segment "\.\."/],
  [
    "endpoint id segment starting with _",
    "broken.json",
    spec((d) => (d.info["x-fal-metadata"].endpointId = "_sim/x")),
    /invalid segment "_sim" \(a letter or digit first, then letters, digits, "\.", "_" and "-"\)/,
  ],
  ["endpoint id that is a number", "broken.json", spec((d) => (d.info["x-fal-metadata"].endpointId = 42)), /must be a string, found number 42/],
  ["duplicate endpoint id", "broken.json", falSpec("fal-ai/flux/dev"), /duplicate endpoint id "fal-ai\/flux\/dev"/],
  ["unknown ref", "broken.json", spec((d) => (input(d).properties.prompt = { $ref: "#/components/schemas/Nope" })), /\(at #\/components\/schemas\/BrokenInput\/properties\/prompt\/\$ref\): unresolved \$ref/],
  ["external ref", "broken.json", spec((d) => (input(d).properties.prompt = { $ref: "common.yaml#/Prompt" })), /only local refs/],
  ["ref cycle A -> B -> A", "broken.json", spec((d) => Object.assign(schemas(d), { A: { $ref: "#/components/schemas/B" }, B: { $ref: "#/components/schemas/A" } })), /ref cycle that never reaches a schema: #\/components\/schemas\/A -> #\/components\/schemas\/B -> #\/components\/schemas\/A/],
  ["ref to itself", "broken.json", spec((d) => (schemas(d).Self = { $ref: "#/components/schemas/Self" })), /ref cycle/],
  ["$ref that is not a string", "broken.json", spec((d) => (input(d).properties.prompt = { $ref: 7 })), /\$ref must be a string/],
  ["unknown type", "broken.json", spec((d) => (input(d).properties.prompt.type = "text")), /\(at #\/components\/schemas\/BrokenInput\/properties\/prompt\/type\): type must be one of/],
  ["type that is a number", "broken.json", spec((d) => (input(d).properties.prompt.type = 1)), /type must be one of/],
  ["properties as a list", "broken.json", spec((d) => (input(d).properties = ["prompt"])), /properties must be an object/],
  ["required as a string", "broken.json", spec((d) => (input(d).required = "prompt")), /required must be a list of property names/],
  ["empty enum", "broken.json", spec((d) => (input(d).properties.prompt.enum = [])), /enum must be a non-empty list/],
  ["enum of objects", "broken.json", spec((d) => (input(d).properties.prompt.enum = [{ a: 1 }])), /\(at #\/components\/schemas\/BrokenInput\/properties\/prompt\/enum\/0\): enum values must be/],
  ["enormous enum", "broken.json", spec((d) => (input(d).properties.prompt.enum = Array.from({ length: 5000 }, (_, i) => `v${i}`))), /enum has 5000 values; at most 1000/],
  ["invalid pattern", "broken.json", spec((d) => (input(d).properties.prompt.pattern = "([a-z")), /pattern is not a valid regular expression/],
  ["minimum as a string", "broken.json", spec((d) => (input(d).properties.prompt.minimum = "1")), /minimum must be a number/],
  ["tuple items", "broken.json", spec((d) => (schemas(d).BrokenOutput.properties.images.items = [{ type: "string" }])), /tuple form is not supported/],
  ["empty anyOf", "broken.json", spec((d) => (input(d).properties.prompt = { anyOf: [] })), /anyOf must be a non-empty list/],
  ["description that is not text", "broken.json", spec((d) => (input(d).properties.prompt.description = ["a"])), /description must be a string/],
  ["x-fal-order-properties not a list", "broken.json", spec((d) => (input(d)["x-fal-order-properties"] = "prompt")), /x-fal-order-properties must be a list/],
  ["no Input at all", "broken.json", spec((d) => { delete d.paths["/fal-ai/broken"]; delete schemas(d).BrokenInput; }), /no Input schema/],
  ["inline Input schema", "broken.json", spec((d) => (d.paths["/fal-ai/broken"].post.requestBody.content["application/json"].schema = { type: "object" })), /the input schema must be a \$ref/],
  ["Output ref to nothing", "broken.json", spec((d) => (d.paths["/fal-ai/broken/requests/{request_id}"].get.responses["200"].content["application/json"].schema.$ref = "#/components/schemas/Gone")), /unresolved \$ref #\/components\/schemas\/Gone/],
  ["bytes that are not UTF-8", "broken.yaml", new Uint8Array([0x6f, 0x70, 0x65, 0x6e, 0x0a, 0xc3, 0x28]), /:2:2: not valid UTF-8/],
  ["lone surrogate in a description", "broken.json", spec((d) => (input(d).properties.prompt.description = "a\ud800b")), /\(at #\/components\/schemas\/BrokenInput\/properties\/prompt\/description\): a string holds a lone UTF-16 surrogate \(\\uD800 at character 2\)/],
  ["lone surrogate in an enum value", "broken.json", spec((d) => (input(d).properties.prompt.enum = ["ok", "\udc00"])), /\(at #\/components\/schemas\/BrokenInput\/properties\/prompt\/enum\/1\): a string holds a lone UTF-16 surrogate/],
  ["lone surrogate in a property name", "broken.json", spec((d) => (input(d).properties["p\udfff"] = { type: "string" })), /\(at #\/components\/schemas\/BrokenInput\/properties\): a key holds a lone UTF-16 surrogate/],
  ["lone surrogate in a schema name", "broken.json", spec((d) => (schemas(d)["Name\ud83d"] = { type: "string" })), /\(at #\/components\/schemas\): a key holds a lone UTF-16 surrogate/],
  ["lone surrogate in a YAML escape", "broken.yaml", 'openapi: 3.0.4\ninfo:\n  title: "fox \\ud800"\n', /:3:10 \(at #\/info\/title\): a string holds a lone UTF-16 surrogate/],
  ["nesting 300 levels deep (JSON)", "broken.json", deepJson(150), /\(at #\/components\/schemas\/BrokenInput\): nested more than 256 levels deep/],
  ["nesting 100,000 levels deep (JSON)", "broken.json", deepJson(50_000), /\(at #\/components\/schemas\/BrokenInput\): nested more than 256 levels deep/],
  ["nesting 5,000 levels deep (YAML flow)", "broken.yaml", `openapi: 3.0.4\nx: ${"[".repeat(5000)}${"]".repeat(5000)}\n`, /:2:1028: nested more than 256 levels deep/],
  ["nesting 2,000 levels deep (YAML block)", "broken.yaml", `openapi: 3.0.4\nx:\n${Array.from({ length: 2000 }, (_, i) => `${" ".repeat(i + 1)}- `).join("\n")}a\n`, /:\d+: nested more than 256 levels deep/],
  ["endpoint id segment near the file-name limit", "broken.json", spec((d) => (d.info["x-fal-metadata"].endpointId = `fal-ai/${"a".repeat(252)}`)), /\(at #\/info\/x-fal-metadata\/endpointId\): endpoint id has a segment of 252 characters \("a{20}\.\.\."\): at most 128/],
  ["endpoint id longer than paths allow", "broken.json", spec((d) => (d.info["x-fal-metadata"].endpointId = `fal-ai/${Array.from({ length: 40 }, () => "a".repeat(100)).join("/")}`)), /endpoint id is 4046 characters long: at most 512/],
];

/** A spec whose Input has a property nested `levels` objects deep (written as text: JSON.stringify would overflow). */
function deepJson(levels: number): string {
  const text = JSON.stringify(spec((d) => (input(d).properties.deep = "@DEEP@")));
  return text.replace('"@DEEP@"', `${'{"type":"object","properties":{"a":'.repeat(levels)}{"type":"string"}${"}}".repeat(levels)}`);
}

let specsTemplate: string;
let baseline: Map<string, string>;
let out: string;

async function tree(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
  return new Map(await Promise.all(files.sort().map(async (file) => [path.relative(dir, file), (await readFile(file)).toString("base64")] as const)));
}

beforeAll(async () => {
  specsTemplate = await tempDir("broken-table-specs");
  await cp(path.join(SHARED_FIXTURES, "fal-ai__flux__dev.json"), path.join(specsTemplate, "fal-ai__flux__dev.json"));
  out = path.join(await tempDir("broken-table-out"), "generated");
  const report = await generate({ specsDir: specsTemplate, outDir: out, cacheDir: false });
  expect(report.ok).toBe(true);
  baseline = await tree(out);
});

test.each(BROKEN)("%s: refused with the file and the place; the output is untouched", async (_what, name, contents, message) => {
  const specs = await tempDir("broken-case");
  await cp(specsTemplate, specs, { recursive: true });
  const file = path.join(specs, "fal-ai", name);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, contents instanceof Uint8Array ? contents : typeof contents === "string" ? contents : JSON.stringify(contents, null, 2));

  const report = await generate({ specsDir: specs, outDir: out, cacheDir: false });
  expect(report.ok).toBe(false);
  const [error] = report.errors;
  expect(error?.message).toMatch(message);
  const shown = path.relative(process.cwd(), file);
  // The duplicate is reported against both files; every message starts with a file name.
  expect(report.errors.some((e) => e.file === shown)).toBe(true);
  expect(error!.line !== undefined || error!.pointer !== undefined).toBe(true);
  expect(await tree(out)).toEqual(baseline);
  expect(await readdir(path.dirname(out))).toEqual(["generated"]);
  await rm(specs, { recursive: true, force: true });
});

/** [what, path below the specs folder (with a line break or other unsafe character), the character named] */
const UNSAFE_PATHS: [string, string, string][] = [
  ["a line feed in the file name", "fal-ai/x\nglobalThis.pwned = 1 //.json", "U+000A"],
  ["a carriage return in the file name", "fal-ai/x\rglobalThis.pwned = 1 //.json", "U+000D"],
  ["a line separator in a folder name", "fal-ai\u2028globalThis.pwned = 1;/x.json", "U+2028"],
  ["a paragraph separator in a folder name", "fal-ai\u2029globalThis.pwned = 1;/x.json", "U+2029"],
  ["a bidi override in the file name", "fal-ai/x\u202e.json", "U+202E"],
  ["a NEL in the file name", "fal-ai/x\u0085y.json", "U+0085"],
];

test.each(UNSAFE_PATHS)("a spec path with %s is refused with a located, one-line error; nothing is written", async (_what, name, character) => {
  const specs = await tempDir("unsafe-path");
  await cp(specsTemplate, specs, { recursive: true });
  const file = path.join(specs, name);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(falSpec("fal-ai/x")));
  const report = await generate({ specsDir: specs, outDir: out, cacheDir: false });
  expect(report.ok).toBe(false);
  const [error] = report.errors;
  expect(error?.message).toContain(`the spec's path holds ${character}`);
  // Shown escaped: the message stays on one line and names the file.
  expect(error?.message.split(/[\n\r\u2028\u2029]/)).toHaveLength(1);
  expect(error?.file).toMatch(/\\u\{[0-9a-f]+\}/);
  expect(await tree(out)).toEqual(baseline);
});

test("a spec path outside ASCII is cited in headers as escapes, never raw", async () => {
  const specs = await tempDir("unicode-path");
  await mkdir(path.join(specs, "fal-ai"), { recursive: true });
  await writeFile(path.join(specs, "fal-ai", "café-🦊.json"), JSON.stringify(falSpec("fal-ai/cafe")));
  const target = path.join(await tempDir("unicode-path-out"), "generated");
  const report = await generate({ specsDir: specs, outDir: target, cacheDir: false });
  expect(report.errors).toEqual([]);
  for (const file of ["cafe.js", "cafe.d.ts"]) {
    const header = (await readFile(path.join(target, "src/endpoints/fal-ai", file), "utf8")).split("\n")[0];
    expect(header).toBe("// Generated by falgen from fal-ai/caf\\u{e9}-\\u{1f98a}.json. Do not edit: change the spec and run `falgen generate`.");
  }
});

test.each([
  ["an endpoint id", "fal-ai/FLUX/dev", `endpoint id "fal-ai/FLUX/dev" differs only in letter case from endpoint id "fal-ai/flux/dev"`],
  ["a folder of an endpoint id", "fal-ai/Flux/schnell", `"fal-ai/Flux" of endpoint id "fal-ai/Flux/schnell" differs only in letter case from "fal-ai/flux" of endpoint id "fal-ai/flux/dev"`],
  ["the owner", "FAL-AI/other", `"FAL-AI" of endpoint id "FAL-AI/other" differs only in letter case from "fal-ai" of endpoint id "fal-ai/flux/dev"`],
])("%s that differs from another's only in letter case (one folder on macOS and Windows) is refused, naming both spec files; the output is untouched", async (_what, id, reason) => {
  const specs = await tempDir("case-clash");
  await cp(specsTemplate, specs, { recursive: true });
  await writeFile(path.join(specs, "zz-clash.json"), JSON.stringify(falSpec(id)));
  const report = await generate({ specsDir: specs, outDir: out, cacheDir: false });
  expect(report.ok).toBe(false);
  const [theirs, ours] = ["fal-ai__flux__dev.json", "zz-clash.json"].map((name) => path.relative(process.cwd(), path.join(specs, name)));
  const other = reason.replace(/^(.*) differs only in letter case from (.*)$/, "$2 differs only in letter case from $1");
  const tail = ": their generated folders would be one on case-insensitive file systems (macOS, Windows); spell them alike";
  expect(report.errors.map((error) => error.message).sort()).toEqual(
    [`${ours} (at #/info/x-fal-metadata/endpointId): ${reason} in ${theirs}${tail}`, `${theirs} (at #/info/x-fal-metadata/endpointId): ${other} in ${ours}${tail}`].sort(),
  );
  expect(await tree(out)).toEqual(baseline);
});

test.each([
  ["the module", "fal-ai/flux/dev.js/x", "src/endpoints/fal-ai/flux/dev.js", "src/endpoints/fal-ai/flux/dev.js"],
  ["the declarations", "fal-ai/flux/dev.d.ts/x", "src/endpoints/fal-ai/flux/dev.d.ts", "src/endpoints/fal-ai/flux/dev.d.ts"],
  ["the doc", "fal-ai/flux/dev.md/x", "docs/fal-ai/flux/dev.md", "docs/fal-ai/flux/dev.md"],
  ["the module, in another letter case", "fal-ai/flux/DEV.JS/x", "src/endpoints/fal-ai/flux/DEV.JS", "src/endpoints/fal-ai/flux/dev.js"],
])("an endpoint id whose folder would be %s of another endpoint is refused, naming both spec files; the output is untouched", async (_what, id, folder, file) => {
  const specs = await tempDir("file-folder-clash");
  await cp(specsTemplate, specs, { recursive: true });
  await writeFile(path.join(specs, "zz-clash.json"), JSON.stringify(falSpec(id)));
  const report = await generate({ specsDir: specs, outDir: out, cacheDir: false });
  expect(report.ok).toBe(false);
  const [theirs, ours] = ["fal-ai__flux__dev.json", "zz-clash.json"].map((name) => path.relative(process.cwd(), path.join(specs, name)));
  const tail = ": one of the two must change its id";
  expect(report.errors.map((error) => error.message).sort()).toEqual(
    [
      `${ours} (at #/info/x-fal-metadata/endpointId): endpoint id ${JSON.stringify(id)} needs a folder ${folder}, a file of endpoint id "fal-ai/flux/dev" (${theirs})${tail}`,
      `${theirs} (at #/info/x-fal-metadata/endpointId): endpoint id "fal-ai/flux/dev" has a file ${file}, a folder endpoint id ${JSON.stringify(id)} needs (${ours})${tail}`,
    ].sort(),
  );
  expect(await tree(out)).toEqual(baseline);
});
