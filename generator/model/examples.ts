import { isPlainObject, setOwn } from "../shared/plain-data.js";
import { synthesizeValue } from "../simulator/outputs/synthesize-value.js";
import { encodePointer, getAtPointer } from "../shared/json-pointer.js";
import { propertyPointer } from "./json-schema.js";
import type { SchemaCheck } from "./schema-check.js";

/** A complete input for the docs' usage example, and whether it is the spec's own example unchanged. */
export interface InputExample {
  /** Undefined when no valid input could be built (a schema no value satisfies). */
  value: Record<string, unknown> | undefined;
  asGiven: boolean;
}

/**
 * The spec's input example made one the Input type accepts: fal's examples are sometimes wrong (an
 * object for a string, a string for a list, null for a non-nullable field, keys the schema does not
 * declare). Undeclared keys are dropped at every depth, values the field's schema refuses are
 * dropped, and each required field missing is filled with a synthesized valid value; should the
 * whole still fail (a rule across fields), the input is synthesized from the schema alone.
 */
export function inputExample(validator: SchemaCheck, pointer: string, given: unknown): InputExample {
  const document = validator.document;
  const pruned = pruneToDeclared(document, pointer, given);
  const value: Record<string, unknown> = isPlainObject(pruned) ? { ...pruned } : {};
  for (const [key, field] of Object.entries(value)) {
    const at = propertyPointer(document, pointer, key);
    if (at !== undefined && !validator.isValid(at, field)) delete value[key];
  }
  for (const key of requiredNames(document, pointer)) {
    if (Object.hasOwn(value, key)) continue;
    setOwn(value, key, synthesize(validator, propertyPointer(document, pointer, key) ?? `${pointer}/additionalProperties`, key));
  }
  // Synthesized values may come from the schema's own examples: kept to declared keys as well.
  const filled = pruneToDeclared(document, pointer, value);
  const complete = validator.isValid(pointer, filled) ? filled : pruneToDeclared(document, pointer, synthesize(validator, pointer));
  const result = isPlainObject(complete) && validator.isValid(pointer, complete) ? complete : undefined;
  return { value: result, asGiven: result !== undefined && JSON.stringify(result) === JSON.stringify(given) };
}

function synthesize(validator: SchemaCheck, pointer: string, key?: string): unknown {
  return synthesizeValue(pointer, { validator, input: {}, count: 1, seed: 1, inferenceSeconds: 1 }, key);
}

/**
 * `value` without the object keys its schema (through refs, allOf, anyOf and oneOf members) does
 * not declare, where it allows no others: TypeScript refuses such keys in an object literal.
 */
export function pruneToDeclared(document: object, pointer: string, value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map((item, index) => {
      const at = itemPointer(document, pointer, index);
      return at === undefined ? item : pruneToDeclared(document, at, item);
    });
  }
  if (!isPlainObject(value)) return value;
  const shape = objectShape(document, pointer, 0);
  const kept = Object.entries(value).filter(([key]) => shape.open || shape.declared.has(key));
  return Object.fromEntries(
    kept.map(([key, item]) => {
      const at = propertyPointer(document, pointer, key) ?? firstMemberDeclaring(document, pointer, key, 0);
      return [key, at === undefined ? item : pruneToDeclared(document, at, item)];
    }),
  );
}

interface ObjectShape {
  declared: Set<string>;
  /** Whether other keys are allowed too (`additionalProperties`, or no properties at all). */
  open: boolean;
}

function objectShape(document: object, pointer: string, depth: number): ObjectShape {
  const node = getAtPointer(document, pointer);
  const shape: ObjectShape = { declared: new Set(), open: false };
  if (!isPlainObject(node) || depth > 16) return { declared: shape.declared, open: true };
  if (typeof node.$ref === "string" && node.$ref.startsWith("#")) return objectShape(document, node.$ref.slice(1), depth + 1);
  const properties = isPlainObject(node.properties) ? Object.keys(node.properties) : [];
  properties.forEach((key) => shape.declared.add(key));
  if (node.additionalProperties !== undefined && node.additionalProperties !== false) shape.open = true;
  const members = (["allOf", "anyOf", "oneOf"] as const).flatMap((keyword) => (Array.isArray(node[keyword]) ? node[keyword].map((_, index) => `${pointer}/${keyword}/${index}`) : []));
  for (const member of members) {
    const inner = objectShape(document, member, depth + 1);
    inner.declared.forEach((key) => shape.declared.add(key));
    if (inner.open && inner.declared.size > 0) shape.open = true;
  }
  // No properties anywhere: an open map (`{type: "object"}`, or not an object schema at all).
  if (shape.declared.size === 0 && node.additionalProperties !== false) shape.open = true;
  return shape;
}

function firstMemberDeclaring(document: object, pointer: string, key: string, depth: number): string | undefined {
  const node = getAtPointer(document, pointer);
  if (!isPlainObject(node) || depth > 16) return undefined;
  if (typeof node.$ref === "string" && node.$ref.startsWith("#")) return firstMemberDeclaring(document, node.$ref.slice(1), key, depth + 1);
  for (const keyword of ["anyOf", "oneOf"] as const) {
    const members = Array.isArray(node[keyword]) ? node[keyword] : [];
    for (let index = 0; index < members.length; index++) {
      const at = `${pointer}/${keyword}/${index}`;
      const found = propertyPointer(document, at, key) ?? firstMemberDeclaring(document, at, key, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

function itemPointer(document: object, pointer: string, index: number): string | undefined {
  const node = getAtPointer(document, pointer);
  if (!isPlainObject(node)) return undefined;
  if (typeof node.$ref === "string" && node.$ref.startsWith("#")) return itemPointer(document, node.$ref.slice(1), index);
  if (Array.isArray(node.prefixItems) && index < node.prefixItems.length) return `${pointer}/prefixItems/${encodePointer([index]).slice(1)}`;
  if (isPlainObject(node.items)) return `${pointer}/items`;
  for (const keyword of ["anyOf", "oneOf"] as const) {
    const members = Array.isArray(node[keyword]) ? node[keyword] : [];
    for (let member = 0; member < members.length; member++) {
      const found = itemPointer(document, `${pointer}/${keyword}/${member}`, index);
      if (found) return found;
    }
  }
  return undefined;
}

/** The names the schema (and its allOf members) requires. */
function requiredNames(document: object, pointer: string, depth = 0): string[] {
  const node = getAtPointer(document, pointer);
  if (!isPlainObject(node) || depth > 16) return [];
  if (typeof node.$ref === "string" && node.$ref.startsWith("#")) return requiredNames(document, node.$ref.slice(1), depth + 1);
  const own = Array.isArray(node.required) ? node.required.filter((name): name is string => typeof name === "string") : [];
  const members = Array.isArray(node.allOf) ? node.allOf.flatMap((_, index) => requiredNames(document, `${pointer}/allOf/${index}`, depth + 1)) : [];
  return [...new Set([...own, ...members])];
}
