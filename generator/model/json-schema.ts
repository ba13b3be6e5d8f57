import { isPlainObject } from "../shared/plain-data.js";
import { encodePointer, getAtPointer } from "../shared/json-pointer.js";

/**
 * A fal document with its schemas in JSON Schema 2020-12, the dialect its validator (ajv) reads.
 * fal's documents say OpenAPI 3.0 but mix in JSON Schema (`anyOf [..., {type: "null"}]`, numeric
 * `exclusiveMinimum`, `prefixItems`); two OpenAPI-only forms need rewriting, each where it stands:
 * - `nullable: true` allows null beside whatever else the schema says (even without a `type`,
 *   where ajv would refuse the keyword): `{anyOf: [schema, {type: "null"}]}`;
 * - a boolean `exclusiveMinimum`/`exclusiveMaximum` flags `minimum`/`maximum` as exclusive.
 * Pointers to `components/schemas/<name>` stay where they were; the input is not changed.
 */
export function toJsonSchemaDocument<T extends object>(document: T): T {
  const root = document as Record<string, unknown>;
  const components = isPlainObject(root.components) ? root.components : {};
  if (!isPlainObject(components.schemas)) return document;
  const schemas = Object.fromEntries(Object.entries(components.schemas).map(([name, schema]) => [name, toJsonSchema(schema)]));
  return { ...root, components: { ...components, schemas } } as T;
}

const SUBSCHEMA = ["items", "additionalProperties", "not", "contains", "propertyNames", "if", "then", "else"];
const SUBSCHEMA_LISTS = ["allOf", "anyOf", "oneOf", "prefixItems"];
const SUBSCHEMA_MAPS = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"];

/** One schema and everything nested in it, converted (see toJsonSchemaDocument). */
export function toJsonSchema(schema: unknown): unknown {
  if (!isPlainObject(schema)) return schema;
  const next: Record<string, unknown> = { ...schema };
  for (const key of SUBSCHEMA) if (isPlainObject(next[key])) next[key] = toJsonSchema(next[key]);
  for (const key of SUBSCHEMA_LISTS) if (Array.isArray(next[key])) next[key] = (next[key] as unknown[]).map(toJsonSchema);
  for (const key of SUBSCHEMA_MAPS) {
    if (isPlainObject(next[key])) next[key] = Object.fromEntries(Object.entries(next[key] as object).map(([name, value]) => [name, toJsonSchema(value)]));
  }
  for (const [flag, bound] of [["exclusiveMinimum", "minimum"], ["exclusiveMaximum", "maximum"]] as const) {
    if (typeof next[flag] !== "boolean") continue;
    if (next[flag] === true && typeof next[bound] === "number") {
      next[flag] = next[bound];
      delete next[bound];
    } else delete next[flag];
  }
  if (!("nullable" in next)) return next;
  const { nullable, ...rest } = next;
  if (nullable !== true) return rest;
  // Examples stay beside the union too: the simulator prefers a schema's own examples.
  const examples = "examples" in rest ? { examples: rest.examples } : {};
  return { ...examples, anyOf: [rest, { type: "null" }] };
}

/**
 * The pointer of the schema that declares property `key` for the schema at `pointer` (through
 * `$ref`s and `allOf` members), or undefined when none does.
 */
export function propertyPointer(document: object, pointer: string, key: string, depth = 0): string | undefined {
  const node = getAtPointer(document, pointer);
  if (!isPlainObject(node) || depth > 16) return undefined;
  if (typeof node.$ref === "string" && node.$ref.startsWith("#")) return propertyPointer(document, node.$ref.slice(1), key, depth + 1);
  if (isPlainObject(node.properties) && Object.hasOwn(node.properties, key)) return `${pointer}/properties/${encodePointer([key]).slice(1)}`;
  const members = Array.isArray(node.allOf) ? node.allOf : [];
  for (let index = 0; index < members.length; index++) {
    const found = propertyPointer(document, `${pointer}/allOf/${index}`, key, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * The schemas with every `examples` entry (and `example`) the schema itself refuses left out, at
 * any depth: fal's examples are sometimes wrong, and docs and TSDoc show them. An example with
 * keys the schema does not declare is refused too (TypeScript refuses them in a literal).
 * `isValid` and `prune` read the same document at the same pointers.
 */
export function withValidExamples(
  schemas: Record<string, unknown>,
  isValid: (pointer: string, value: unknown) => boolean,
  prune: (pointer: string, value: unknown) => unknown,
): Record<string, unknown> {
  const usable = (pointer: string, example: unknown) => isValid(pointer, example) && JSON.stringify(prune(pointer, example)) === JSON.stringify(example);
  const visit = (schema: unknown, pointer: string): unknown => {
    if (!isPlainObject(schema)) return schema;
    const next: Record<string, unknown> = { ...schema };
    for (const key of SUBSCHEMA) if (isPlainObject(next[key])) next[key] = visit(next[key], `${pointer}/${key}`);
    for (const key of SUBSCHEMA_LISTS) if (Array.isArray(next[key])) next[key] = (next[key] as unknown[]).map((member, index) => visit(member, `${pointer}/${key}/${index}`));
    for (const key of SUBSCHEMA_MAPS) {
      if (isPlainObject(next[key])) {
        next[key] = Object.fromEntries(Object.entries(next[key] as object).map(([name, value]) => [name, visit(value, `${pointer}/${key}/${encodePointer([name]).slice(1)}`)]));
      }
    }
    if (Array.isArray(next.examples)) next.examples = next.examples.filter((example) => usable(pointer, example));
    if ("example" in next && !usable(pointer, next.example)) delete next.example;
    return next;
  };
  return Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, visit(schema, encodePointer(["components", "schemas", name]))]));
}
