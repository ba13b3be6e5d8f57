import { readFileSync, readdirSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { loadSpecs, validateSpec } from "../../generator/load/load-specs.js";
import { decodeSpec, parseSpecText } from "../../generator/load/parse-spec.js";
import { generate } from "../../generator/pipeline.js";
import { specToYaml } from "../../generator/spec-files/spec-yaml.js";
import { falSpec } from "../helpers/spec-factory.js";
import { falgen } from "../helpers/run.js";
import { REPO_ROOT, tempDir } from "../helpers/temp-dir.js";

/** fal-ai/sense with an Input field `field` of schema `field`, as YAML (so places are lines of it). */
function senseSpec(field: Record<string, unknown>): string {
  const document = falSpec("fal-ai/sense") as any;
  document.components.schemas.SenseInput.properties.field = field;
  return specToYaml(document);
}

const POINTER = "/components/schemas/SenseInput/properties/field";

/** [what, field schema, the keyword reported, the reason] */
const ERRORS: [string, Record<string, unknown>, string, string][] = [
  ["an integer with a string default", { type: "integer", default: "many" }, "default", 'default "many" is not of type integer: the generated docs would state a default the field\'s type refuses'],
  ["a non-nullable string with a null default", { type: "string", default: null }, "default", "default null is not of type string: the generated docs would state a default the field's type refuses"],
  ["a default outside the enum", { type: "string", enum: ["a", "b"], default: "c" }, "default", 'default "c" is not one of the enum values ("a", "b"): the generated docs would state a default the field\'s type refuses'],
  ["minimum above maximum", { type: "integer", minimum: 10, maximum: 1 }, "minimum", "minimum 10 is above maximum 1: no value can satisfy this schema (the generated validator would refuse every value its type allows)"],
  ["exclusive bounds that meet", { type: "number", exclusiveMinimum: 5, exclusiveMaximum: 5 }, "exclusiveMinimum", "exclusiveMinimum 5 is not below exclusiveMaximum 5: no value can satisfy this schema (the generated validator would refuse every value its type allows)"],
  ["OpenAPI 3.0 exclusive flags on equal bounds", { type: "number", minimum: 1, maximum: 1, exclusiveMaximum: true }, "minimum", "minimum 1 is not below maximum 1: no value can satisfy this schema (the generated validator would refuse every value its type allows)"],
  ["an integer range with no whole number", { type: "integer", minimum: 1.2, maximum: 1.8 }, "minimum", "minimum 1.2 and maximum 1.8 leave no whole number between them: no value can satisfy this schema (the generated validator would refuse every value its type allows)"],
  ["minLength above maxLength", { type: "string", minLength: 5, maxLength: 2 }, "minLength", "minLength 5 is above maxLength 2: no value can satisfy this schema (the generated validator would refuse every value its type allows)"],
  ["minItems above maxItems", { type: "array", items: { type: "string" }, minItems: 3, maxItems: 1 }, "minItems", "minItems 3 is above maxItems 1: no value can satisfy this schema (the generated validator would refuse every value its type allows)"],
  ["minProperties above maxProperties", { type: "object", minProperties: 2, maxProperties: 1 }, "minProperties", "minProperties 2 is above maxProperties 1: no value can satisfy this schema (the generated validator would refuse every value its type allows)"],
  ["a negative maxLength", { type: "string", maxLength: -1 }, "maxLength", "maxLength must be a whole number 0 or more, found -1"],
  ["a fractional minItems", { type: "array", items: { type: "string" }, minItems: 1.5 }, "minItems", "minItems must be a whole number 0 or more, found 1.5"],
  ["multipleOf 0", { type: "number", multipleOf: 0 }, "multipleOf", "multipleOf must be above 0, found 0"],
  ["an enum value of another type", { type: "integer", enum: [1, "two"] }, "enum/1", 'enum value "two" is not of type integer: the generated type would offer it and the validator refuse it'],
  ["an object requiring a property it does not define", { type: "object", properties: { a: { type: "string" } }, required: ["a", "ghost"] }, "required/1", 'required names "ghost", which is not among the properties: the generated type would have no such field while its validator demands it, so every call would be refused'],
  ["a const of another type", { type: "boolean", const: "yes" }, "const", 'const "yes" is not of type boolean: no value can satisfy this schema (the generated validator would refuse every value its type allows)'],
];

describe("a spec that contradicts itself where the generated package would be wrong is a load error at file:line:column and pointer", () => {
  test.each(ERRORS)("%s", async (_what, field, keyword, reason) => {
    const specs = await tempDir("sense-specs");
    const file = path.join(specs, "sense.yaml");
    const text = senseSpec(field);
    await writeFile(file, text);
    const report = await generate({ specsDir: specs, outDir: path.join(await tempDir("sense-out"), "generated"), cacheDir: false });
    expect(report.ok).toBe(false);
    expect(report.errors).toHaveLength(1);
    const [error] = report.errors;
    expect(error!.pointer).toBe(`${POINTER}/${keyword}`);
    expect(error!.reason).toBe(reason);
    // The line is the keyword's own (an enum value's: its item).
    expect(text.split("\n")[error!.line! - 1]).toMatch(keyword.includes("/") ? /^\s*- / : new RegExp(`^\\s*${keyword}:`));
  });
});

/** [what, field schema, the reason of the warning at the field's default] */
const WARNINGS: [string, Record<string, unknown>, string][] = [
  ["a default below minimum (as in fal's seedream v4 ImageSize)", { type: "integer", default: 512, minimum: 1024, maximum: 4096 }, "default 512 is below minimum 1024"],
  ["a default above an exclusive maximum", { type: "number", default: 5, exclusiveMaximum: 5 }, "default 5 is not below exclusiveMaximum 5"],
  ["a default that is no multiple", { type: "number", default: 0.3, multipleOf: 0.25 }, "default 0.3 is not a multiple of 0.25"],
  ["a default shorter than minLength", { type: "string", default: "", minLength: 1 }, 'default "" is shorter than minLength 1'],
  ["a default not matching the pattern", { type: "string", default: "abc", pattern: "^[0-9]+$" }, 'default "abc" does not match pattern "^[0-9]+$"'],
  ["a display order naming a property the object lacks", { type: "object", properties: { a: { type: "string" } }, "x-fal-order-properties": ["a", "phantom"] }, "x-fal-order-properties names \"phantom\", which is not among the properties"],
  ["a default longer than maxItems", { type: "array", items: { type: "string" }, default: ["a", "b"], maxItems: 1 }, 'default ["a","b"] is longer than maxItems 1'],
];

describe("a default outside its field's own limits (the type accepts it), or a display order naming no property, is a warning that generate prints; the package is generated", () => {
  test.each(WARNINGS)("%s", async (_what, field, reason) => {
    const specs = await tempDir("sense-specs");
    await writeFile(path.join(specs, "sense.yaml"), senseSpec(field));
    // Loading is what judges a spec (the CLI test below covers generate's report and printing).
    const loaded = await loadSpecs(specs);
    expect(loaded.errors).toEqual([]);
    const expected = reason.startsWith("x-fal-order-properties")
      ? [`${POINTER}/x-fal-order-properties/1`, reason]
      : [`${POINTER}/default`, `${reason}: the spec contradicts itself (the generated validator would refuse the default if a caller sent it)`];
    expect(loaded.specs[0]!.warnings.map(({ pointer, reason: text }) => [pointer, text])).toEqual([expected]);
  });

  test("falgen generate prints each warning at file:line:column, on every run (the cache keeps them), not with --quiet; exit 0", async () => {
    const dir = await tempDir("sense-cli");
    await mkdir(path.join(dir, "specs"));
    await writeFile(path.join(dir, "specs/sense.yaml"), senseSpec({ type: "integer", default: 512, minimum: 1024 }));
    const line = /^warning: specs\/sense\.yaml:\d+:\d+ \(at #\/components\/schemas\/SenseInput\/properties\/field\/default\): default 512 is below minimum 1024: /m;
    for (const run of ["first", "cached"]) {
      const result = await falgen(["generate"], dir);
      expect(result.code, run).toBe(0);
      expect(result.stderr, run).toMatch(line);
      expect(result.stdout, run).toMatch(run === "cached" ? /1 unchanged from cache/ : /^falgen: 1 endpoints, /);
    }
    const quiet = await falgen(["generate", "--quiet"], dir);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe("");
  }, 180_000);
});

test("a required name that an allOf sibling, a combinator or additionalProperties supplies is no error", async () => {
  const specs = await tempDir("sense-specs");
  const document = falSpec("fal-ai/sense", {
    Base: { type: "object", properties: { id: { type: "string" } } },
    Mixin: { type: "object", properties: { text: { type: "string" } }, required: ["id", "text"] },
    Both: { allOf: [{ $ref: "#/components/schemas/Base" }, { $ref: "#/components/schemas/Mixin" }] },
    Inline: { allOf: [{ $ref: "#/components/schemas/Base" }, { type: "object", properties: { n: { type: "integer" } }, required: ["id"] }] },
    Open: { type: "object", properties: { a: { type: "string" } }, required: ["b"], additionalProperties: { type: "string" } },
  }) as any;
  Object.assign(document.components.schemas.SenseInput.properties, { both: { $ref: "#/components/schemas/Both" }, inline: { $ref: "#/components/schemas/Inline" }, open: { $ref: "#/components/schemas/Open" } });
  await writeFile(path.join(specs, "sense.yaml"), specToYaml(document));
  const loaded = await loadSpecs(specs);
  expect(loaded.errors).toEqual([]);
  expect(loaded.specs[0]!.warnings).toEqual([]);
});

test("fal's real documents load with no error and no warning; this repo's specs warn only where fal's page contradicts itself", () => {
  const load = (file: string) => {
    const source = decodeSpec(path.relative(REPO_ROOT, file), readFileSync(file));
    return validateSpec(source, parseSpecText(source));
  };
  const fixtures = ["test/fixtures/fal-openapi", "test/fixtures/fal-openapi-2025-10"].flatMap((folder) =>
    readdirSync(path.join(REPO_ROOT, folder))
      .filter((name) => name.endsWith(".json") && name !== "openrouter__router__openai__v1__chat__completions.json") // refused for an unresolved $ref, as before
      .map((name) => path.join(REPO_ROOT, folder, name)),
  );
  expect(fixtures.length).toBeGreaterThan(50);
  expect(fixtures.flatMap((file) => load(file).warnings.map((warning) => warning.message))).toEqual([]);
  const specs = readdirSync(path.join(REPO_ROOT, "specs"), { recursive: true, encoding: "utf8" }).filter((name) => name.endsWith(".yaml"));
  expect(specs.flatMap((name) => load(path.join(REPO_ROOT, "specs", name)).warnings.map((warning) => [warning.pointer, warning.reason.split(":")[0]]))).toEqual([
    ["/components/schemas/ImageSize/properties/width/default", "default 512 is below minimum 1024"],
    ["/components/schemas/ImageSize/properties/height/default", "default 512 is below minimum 1024"],
  ]);
});
