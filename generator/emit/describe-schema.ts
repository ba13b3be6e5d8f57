import { isPlainObject } from "../load/check-schemas.js";
import { decodePointer } from "../load/json-pointer.js";
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

/** A short type for docs: `string`, `integer`, `list<Image>`, `ImageSize | enum`, `map<string, number>`. */
export function typeLabel(schema: unknown, nameOf: (schemaName: string) => string = (name) => name): string {
  if (!isPlainObject(schema)) return "any";
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
  if (Array.isArray(schema.enum)) return "enum";
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : schema.type;
  if (type === "array") return `list<${typeLabel(schema.items, nameOf)}>`;
  if (type === "object" || (type === undefined && isPlainObject(schema.properties))) {
    if (isPlainObject(schema.additionalProperties) && !isPlainObject(schema.properties)) return `map<string, ${typeLabel(schema.additionalProperties, nameOf)}>`;
    return "object";
  }
  return typeof type === "string" ? type : "any";
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
      if (typeof value === "number" || typeof value === "string") facts.push(`${key.replace(/_/g, " ")}: ${value}`);
    }
  }
  return facts;
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
