import { readFile } from "node:fs/promises";
import path from "node:path";
import { SpecError } from "../errors.js";
import { describe, isPlainObject } from "../shared/plain-data.js";
import { encodePointer } from "../shared/json-pointer.js";
import { listSpecFiles } from "../load/load-specs.js";
import { decodeSpec, parseSpecText, pointerLocation, type SpecSource } from "../load/parse-spec.js";
import { parseEndpointId } from "../naming.js";

/**
 * The reviewed facts a page does not state, one YAML file per endpoint at
 * `overrides/<endpoint id>.yaml`, applied on top of every capture (format: overrides/README.md).
 * Overrides only add: one that would change what the page says is an error, so a page fact
 * always wins and a judgement call is never silently lost or doubled.
 */
export interface Overrides {
  endpointId: string;
  /** The file as read, to place errors on its lines. */
  source: SpecSource;
  /** For an endpoint without a page of its own: the endpoint whose page documents its types. */
  companionOf?: string;
  /** With companionOf: the page types that are this endpoint's Input and Output. */
  schemas?: { input: string; output: string };
  category?: string;
  /** Spec schema name -> required property names. */
  required: Record<string, string[]>;
  /** `Schema` or `Schema.property` -> constraint keywords (and `items` -> keywords for the items). */
  limits: Record<string, Record<string, unknown>>;
  /** Schemas the page names but never lists, by name. */
  types: Record<string, Record<string, unknown>>;
}

const KEYS = ["companionOf", "schemas", "category", "required", "limits", "types"];
/** Constraints prose can state; the page itself states types, descriptions, defaults and enums. */
const LIMIT_KEYWORDS = new Set([
  "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
  "minLength", "maxLength", "pattern", "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties",
]);
const LIMIT_TARGET = /^([\p{ID_Start}_][\p{ID_Continue}]*)(?:\.([\p{ID_Start}_][\p{ID_Continue}]*))?$/u;

/** Every overrides file below `dir`, by endpoint id; a missing folder is an InputError. */
export async function loadOverrides(dir: string): Promise<Map<string, Overrides>> {
  const files = await listSpecFiles(dir, "overrides folder");
  const overrides = new Map<string, Overrides>();
  for (const file of files) {
    const endpointId = path.relative(dir, file).split(path.sep).join("/").replace(/\.(ya?ml|json)$/i, "");
    const source = decodeSpec(path.relative(process.cwd(), file), await readFile(file));
    overrides.set(endpointId, parseOverrides(source, endpointId));
  }
  return overrides;
}

/** Reads one overrides file, refusing anything outside the format with its line. */
export function parseOverrides(source: SpecSource, endpointId: string): Overrides {
  const fail = (pointer: string, reason: string) => overridesError(source, pointer, reason);
  const idProblem = parseEndpointId(endpointId);
  if ("invalid" in idProblem) throw fail("", `the file name must be an endpoint id: ${idProblem.invalid}`);
  const root = parseSpecText(source) ?? {};
  if (!isPlainObject(root)) throw fail("", `an overrides file must be a mapping, found ${describe(root)}`);
  const unknown = Object.keys(root).find((key) => !KEYS.includes(key));
  if (unknown !== undefined) throw fail(encodePointer([unknown]), `unknown key "${unknown}" (allowed: ${KEYS.join(", ")})`);

  const overrides: Overrides = { endpointId, source, required: {}, limits: {}, types: {} };
  if (root.companionOf !== undefined) {
    if (typeof root.companionOf !== "string" || "invalid" in parseEndpointId(root.companionOf)) {
      throw fail("/companionOf", `companionOf must be the endpoint id whose page documents this endpoint, found ${describe(root.companionOf)}`);
    }
    overrides.companionOf = root.companionOf;
  }
  if (root.schemas !== undefined || overrides.companionOf !== undefined) {
    const { schemas } = root;
    if (overrides.companionOf === undefined) throw fail("/schemas", "schemas names page types for a companion endpoint; add companionOf");
    if (!isPlainObject(schemas) || typeof schemas.input !== "string" || typeof schemas.output !== "string" || Object.keys(schemas).length !== 2) {
      throw fail("/schemas", `schemas must be {input: <page type>, output: <page type>}, found ${describe(schemas)}`);
    }
    overrides.schemas = { input: schemas.input, output: schemas.output };
  }
  if (root.category !== undefined) {
    if (typeof root.category !== "string") throw fail("/category", `category must be a string, found ${describe(root.category)}`);
    overrides.category = root.category;
  }
  for (const [schemaName, fields] of entriesOf(root, "required", fail)) {
    if (!Array.isArray(fields) || fields.some((field) => typeof field !== "string")) {
      throw fail(encodePointer(["required", schemaName]), `required lists property names, found ${describe(fields)}`);
    }
    overrides.required[schemaName] = fields;
  }
  for (const [target, keywords] of entriesOf(root, "limits", fail)) {
    if (!LIMIT_TARGET.test(target)) throw fail(encodePointer(["limits", target]), `a limit applies to "Schema" or "Schema.property", found "${target}"`);
    checkLimitKeywords(keywords, ["limits", target], fail);
    overrides.limits[target] = keywords as Record<string, unknown>;
  }
  for (const [name, schema] of entriesOf(root, "types", fail)) {
    if (!isPlainObject(schema)) throw fail(encodePointer(["types", name]), `a type is a JSON schema (a mapping), found ${describe(schema)}`);
    overrides.types[name] = schema;
  }
  return overrides;
}

