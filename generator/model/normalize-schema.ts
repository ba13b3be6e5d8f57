import { isPlainObject } from "../shared/plain-data.js";

/**
 * Small pure transforms, one per construct fal's documents use, applied to every schema object
 * before emitting. Each returns a new object; the loaded document is never mutated.
 */

type Schema = Record<string, unknown>;

/** fal descriptions are often Python docstrings: strip the shared indent and surrounding blank lines. */
export function cleanDescription(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  while (lines.length && lines[0]!.trim() === "") lines.shift();
  while (lines.length && lines[lines.length - 1]!.trim() === "") lines.pop();
  const indents = lines.filter((line) => line.trim() !== "").map((line) => line.match(/^[ \t]*/)![0].length);
  const indent = indents.length ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(indent).trimEnd()).join("\n");
}

/** Properties in `x-fal-order-properties` order (fal's display order); unlisted ones keep theirs, after. */
export function orderProperties(schema: Schema): Schema {
  const order = schema["x-fal-order-properties"];
  if (!isPlainObject(schema.properties) || !Array.isArray(order)) return schema;
  const properties = schema.properties;
  const names = [...new Set([...order.filter((name): name is string => typeof name === "string" && Object.hasOwn(properties, name)), ...Object.keys(properties)])];
  return { ...schema, properties: Object.fromEntries(names.map((name) => [name, properties[name]])) };
}

/**
 * OpenAPI's `nullable: true` on a schema without `type` (fal writes it on unions) as the union it
 * means, `X or null`: draft 07 validators know `nullable` only beside `type` (ajv refuses the
 * schema). Used where schemas are validated: the simulator and the bundled `inputSchema`.
 */
export function nullableAsUnion(schema: Schema): Schema {
  if (schema.nullable !== true || schema.type !== undefined) return schema;
  const { nullable: _, ...rest } = schema;
  return Array.isArray(rest.anyOf) ? { ...rest, anyOf: [...rest.anyOf, { type: "null" }] } : { anyOf: [rest, { type: "null" }] };
}

/** Applies `transform` to a schema and, depth first, to every schema nested in it. */
export function mapSchemas(schema: unknown, transform: (schema: Schema) => Schema): unknown {
  if (!isPlainObject(schema)) return schema;
  const next: Schema = { ...schema };
  if (isPlainObject(next.properties)) {
    next.properties = Object.fromEntries(Object.entries(next.properties).map(([name, value]) => [name, mapSchemas(value, transform)]));
  }
  for (const key of ["items", "additionalProperties", "not"]) {
    if (isPlainObject(next[key])) next[key] = mapSchemas(next[key], transform);
  }
  for (const key of ["anyOf", "oneOf", "allOf", "prefixItems"]) {
    if (Array.isArray(next[key])) next[key] = (next[key] as unknown[]).map((member) => mapSchemas(member, transform));
  }
  return transform(next);
}

/** The normal form every emitter reads: clean descriptions and fal's property order. */
export function normalizeSchema(schema: unknown): unknown {
  return mapSchemas(schema, (node) => {
    const ordered = orderProperties(node);
    return typeof ordered.description === "string" ? { ...ordered, description: cleanDescription(ordered.description) } : ordered;
  });
}
