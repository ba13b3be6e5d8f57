import { isPlainObject } from "../shared/plain-data.js";
import { decodePointer } from "../shared/json-pointer.js";
import type { JsonSchema } from "../model/endpoint-model.js";

/**
 * Human-readable facts about a schema, shared by the TSDoc (types) and the Markdown docs so
 * both always say the same thing.
 */

const REF_PREFIX = "#/components/schemas/";

/** The schema name a `$ref` (bare, or wrapped as `allOf: [{$ref}]`) points to. */
export function refName(schema: unknown): string | undefined {
  if (!isPlainObject(schema)) return undefined;
  if (typeof schema.$ref === "string" && schema.$ref.startsWith(REF_PREFIX)) return decodePointer(`/${schema.$ref.slice(REF_PREFIX.length)}`)[0];
  if (Array.isArray(schema.allOf) && schema.allOf.length === 1) return refName(schema.allOf[0]);
  return undefined;
}

/**
 * A short type for docs, stating what the TypeScript type states: `string`, `integer`,
 * `list<Image>`, `[number, number | null]`, `"3"`, `"a" | "b"`, `ImageSize | enum`,
 * `map<string, number>`, `string | null`.
 */
export function typeLabel(schema: unknown, nameOf: (schemaName: string) => string = (name) => name): string {
  if (!isPlainObject(schema)) return "any";
  const label = baseLabel(schema, nameOf);
  return schema.nullable === true && !label.split(" | ").includes("null") ? `${label} | null` : label;
}

/** Enums with more values than this are labelled by their type; the "Allowed values" column lists them. */
const ENUM_LABEL_VALUES = 4;

function baseLabel(schema: JsonSchema, nameOf: (schemaName: string) => string): string {
  const ref = refName(schema);
  if (ref !== undefined) return nameOf(ref);
  for (const key of ["anyOf", "oneOf"] as const) {
    const members = schema[key];
    if (Array.isArray(members)) {
      const labels = members.filter((member) => !(isPlainObject(member) && member.type === "null")).map((member) => typeLabel(member, nameOf));
      const nullable = labels.length < members.length;
      return [...new Set(labels)].join(" | ") + (nullable ? " | null" : "");
    }
  }
  if (Array.isArray(schema.allOf)) return schema.allOf.map((member) => typeLabel(member, nameOf)).join(" & ");
  if ("const" in schema && schema.const !== null && typeof schema.const !== "object") return literal(schema.const);
  if (Array.isArray(schema.enum)) {
    if (schema.enum.length <= ENUM_LABEL_VALUES) return schema.enum.map(literal).join(" | ");
    const types = [...new Set(schema.enum.map((value) => (value === null ? "null" : Number.isInteger(value) ? "integer" : typeof value)))];
    return `${types.join(" | ")} enum`;
  }
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : schema.type;
  if (Array.isArray(schema.prefixItems)) return tupleLabel(schema, nameOf);
  if (type === "array") return `list<${typeLabel(schema.items, nameOf)}>`;
  if (type === "object" || (type === undefined && isPlainObject(schema.properties))) {
    if (isPlainObject(schema.additionalProperties) && !isPlainObject(schema.properties)) return `map<string, ${typeLabel(schema.additionalProperties, nameOf)}>`;
    return "object";
  }
  return typeof type === "string" ? type : "any";
}

/** `[A, B?, ...list<C>]`, as the TypeScript tuple reads (type-transforms.ts). */
function tupleLabel(schema: JsonSchema, nameOf: (schemaName: string) => string): string {
  const prefix = schema.prefixItems as unknown[];
  const min = typeof schema.minItems === "number" ? schema.minItems : 0;
  const max = typeof schema.maxItems === "number" ? schema.maxItems : Infinity;
  const elements = prefix.slice(0, Math.min(prefix.length, max)).map((item, index) => `${typeLabel(item, nameOf)}${index < min ? "" : "?"}`);
  if (max > elements.length && schema.items !== false) elements.push(`...list<${isPlainObject(schema.items) ? typeLabel(schema.items, nameOf) : "any"}>`);
  return `[${elements.join(", ")}]`;
}

