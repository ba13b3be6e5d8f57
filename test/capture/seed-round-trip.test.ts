import { readFileSync } from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { parse } from "yaml";
import { describe, expect, test } from "vitest";
import { listSpecFiles } from "../../generator/load/load-specs.js";
import { encodePointer } from "../../generator/shared/json-pointer.js";
import { endpointBaseName } from "../../generator/naming.js";
import { captureSpecs } from "../../generator/capture/capture.js";
import { loadOverrides, type Overrides } from "../../generator/capture/overrides.js";
import { parsePages, type PageField, type PageFieldType } from "../../generator/capture/parse-page.js";
import { specToYaml } from "../../generator/spec-files/spec-yaml.js";
import { REPO_ROOT } from "../helpers/temp-dir.js";

type Json = Record<string, any>;

const SEED = path.join(REPO_ROOT, "test/fixtures/seeds/fal-model-docs.txt");
const SPECS = path.join(REPO_ROOT, "specs");
const OVERRIDES = path.join(REPO_ROOT, "scripts/capture-overrides");

const pages = parsePages(SEED, readFileSync(SEED, "utf8"));
const overrides = await loadOverrides(OVERRIDES);
const committed = new Map(
  (await listSpecFiles(SPECS)).map((file) => [path.relative(SPECS, file).replace(/\.yaml$/, ""), readFileSync(file, "utf8")]),
);
// Parsed once each (the tests only read them): some 150 tests compare against them.
const committedDocuments = new Map<string, Json>();
const committedDocument = (id: string): Json => {
  if (!committedDocuments.has(id)) committedDocuments.set(id, parse(committed.get(id)!));
  return committedDocuments.get(id)!;
};

test("capturing the seed with the overrides gives specs/ byte for byte", () => {
  const captured = captureSpecs(pages, overrides);
  expect(captured.map((spec) => spec.endpointId).sort()).toEqual([...committed.keys()].sort());
  for (const { endpointId, document } of captured) expect(specToYaml(document), endpointId).toBe(committed.get(endpointId));
});

describe("every fact on the pages is in the committed specs", () => {
  // Which page type each committed schema comes from: a page's own sections, or a companion's mapping.
  const sources = captureSpecs(pages, overrides).map(({ endpointId, overrides: own }) => {
    const page = pages.find((candidate) => candidate.endpointId === (own?.companionOf ?? endpointId))!;
    const input = own?.schemas?.input ?? "Input";
    const output = own?.schemas?.output ?? "Output";
    const schemaName = (type: string) => (type === input ? `${endpointBaseName(endpointId)}Input` : type === output ? `${endpointBaseName(endpointId)}Output` : type);
    return { endpointId, page, schemaName };
  });

  test.each(sources)("$endpointId", ({ endpointId, page, schemaName }) => {
    const schemas = committedDocument(endpointId).components.schemas;
    for (const type of page.types.filter((candidate) => schemaName(candidate.name) in schemas)) {
      const schema = schemas[schemaName(type.name)];
      const where = `${endpointId} ${type.name}`;
      expect(schema["x-fal-order-properties"], where).toEqual(type.fields.map((field) => field.name));
      expect(Object.keys(schema.properties), where).toEqual(type.fields.map((field) => field.name));
      expect(schema.example, where).toEqual(type.example);
      for (const field of type.fields) {
        const property = schema.properties[field.name];
        const at = `${where}.${field.name} (page line ${field.line})`;
        expect(property.description, at).toBe(field.description);
        expect(property.default, at).toEqual(field.default);
        expect(property.examples, at).toEqual(type.example && field.name in type.example ? [type.example[field.name]] : undefined);
        expect(typeOf(property, field), at).toEqual(field.type);
      }
    }
  });
});

/** Reads a committed property back as a page type, checking enum values on the way. */
function typeOf(property: Json, field: PageField): PageFieldType {
  const read = (schema: Json, pageType: PageFieldType): PageFieldType => {
    if (schema.$ref) return { kind: "named", name: schema.$ref.split("/").pop() };
    if (schema.allOf) return read(schema.allOf[0], pageType);
    if (schema.anyOf) return { kind: "union", members: schema.anyOf.map((member: Json, index: number) => read(member, (pageType as any).members?.[index])) };
    if (schema.enum) {
      expect(schema.enum).toEqual(field.enumValues);
      return { kind: "enum", name: (pageType as any)?.name };
    }
    if (schema.type === "array") return { kind: "list", items: read(schema.items, (pageType as any).items) };
    return { kind: ({ string: "string", integer: "integer", number: "float", boolean: "boolean" } as const)[schema.type as "string"] };
  };
  return read(property, field.type);
}