function entriesOf(root: Record<string, unknown>, key: string, fail: (pointer: string, reason: string) => SpecError): [string, unknown][] {
  const value = root[key];
  if (value === undefined) return [];
  if (!isPlainObject(value)) throw fail(`/${key}`, `${key} must be a mapping, found ${describe(value)}`);
  return Object.entries(value);
}

function checkLimitKeywords(keywords: unknown, at: string[], fail: (pointer: string, reason: string) => SpecError): void {
  if (!isPlainObject(keywords)) throw fail(encodePointer(at), `limits are a mapping of keywords, found ${describe(keywords)}`);
  for (const [keyword, value] of Object.entries(keywords)) {
    if (keyword === "items") checkLimitKeywords(value, [...at, keyword], fail);
    else if (!LIMIT_KEYWORDS.has(keyword)) {
      throw fail(encodePointer([...at, keyword]), `"${keyword}" is not a limit (allowed: ${[...LIMIT_KEYWORDS].join(", ")}, items)`);
    }
  }
}

/** Adds the overrides' category, required lists and limits to a captured document. */
export function applyOverrides(document: Record<string, unknown>, overrides: Overrides): void {
  const fail = (pointer: string, reason: string) => overridesError(overrides.source, pointer, reason);
  const info = document.info as Record<string, Record<string, unknown>>;
  const schemas = (document.components as Record<string, Record<string, Record<string, unknown>>>).schemas!;
  const schemaAt = (name: string, pointer: string) => {
    const schema = schemas[name];
    if (!schema) throw fail(pointer, `the spec of ${overrides.endpointId} has no schema ${name} (it has ${Object.keys(schemas).join(", ")})`);
    return schema;
  };

  if (overrides.category !== undefined) info["x-fal-metadata"]!.category = overrides.category;

  for (const [schemaName, fields] of Object.entries(overrides.required)) {
    const pointer = encodePointer(["required", schemaName]);
    const schema = schemaAt(schemaName, pointer);
    const order = schema["x-fal-order-properties"] as string[];
    fields.forEach((field, index) => {
      if (!order.includes(field)) throw fail(`${pointer}/${index}`, `${schemaName} has no property "${field}"`);
    });
    if (schema.required !== undefined) throw fail(pointer, `${schemaName} already has required fields`);
    // In property order, whatever the order in the file.
    schema.required = order.filter((name) => fields.includes(name));
  }

  for (const [target, keywords] of Object.entries(overrides.limits)) {
    const pointer = encodePointer(["limits", target]);
    const [, schemaName, property] = LIMIT_TARGET.exec(target)!;
    const schema = schemaAt(schemaName!, pointer);
    const node = property === undefined ? schema : (schema.properties as Record<string, Record<string, unknown>> | undefined)?.[property];
    if (!node) throw fail(pointer, `${schemaName} has no property "${property}"`);
    addLimits(node, keywords, pointer, fail);
  }
}

function addLimits(node: Record<string, unknown>, keywords: Record<string, unknown>, pointer: string, fail: (pointer: string, reason: string) => SpecError): void {
  for (const [keyword, value] of Object.entries(keywords)) {
    const at = `${pointer}/${keyword}`;
    if (keyword === "items") {
      if (!isPlainObject(node.items)) throw fail(at, "items limits for a property that is not a list");
      addLimits(node.items, value as Record<string, unknown>, at, fail);
    } else if (keyword in node) {
      throw fail(at, `the page already gives ${keyword} (${JSON.stringify(node[keyword])}); an override may only add`);
    } else {
      node[keyword] = value;
    }
  }
}

/** An error in an overrides file, at the line of `pointer` (line 1 for the whole file). */
export function overridesError(source: SpecSource, pointer: string, reason: string): SpecError {
  if (pointer === "") return new SpecError({ file: source.file, line: 1 }, reason);
  return new SpecError(pointerLocation(source, pointer), reason);
}