/** Every value an enum (directly or as a member of anyOf/oneOf) allows, in spec order. */
export function allowedValues(schema: unknown): unknown[] {
  if (!isPlainObject(schema)) return [];
  if (Array.isArray(schema.enum)) return schema.enum;
  for (const key of ["anyOf", "oneOf"] as const) {
    const members = schema[key];
    if (Array.isArray(members)) return members.flatMap(allowedValues);
  }
  return [];
}

/** Limits as a sentence fragment list: ranges, lengths, item counts, patterns, upload limits. */
export function limits(schema: unknown): string[] {
  if (!isPlainObject(schema)) return [];
  const facts: string[] = [];
  const lower = bound(schema, "minimum", "exclusiveMinimum");
  const upper = bound(schema, "maximum", "exclusiveMaximum");
  if (lower && upper) facts.push(`between ${lower.value}${lower.exclusive ? " (exclusive)" : ""} and ${upper.value}${upper.exclusive ? " (exclusive)" : ""}`);
  else if (lower) facts.push(lower.exclusive ? `greater than ${lower.value}` : `at least ${lower.value}`);
  else if (upper) facts.push(upper.exclusive ? `less than ${upper.value}` : `at most ${upper.value}`);
  if (typeof schema.multipleOf === "number") facts.push(`a multiple of ${schema.multipleOf}`);
  pushCount(facts, schema.minLength, schema.maxLength, "characters");
  pushCount(facts, schema.minItems, schema.maxItems, "items");
  if (typeof schema.pattern === "string") facts.push(`matches \`${schema.pattern}\``);
  const upload = schema["x-fal"];
  if (isPlainObject(upload)) {
    for (const [key, value] of Object.entries(upload)) {
      if (typeof value === "number" || typeof value === "string") facts.push(`${key.replace(/_/g, " ")}: ${typeof value === "number" ? withUnit(key, value) : value}`);
    }
  }
  return facts;
}

/** A number of fal's `x-fal` upload limits with its unit, read from the key: bytes, seconds, pixels. */
function withUnit(key: string, value: number): string {
  if (/(^|_)size$/.test(key)) return byteSize(value);
  if (/(^|_)(timeout|duration|seconds)$/.test(key)) return `${value} s`;
  if (/(^|_)(width|height)$/.test(key)) return `${value} px`;
  if (/(^|_)fps$/.test(key)) return `${value} fps`;
  return String(value);
}

/** Bytes in binary units, as fal's own descriptions count them (100000000 -> "95.4 MiB"). */
export function byteSize(bytes: number): string {
  const units = ["bytes", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${Number(value.toFixed(1))} ${units[unit]}`;
}

/** Lists longer than this are folded: the first values, then "and N more". */
export const LISTED_VALUES = 12;

/** Values as literals, folded after the first LISTED_VALUES. */
export function foldedValues(values: readonly unknown[], format: (value: string) => string = (value) => value): string {
  const shown = values.slice(0, LISTED_VALUES).map((value) => format(literal(value)));
  const more = values.length - shown.length;
  return more > 0 ? `${shown.join(", ")} and ${more} more` : shown.join(", ");
}

function bound(schema: JsonSchema, inclusiveKey: string, exclusiveKey: string): { value: number; exclusive: boolean } | undefined {
  const exclusive = schema[exclusiveKey];
  // JSON Schema style (fal): exclusiveMinimum is the bound itself. OpenAPI 3.0 style: a flag on minimum.
  if (typeof exclusive === "number") return { value: exclusive, exclusive: true };
  const inclusive = schema[inclusiveKey];
  if (typeof inclusive === "number") return { value: inclusive, exclusive: exclusive === true };
  return undefined;
}

function pushCount(facts: string[], min: unknown, max: unknown, unit: string): void {
  if (typeof min === "number" && typeof max === "number") facts.push(min === max ? `exactly ${min} ${unit}` : `${min} to ${max} ${unit}`);
  else if (typeof min === "number") facts.push(`at least ${min} ${unit}`);
  else if (typeof max === "number") facts.push(`at most ${max} ${unit}`);
}

/** A value as it would be written in TypeScript/JSON: strings quoted, the rest as JSON. */
export function literal(value: unknown): string {
  return JSON.stringify(value) ?? "undefined";
}
