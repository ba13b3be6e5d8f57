import type { EndpointModel, JsonSchema, SchemaModel } from "../model/endpoint-model.js";
import { compareNames } from "../model/endpoint-model.js";
import { mapSchemas, nullableAsUnion } from "../model/normalize-schema.js";
import { decodePointer, encodePointer } from "../shared/json-pointer.js";

const SPEC_REF = "#/components/schemas/";

/** The keywords the runtime's validator (runtime/validator.ts) checks; `validationSchema` keeps only these. */
const VALIDATION_KEYWORDS = new Set([
  "$ref", "type", "nullable", "enum", "const", "allOf", "anyOf", "oneOf",
  "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
  "minLength", "maxLength", "pattern",
  "items", "prefixItems", "minItems", "maxItems",
  "properties", "required", "additionalProperties", "minProperties", "maxProperties",
]);

/**
 * One of the endpoint's schemas as a standalone JSON Schema (what `inputSchema`/`outputSchema`
 * export): the schemas it reaches are under `$defs`, in name order, its refs pointing there, so it
 * works as an LLM tool's parameters or a form generator's input without the spec.
 */
export function bundledSchema(model: EndpointModel, root: SchemaModel): JsonSchema {
  return bundle(model, root, (schema) => schema, (name) => `#/$defs${encodePointer([name])}`);
}

/**
 * The same, holding only what validation reads (no descriptions, examples or titles) and each ref
 * as the bare name of its `$defs` entry: the schema an `inputValidator` carries (runtime/validator.ts
 * reads this form), so a page that validates bundles as few bytes as it can.
 */
export function validationSchema(model: EndpointModel, root: SchemaModel): JsonSchema {
  const keep = (schema: JsonSchema) => Object.fromEntries(Object.entries(schema).filter(([keyword]) => VALIDATION_KEYWORDS.has(keyword)));
  return bundle(model, root, keep, (name) => name);
}

function bundle(model: EndpointModel, root: SchemaModel, keep: (schema: JsonSchema) => JsonSchema, refTo: (name: string) => string): JsonSchema {
  const byName = new Map(model.schemas.map((schema) => [schema.name, schema.schema]));
  const reached = new Set<string>();
  const rewrite = (schema: JsonSchema) =>
    mapSchemas(schema, (original) => {
      const node = nullableAsUnion(original);
      const ref = node.$ref;
      if (typeof ref !== "string" || !ref.startsWith(SPEC_REF)) return keep(node);
      const [name] = decodePointer(ref.slice(SPEC_REF.length - 1));
      if (name === undefined || !byName.has(name)) return keep(node);
      reached.add(name);
      return keep({ ...node, $ref: refTo(name) });
    }) as JsonSchema;
  const main = rewrite(root.schema);
  const defs = new Map<string, JsonSchema>();
  // Each def may reach more; the root's own name is kept too when it refers to itself.
  for (let pending = [...reached]; pending.length > 0; pending = [...reached].filter((name) => !defs.has(name))) {
    for (const name of pending) defs.set(name, rewrite(byName.get(name)!));
  }
  if (defs.size === 0) return main;
  return { ...main, $defs: Object.fromEntries([...defs].sort(([a], [b]) => compareNames(a, b))) };
}