/** What the overrides add, as JSON pointers into the spec and values: the expected difference. */
function additions(own: Overrides): Map<string, unknown> {
  const added = new Map<string, unknown>();
  if (own.category !== undefined) added.set("/info/x-fal-metadata/category", own.category);
  for (const [schema, fields] of Object.entries(own.required)) added.set(encodePointer(["components", "schemas", schema, "required"]), fields);
  const addLimits = (at: string[], keywords: Json) => {
    for (const [keyword, value] of Object.entries(keywords)) {
      if (keyword === "items") addLimits([...at, "items"], value);
      else added.set(encodePointer([...at, keyword]), value);
    }
  };
  for (const [target, keywords] of Object.entries(own.limits)) {
    const [schema, property] = target.split(".");
    addLimits(["components", "schemas", schema!, ...(property ? ["properties", property] : [])], keywords);
  }
  return added;
}

/** Where two JSON values differ: each pointer and how (objects are compared key by key, lists whole). */
function differences(before: unknown, after: unknown, at: string[] = []): Map<string, string> {
  const found = new Map<string, string>();
  const isObject = (value: unknown): value is Json => value !== null && typeof value === "object" && !Array.isArray(value);
  if (isObject(before) && isObject(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (!(key in before)) found.set(encodePointer([...at, key]), `added ${JSON.stringify(after[key])}`);
      else if (!(key in after)) found.set(encodePointer([...at, key]), "removed");
      else for (const [pointer, how] of differences(before[key], after[key], [...at, key])) found.set(pointer, how);
    }
  } else if (!isDeepStrictEqual(before, after)) {
    found.set(encodePointer(at), `changed to ${JSON.stringify(after)}`);
  }
  return found;
}

/** The overrides without any judgement call: only what says where a companion's types are. */
function withoutJudgement(own: Overrides): Overrides {
  return { ...own, category: undefined, required: {}, limits: {} };
}

function captureDocument(id: string, using: Map<string, Overrides>): Json {
  const page = pages.find((candidate) => candidate.endpointId === (using.get(id)?.companionOf ?? id))!;
  // Round-trip through the YAML writer, so the comparison sees exactly what a file would hold.
  return parse(specToYaml(captureSpecs([page], using).find((spec) => spec.endpointId === id)!.document));
}

describe("the committed specs differ from the page alone by exactly the overrides", () => {
  const bare = new Map([...overrides].map(([id, own]) => [id, withoutJudgement(own)]));
  test.each([...committed.keys()])("%s", (id) => {
    const expected = new Map([...additions(overrides.get(id)!)].map(([pointer, value]) => [pointer, `added ${JSON.stringify(value)}`]));
    expect(differences(captureDocument(id, bare), committedDocument(id))).toEqual(expected);
  });
});

describe("removing one override makes exactly that difference appear", () => {
  // Every judgement call on its own: the category, each required list, each limit keyword.
  const cases = [...overrides].flatMap(([id, own]) => [...additions(own)].map(([pointer, value]) => ({ id, pointer, value, own })));
  test.each(cases)("$id $pointer", ({ id, pointer, value, own }) => {
    const smaller = new Map(overrides).set(id, removing(own, pointer));
    expect(differences(captureDocument(id, smaller), committedDocument(id))).toEqual(new Map([[pointer, `added ${JSON.stringify(value)}`]]));
  });
});

/** A copy of `own` without the one judgement call that adds `pointer`. */
function removing(own: Overrides, pointer: string): Overrides {
  const copy = structuredClone(own);
  if (pointer === "/info/x-fal-metadata/category") delete copy.category;
  for (const schema of Object.keys(copy.required)) if (pointer === encodePointer(["components", "schemas", schema, "required"])) delete copy.required[schema];
  for (const [target, keywords] of Object.entries(copy.limits)) {
    const [schema, property] = target.split(".");
    const base = encodePointer(["components", "schemas", schema!, ...(property ? ["properties", property] : [])]);
    if (!pointer.startsWith(`${base}/`)) continue;
    const path = pointer.slice(base.length + 1).split("/");
    const parent = path.slice(0, -1).reduce((node: Json, key) => node[key], keywords);
    delete parent[path.at(-1)!];
  }
  return copy;
}

test("a type the page names but never defines, without overrides, is a free-form object, with a warning", () => {
  const qwen = overrides.get("fal-ai/qwen-image")!;
  const smaller = new Map(overrides).set("fal-ai/qwen-image", { ...qwen, types: {} });
  const timingsLine = readFileSync(SEED, "utf8").split("\n").indexOf("timings Timings") + 1;
  const spec = captureSpecs(pages, smaller).find((captured) => captured.endpointId === "fal-ai/qwen-image")!;
  expect(spec.warnings).toEqual([expect.stringContaining(`${SEED}:${timingsLine}: fal-ai/qwen-image: type Timings is not listed on the page, so it is a free-form object`)]);
  expect((spec.document.components as { schemas: Record<string, unknown> }).schemas.Timings).toEqual({ title: "Timings", type: "object", additionalProperties: true });
});

test("a companion is captured only through its overrides file", () => {
  const smaller = new Map(overrides);
  smaller.delete("fal-ai/ideogram/v3/edit");
  expect(captureSpecs(pages, smaller).map((spec) => spec.endpointId)).not.toContain("fal-ai/ideogram/v3/edit");
});
