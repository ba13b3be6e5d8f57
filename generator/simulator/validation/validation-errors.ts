import type { ErrorObject } from "ajv";
import { decodePointer, getAtPointer } from "../../shared/json-pointer.js";
import { listOf, literal } from "../../runtime/validator.js";
import type { SchemaValidator } from "./schema-validator.js";

/** One entry of a FastAPI/pydantic 422 `detail` array, as fal returns them. */
export interface FieldError {
  loc: (string | number)[];
  msg: string;
  type: string;
  url: string;
  ctx?: Record<string, unknown>;
}

/**
 * The 422 `detail` for `body` against the schema at `pointer`, or [] when it is valid. ajv errors
 * are mapped to pydantic's wording and types; a failed `anyOf` reports the errors of the branch
 * whose type matches the value (so `image_size: {width: 0}` says "greater than 0", not "should
 * be a string"), or one union error when no branch has the value's type.
 */
export function fieldErrors(validator: SchemaValidator, pointer: string, body: unknown): FieldError[] {
  return collect(validator, pointer, body, ["body"]);
}

function collect(validator: SchemaValidator, pointer: string, value: unknown, prefix: (string | number)[]): FieldError[] {
  const errors = validator.errors(pointer, value);
  if (errors.length === 0) return [];
  const unions = errors.filter((error) => error.keyword === "anyOf" || error.keyword === "oneOf");
  const underUnion = (error: ErrorObject) =>
    unions.some((union) => union !== error && (error.instancePath === union.instancePath || error.instancePath.startsWith(`${union.instancePath}/`)));
  const result: FieldError[] = [];
  for (const error of errors) {
    if (underUnion(error) && !unions.includes(error)) continue;
    if (unions.includes(error)) {
      // A union nested in another union's branch is handled when that branch is revalidated.
      if (unions.some((outer) => outer !== error && error.instancePath.startsWith(`${outer.instancePath}/`))) continue;
      result.push(...unionErrors(validator, pointer, error, value, prefix));
    } else {
      result.push(toFieldError(error, value, prefix));
    }
  }
  return dedupe(result);
}

function unionErrors(validator: SchemaValidator, pointer: string, error: ErrorObject, root: unknown, prefix: (string | number)[]): FieldError[] {
  const at = [...prefix, ...locOf(error.instancePath, root)];
  const value = getAtPointer(root, error.instancePath);
  const union = unionAt(validator.document, pointer, decodePointer(error.instancePath), error.keyword);
  const branches = union ? union.branches.map((_, index) => `${union.pointer}/${index}`) : [];
  const typeMatches = (branch: string) =>
    !validator.errors(branch, value).some((e) => e.instancePath === "" && (e.keyword === "type" || e.keyword === "enum" || e.keyword === "const") && !sameJsonType(e, value));
  // The branch of the value's type explains the failure; Optional[X] (X or null) always means X.
  const nonNull = branches.filter((_, index) => !isNullSchema(union!.branches[index]));
  const chosen = branches.find(typeMatches) ?? (nonNull.length === 1 ? nonNull[0] : undefined);
  if (chosen !== undefined) return collect(validator, chosen, value, at);
  return [fieldError(at, "union_tag_invalid", "Input should match one of the allowed types")];
}

/**
 * The `anyOf`/`oneOf` schema met by following `segments` (an instance path) from the schema at
 * `pointer`, through properties, items, `$ref` and `allOf`.
 */
function unionAt(document: object, pointer: string, segments: string[], keyword: string): { pointer: string; branches: unknown[] } | undefined {
  const node = getAtPointer(document, pointer);
  if (!isObject(node)) return undefined;
  if (typeof node.$ref === "string" && node.$ref.startsWith("#")) return unionAt(document, node.$ref.slice(1), segments, keyword);
  if (segments.length === 0 && Array.isArray(node[keyword])) return { pointer: `${pointer}/${keyword}`, branches: node[keyword] as unknown[] };
  if (Array.isArray(node.allOf)) {
    for (let index = 0; index < node.allOf.length; index++) {
      const found = unionAt(document, `${pointer}/allOf/${index}`, segments, keyword);
      if (found) return found;
    }
  }
  const [head, ...rest] = segments;
  if (head === undefined) return undefined;
  if (isObject(node.properties) && head in node.properties) return unionAt(document, `${pointer}/properties/${escape(head)}`, rest, keyword);
  if (isObject(node.items)) return unionAt(document, `${pointer}/items`, rest, keyword);
  if (isObject(node.additionalProperties)) return unionAt(document, `${pointer}/additionalProperties`, rest, keyword);
  return undefined;
}

