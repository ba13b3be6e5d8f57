import { transformSchemaObject, type TransformNodeOptions } from "openapi-typescript";
import ts from "typescript";
import { isPlainObject } from "../shared/plain-data.js";
import { isIdentifierName } from "../naming.js";
import type { JsonSchema } from "../model/endpoint-model.js";

/**
 * Where openapi-typescript's reading of a schema is narrower than JSON Schema's (so a valid value
 * would be refused), small pure transforms, one per construct, as openapi-typescript's own
 * `transform`/`postTransform` hooks do: schema rewrites before it runs (`schemaTransforms`), its
 * `transform` hook for tuples, and one pass over the printed nodes (`finishTypes`). The emitted
 * types refer to no global name, so a schema called `Record` or `Promise` cannot shadow one.
 */

type Resolve = (ref: string) => unknown;

const DOC_KEYS = ["description", "title", "examples", "example", "default", "deprecated"];

function isObjectSchema(schema: JsonSchema): boolean {
  return schema.type === "object" || (Array.isArray(schema.type) && schema.type.includes("object"));
}

function withoutDocs(schema: unknown): unknown {
  return isPlainObject(schema) ? Object.fromEntries(Object.entries(schema).filter(([key]) => !DOC_KEYS.includes(key))) : schema;
}

/** `{type: "object"}` with no properties means any object, not openapi-typescript's `Record<string, never>`. */
export function openObject(schema: JsonSchema): JsonSchema {
  const declared = isPlainObject(schema.properties) && Object.keys(schema.properties).length > 0;
  const composed = ["allOf", "anyOf", "oneOf", "$ref"].some((key) => key in schema);
  if (!isObjectSchema(schema) || declared || composed || "additionalProperties" in schema) return schema;
  return { ...schema, additionalProperties: true };
}

/**
 * `properties` beside a typed `additionalProperties`: TypeScript checks declared keys against the
 * index signature too, so it must also admit every declared property's type.
 */
export function additionalBesideProperties(schema: JsonSchema): JsonSchema {
  const { properties, additionalProperties } = schema;
  if (!isPlainObject(properties) || Object.keys(properties).length === 0) return schema;
  if (!isPlainObject(additionalProperties) || Object.keys(additionalProperties).length === 0) return schema;
  return { ...schema, additionalProperties: { anyOf: [additionalProperties, ...Object.values(properties).map(withoutDocs)] } };
}

/**
 * `required` beside `allOf` names properties its members declare: openapi-typescript wraps them in
 * a `WithRequired` helper it expects to print elsewhere. Instead, one more member declares each
 * required property with the schema found for it (or any value when no member declares it).
 */
export function requiredBesideAllOf(resolve: Resolve) {
  return (schema: JsonSchema): JsonSchema => {
    if (!Array.isArray(schema.allOf) || !Array.isArray(schema.required) || schema.required.length === 0) return schema;
    const required = schema.required.filter((name): name is string => typeof name === "string");
    const properties = Object.fromEntries(required.map((name) => [name, withoutDocs(findProperty(schema, name, resolve, 0)) ?? {}]));
    const { required: _required, ...rest } = schema;
    return { ...rest, allOf: [...schema.allOf, { type: "object", properties, required }] };
  };
}

