import { encodePointer } from "../shared/json-pointer.js";
import { describe, isPlainObject } from "../shared/plain-data.js";
import { checkSense } from "./check-sense.js";

/** A problem found at a JSON pointer; the loader turns it into a located SpecError. */
export interface Finding {
  pointer: string;
  reason: string;
}

const TYPES = new Set(["string", "number", "integer", "boolean", "array", "object", "null"]);
const MAX_ENUM_VALUES = 1000;

type Path = readonly (string | number)[];

/** What checking a document's schemas collects and needs besides errors. */
export interface SchemaContext {
  /** Findings that leave the output right. */
  warnings: Finding[];
  /** Pointers of schemas that are (or a `$ref` of which is) an `allOf` member: their properties merge with their siblings'. */
  allOfMembers: ReadonlySet<string>;
}

/**
 * Checks the JSON Schema keywords the generator reads, so a wrong type ("required: yes",
 * "properties: []") is reported where it stands instead of breaking an emitter later.
 */
export function checkSchema(schema: unknown, path: Path, findings: Finding[], context: SchemaContext = { warnings: [], allOfMembers: new Set() }): void {
  const at = (keyword: string | number, reason: string, ...rest: (string | number)[]) =>
    findings.push({ pointer: encodePointer([...path, keyword, ...rest]), reason });
  const check = (child: unknown, childPath: Path) => checkSchema(child, childPath, findings, context);

  if (typeof schema === "boolean") return;
  if (!isPlainObject(schema)) {
    findings.push({ pointer: encodePointer(path), reason: `a schema must be an object, found ${describe(schema)}` });
    return;
  }
  const own = findings.length;
  if ("$ref" in schema && typeof schema.$ref !== "string") at("$ref", `$ref must be a string, found ${describe(schema.$ref)}`);

  const { type } = schema;
  if (type !== undefined) {
    const types = Array.isArray(type) ? type : [type];
    if (types.length === 0 || types.some((entry) => typeof entry !== "string" || !TYPES.has(entry))) {
      at("type", `type must be one of ${[...TYPES].join(", ")} (or a list of them), found ${JSON.stringify(type)}`);
    }
  }
  for (const keyword of ["title", "description", "format", "pattern"]) {
    if (keyword in schema && typeof schema[keyword] !== "string") at(keyword, `${keyword} must be a string, found ${describe(schema[keyword])}`);
  }
  for (const keyword of ["minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties", "multipleOf"]) {
    if (keyword in schema && typeof schema[keyword] !== "number") at(keyword, `${keyword} must be a number, found ${describe(schema[keyword])}`);
  }
  for (const keyword of ["exclusiveMinimum", "exclusiveMaximum"]) {
    if (keyword in schema && typeof schema[keyword] !== "number" && typeof schema[keyword] !== "boolean") {
      at(keyword, `${keyword} must be a number or a boolean, found ${describe(schema[keyword])}`);
    }
  }
  if (typeof schema.pattern === "string") {
    try {
      new RegExp(schema.pattern, "u");
    } catch {
      at("pattern", `pattern is not a valid regular expression: ${JSON.stringify(schema.pattern)}`);
    }
  }
  if ("enum" in schema) {
    if (!Array.isArray(schema.enum) || schema.enum.length === 0) at("enum", `enum must be a non-empty list, found ${describe(schema.enum)}`);
    else if (schema.enum.length > MAX_ENUM_VALUES) at("enum", `enum has ${schema.enum.length} values; at most ${MAX_ENUM_VALUES} are supported`);
    else schema.enum.forEach((value, index) => {
      if (value !== null && typeof value === "object") at("enum", `enum values must be strings, numbers, booleans or null, found ${describe(value)}`, index);
    });
  }
  for (const keyword of ["required", "x-fal-order-properties"]) {
    const list = schema[keyword];
    if (list === undefined) continue;
    if (!Array.isArray(list) || list.some((entry) => typeof entry !== "string")) at(keyword, `${keyword} must be a list of property names, found ${describe(list)}`);
  }
  if ("examples" in schema && !Array.isArray(schema.examples)) at("examples", `examples must be a list, found ${describe(schema.examples)}`);
  // Keywords judged together only once each is well-formed.
  if (findings.length === own) {
    const pointer = encodePointer(path);
    checkSense(
      schema,
      (segments, reason) => findings.push({ pointer: encodePointer([...path, ...segments]), reason }),
      (segments, reason) => context.warnings.push({ pointer: encodePointer([...path, ...segments]), reason }),
      { mergedByAllOf: path[path.length - 2] === "allOf" || context.allOfMembers.has(pointer) },
    );
  }

  if ("properties" in schema) {
    if (!isPlainObject(schema.properties)) at("properties", `properties must be an object, found ${describe(schema.properties)}`);
    else for (const [name, property] of Object.entries(schema.properties)) check(property, [...path, "properties", name]);
  }
  if ("items" in schema) {
    if (Array.isArray(schema.items)) at("items", "items must be a single schema (tuple form is not supported)");
    else check(schema.items, [...path, "items"]);
  }
  if ("prefixItems" in schema) {
    if (!Array.isArray(schema.prefixItems)) at("prefixItems", `prefixItems must be a list of schemas, found ${describe(schema.prefixItems)}`);
    else schema.prefixItems.forEach((member, index) => check(member, [...path, "prefixItems", index]));
  }
  if ("additionalProperties" in schema && typeof schema.additionalProperties !== "boolean") {
    check(schema.additionalProperties, [...path, "additionalProperties"]);
  }
  for (const keyword of ["anyOf", "oneOf", "allOf"]) {
    if (!(keyword in schema)) continue;
    const members = schema[keyword];
    if (!Array.isArray(members) || members.length === 0) at(keyword, `${keyword} must be a non-empty list of schemas, found ${describe(members)}`);
    else members.forEach((member, index) => check(member, [...path, keyword, index]));
  }
  for (const keyword of ["not", "if", "then", "else"]) if (keyword in schema) check(schema[keyword], [...path, keyword]);
}

/**
 * Numbers that are not finite anywhere in the document: JSON and YAML parsers turn `1e400` into
 * Infinity, which no TypeScript literal, JSON output or JSON Schema check can carry.
 */
export function checkFiniteNumbers(document: unknown, findings: Finding[]): void {
  const visit = (node: unknown, path: (string | number)[]) => {
    if (typeof node === "number" && !Number.isFinite(node)) {
      findings.push({ pointer: encodePointer(path), reason: `${node} is not a finite number (a literal beyond ±1.8e308 overflows a double); write a number within range` });
    } else if (Array.isArray(node)) node.forEach((item, index) => visit(item, [...path, index]));
    else if (isPlainObject(node)) for (const [key, value] of Object.entries(node)) visit(value, [...path, key]);
  };
  visit(document, []);
}