function escape(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

function isNullSchema(schema: unknown): boolean {
  return isObject(schema) && schema.type === "null";
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** An `enum` or `const` failure on a value of the right JSON type still picks that branch. */
function sameJsonType(error: ErrorObject, value: unknown): boolean {
  if (error.keyword === "type") return false;
  const allowed = error.keyword === "enum" ? (error.params as { allowedValues: unknown[] }).allowedValues : [(error.params as { allowedValue: unknown }).allowedValue];
  return allowed.some((candidate) => jsonType(candidate) === jsonType(value));
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function toFieldError(error: ErrorObject, root: unknown, prefix: (string | number)[]): FieldError {
  const loc = [...prefix, ...locOf(error.instancePath, root)];
  const params = error.params as Record<string, unknown>;
  const make = (type: string, msg: string, ctx?: Record<string, unknown>, extraLoc?: string): FieldError =>
    fieldError(extraLoc === undefined ? loc : [...loc, extraLoc], type, msg, ctx);
  switch (error.keyword) {
    case "required":
      return make("missing", "Field required", undefined, String(params.missingProperty));
    case "type":
      return typeError(String(params.type), make);
    case "enum": {
      const expected = listOf((params.allowedValues as unknown[]) ?? []);
      return make("enum", `Input should be ${expected}`, { expected });
    }
    case "const":
      return make("literal_error", `Input should be ${literal(params.allowedValue)}`, { expected: literal(params.allowedValue) });
    case "minimum":
      return make("greater_than_equal", `Input should be greater than or equal to ${params.limit}`, { ge: params.limit });
    case "maximum":
      return make("less_than_equal", `Input should be less than or equal to ${params.limit}`, { le: params.limit });
    case "exclusiveMinimum":
      return make("greater_than", `Input should be greater than ${params.limit}`, { gt: params.limit });
    case "exclusiveMaximum":
      return make("less_than", `Input should be less than ${params.limit}`, { lt: params.limit });
    case "multipleOf":
      return make("multiple_of", `Input should be a multiple of ${params.multipleOf}`, { multiple_of: params.multipleOf });
    case "minLength":
      return make("string_too_short", `String should have at least ${params.limit} character${params.limit === 1 ? "" : "s"}`, { min_length: params.limit });
    case "maxLength":
      return make("string_too_long", `String should have at most ${params.limit} character${params.limit === 1 ? "" : "s"}`, { max_length: params.limit });
    case "pattern":
      return make("string_pattern_mismatch", `String should match pattern '${params.pattern}'`, { pattern: params.pattern });
    case "minItems":
      return make("too_short", `List should have at least ${params.limit} item${params.limit === 1 ? "" : "s"} after validation, not ${lengthAt(root, error.instancePath)}`, {
        field_type: "List",
        min_length: params.limit,
        actual_length: lengthAt(root, error.instancePath),
      });
    case "maxItems":
      return make("too_long", `List should have at most ${params.limit} item${params.limit === 1 ? "" : "s"} after validation, not ${lengthAt(root, error.instancePath)}`, {
        field_type: "List",
        max_length: params.limit,
        actual_length: lengthAt(root, error.instancePath),
      });
    case "additionalProperties":
      return make("extra_forbidden", "Extra inputs are not permitted", undefined, String(params.additionalProperty));
    case "format":
      return make("value_error", `Value error, input should be a valid ${params.format}`, { format: params.format });
    default:
      return make("value_error", `Value error, ${error.message ?? "invalid value"}`);
  }
}

function typeError(type: string, make: (type: string, msg: string) => FieldError): FieldError {
  const first = type.split(",")[0];
  switch (first) {
    case "string":
      return make("string_type", "Input should be a valid string");
    case "integer":
      return make("int_type", "Input should be a valid integer");
    case "number":
      return make("float_type", "Input should be a valid number");
    case "boolean":
      return make("bool_type", "Input should be a valid boolean");
    case "object":
      return make("dict_type", "Input should be a valid dictionary");
    case "array":
      return make("list_type", "Input should be a valid list");
    case "null":
      return make("none_required", "Input should be None");
    default:
      return make("value_error", `Input should be of type ${type}`);
  }
}

/** `/image_size/width` -> ["image_size", "width"]; array indexes become numbers. */
function locOf(instancePath: string, root: unknown): (string | number)[] {
  const segments = decodePointer(instancePath);
  const loc: (string | number)[] = [];
  let node: unknown = root;
  for (const segment of segments) {
    const index = Array.isArray(node) && /^\d+$/.test(segment) ? Number(segment) : undefined;
    loc.push(index ?? segment);
    node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[segment] : undefined;
  }
  return loc;
}

function lengthAt(root: unknown, instancePath: string): number {
  const value = getAtPointer(root, instancePath);
  return Array.isArray(value) ? value.length : 0;
}

/** One field error, pydantic-shaped, with fal's documentation URL for its type. */
export function fieldError(loc: (string | number)[], type: string, msg: string, ctx?: Record<string, unknown>): FieldError {
  return { loc, msg, type, url: `https://docs.fal.ai/errors/#${type}`, ...(ctx ? { ctx } : {}) };
}

function dedupe(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = `${JSON.stringify(error.loc)}|${error.type}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