function findProperty(schema: unknown, name: string, resolve: Resolve, depth: number): unknown {
  if (!isPlainObject(schema) || depth > 16) return undefined;
  if (typeof schema.$ref === "string") return findProperty(resolve(schema.$ref), name, resolve, depth + 1);
  if (isPlainObject(schema.properties) && Object.hasOwn(schema.properties, name)) return schema.properties[name];
  for (const member of Array.isArray(schema.allOf) ? schema.allOf : []) {
    const found = findProperty(member, name, resolve, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * `prefixItems` moves into an `allOf` member of its own (with the array's length limits and
 * `items`), which the `transform` hook below prints as a tuple; nullability stays outside, where
 * openapi-typescript adds `| null` once.
 */
export function isolateTuple(schema: JsonSchema): JsonSchema {
  if (!Array.isArray(schema.prefixItems)) return schema;
  const { prefixItems, minItems, maxItems, items, type, nullable, ...rest } = schema;
  const tuple: JsonSchema = { type: "array", prefixItems };
  if (minItems !== undefined) tuple.minItems = minItems;
  if (maxItems !== undefined) tuple.maxItems = maxItems;
  if (items !== undefined) tuple.items = items;
  const orNull = nullable === true || (Array.isArray(type) && type.includes("null"));
  return { ...rest, ...(orNull ? { nullable: true } : {}), allOf: [...(Array.isArray(rest.allOf) ? rest.allOf : []), tuple] };
}

/**
 * `const` is a one-value enum (openapi-typescript prints a bare `const` ignoring `nullable`, and
 * skips `const: null`); a structured `const` is left to the other keywords (literal types are
 * primitives only).
 */
export function constValue(schema: JsonSchema): JsonSchema {
  if (!("const" in schema)) return schema;
  const { const: value, ...rest } = schema;
  if (value !== null && typeof value === "object") return rest;
  return { ...rest, enum: Array.isArray(rest.enum) ? rest.enum.filter((entry) => entry === value) : [value] };
}

/**
 * `nullable: true` beside a `$ref` (fal's documents write it so, and the validators honour it):
 * openapi-typescript prints a `$ref` alone, dropping its siblings, so the reference moves into an
 * `allOf` member and the `| null` stays outside.
 */
export function nullableRef(schema: JsonSchema): JsonSchema {
  if (typeof schema.$ref !== "string" || schema.nullable !== true) return schema;
  const { $ref, ...rest } = schema;
  return { ...rest, allOf: [{ $ref }, ...(Array.isArray(rest.allOf) ? rest.allOf : [])] };
}

/** A `discriminator` only names a property; openapi-typescript would print it as a global `Omit<...>`. */
export function dropDiscriminator(schema: JsonSchema): JsonSchema {
  if (!("discriminator" in schema)) return schema;
  const { discriminator: _discriminator, ...rest } = schema;
  return rest;
}

/** The schema rewrites, applied to every schema object (children first). */
export function schemaTransforms(resolve: Resolve): ((schema: JsonSchema) => JsonSchema)[] {
  return [dropDiscriminator, constValue, nullableRef, openObject, additionalBesideProperties, requiredBesideAllOf(resolve), isolateTuple];
}

/**
 * openapi-typescript's `transform` hook: a tuple (`prefixItems`, only ever alone in its `allOf`
 * member) is `[A, B?, ...Rest[]]`, elements past `minItems` optional, the rest typed by `items`
 * unless `maxItems` or `items: false` closes it.
 */
export function transformTuple(schema: unknown, options: TransformNodeOptions): ts.TypeNode | undefined {
  if (!isPlainObject(schema) || !Array.isArray(schema.prefixItems)) return undefined;
  const min = typeof schema.minItems === "number" ? schema.minItems : 0;
  const max = typeof schema.maxItems === "number" ? schema.maxItems : Infinity;
  const prefix = schema.prefixItems.slice(0, Math.min(schema.prefixItems.length, max));
  const elements: ts.TypeNode[] = prefix.map((item, index) => {
    const type = transformSchemaObject(item as never, options);
    return index < min ? type : ts.factory.createOptionalTypeNode(type);
  });
  if (max > prefix.length && schema.items !== false) {
    const rest = isPlainObject(schema.items) ? transformSchemaObject(schema.items as never, options) : ts.factory.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword);
    elements.push(ts.factory.createRestTypeNode(ts.factory.createArrayTypeNode(rest)));
  }
  // Parenthesized: openapi-typescript takes an array whose items print as a bare tuple for the tuple itself.
  return ts.factory.createParenthesizedType(ts.factory.createTupleTypeNode(elements));
}

/** Members every object has from `Object.prototype`: an object literal without them still "has" them. */
const PROTOTYPE_MEMBERS = new Set(["constructor", "toString", "toLocaleString", "valueOf", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable"]);

/**
 * The last pass over openapi-typescript's nodes:
 * - a reference to a schema (`components["schemas"]["Image"]`) becomes its name (`identifiers`:
 *   schema name -> the identifier its type is exported under);
 * - `Record<string, V>` becomes `{ [key: string]: V }`, so no global name is referenced;
 * - a quoted property name that is an identifier (`"größe"`) is written bare;
 * - an optional property named like an `Object.prototype` member (`constructor?: string`) also
 *   admits that member's type (`{}["constructor"]`): TypeScript reads the inherited member from an
 *   object literal that leaves the property out, and that is also what such a read gives at run time.
 */
export function finishTypes<T extends ts.Node>(root: T, identifiers: ReadonlyMap<string, string>): T {
  const visit = (node: ts.Node): ts.Node => {
    const schema = schemaReference(node);
    if (schema !== undefined && identifiers.has(schema)) return ts.factory.createTypeReferenceNode(identifiers.get(schema)!);
    let next = ts.visitEachChild(node, visit, undefined);
    if (ts.isTypeReferenceNode(next) && ts.isIdentifier(next.typeName) && next.typeName.text === "Record" && next.typeArguments?.length === 2) {
      const [key, value] = next.typeArguments;
      return ts.factory.createTypeLiteralNode([
        ts.factory.createIndexSignature(undefined, [ts.factory.createParameterDeclaration(undefined, undefined, "key", undefined, key)], value!),
      ]);
    }
    if (ts.isPropertySignature(next) && ts.isStringLiteral(next.name) && next.name.text !== "__proto__" && isIdentifierName(next.name.text)) {
      // openapi-typescript quotes every non-ASCII name; one that is an identifier is written bare, as the spec spells it.
      next = ts.factory.updatePropertySignature(next, next.modifiers, ts.factory.createIdentifier(next.name.text), next.questionToken, next.type);
    }
    if (ts.isPropertySignature(next) && next.questionToken && next.type && PROTOTYPE_MEMBERS.has(propertyName(next.name))) {
      const inherited = ts.factory.createIndexedAccessTypeNode(
        ts.factory.createTypeLiteralNode([]),
        ts.factory.createLiteralTypeNode(ts.factory.createStringLiteral(propertyName(next.name))),
      );
      return ts.factory.updatePropertySignature(next, next.modifiers, next.name, next.questionToken, ts.factory.createUnionTypeNode([next.type, inherited]));
    }
    return next;
  };
  return visit(root) as T;
}

/** The schema name `components["schemas"][name]` refers to, for such a node. */
function schemaReference(node: ts.Node): string | undefined {
  if (!ts.isIndexedAccessTypeNode(node) || !ts.isLiteralTypeNode(node.indexType) || !ts.isStringLiteral(node.indexType.literal)) return undefined;
  const { objectType } = node;
  if (!ts.isIndexedAccessTypeNode(objectType) || !ts.isTypeReferenceNode(objectType.objectType) || !ts.isIdentifier(objectType.objectType.typeName)) return undefined;
  if (objectType.objectType.typeName.text !== "components" || !ts.isLiteralTypeNode(objectType.indexType) || !ts.isStringLiteral(objectType.indexType.literal)) return undefined;
  return objectType.indexType.literal.text === "schemas" ? node.indexType.literal.text : undefined;
}

/** The name of a property as written (`foo`, `"foo-bar"`, `1`); "" for a computed one. */
export function propertyName(name: ts.PropertyName): string {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) ? name.text : "";
}
