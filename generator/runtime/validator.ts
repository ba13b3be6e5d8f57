import type { FieldError, InputValidator, JsonSchema } from "./index.js";
import { tooDeepAt, tooDeepMessage } from "./internal/input-depth.js";



type Schema = Record<string, any>;
type Loc = (string | number)[];

/**
 * One failure as the walk meets it: a field error, or an `anyOf`/`oneOf` no branch of which took the
 * value, resolved once the whole value is walked. `mismatch` marks a failure of the value's JSON type
 * itself (type, or an enum/const with no candidate of its type), which rules a union branch out.
 */
interface Failure {
  loc: Loc;
  error?: FieldError;
  union?: () => FieldError[];
  mismatch?: boolean;
}

/**
 * The validator of one endpoint's input; `schema` holds validation keywords only (the generator
 * strips descriptions and examples), each `$ref` the bare name of a schema under its `$defs`. Errors follow fal (pydantic): the same
 * `loc`, `type` and wording as its 422 for the keywords fal's documents use; a failed union reports
 * the errors of the branch of the value's type, or one `union_tag_invalid` when no branch has it.
 * A value nested deeper than 512 levels gets one `value_error` at the first too-deep place, never
 * a thrown stack overflow.
 */
export function createValidator<T>(endpointId: string, schema: JsonSchema): InputValidator<T> {
  const fieldErrors = (value: unknown): FieldError[] => {
    // Refused before the walk: a recursive schema would follow the value down and overflow the stack.
    const deep = tooDeepAt(value);
    return deep ? [{ loc: ["body", ...deep], msg: `Value error, input ${tooDeepMessage(deep)}`, type: "value_error" }] : collect(schema, schema, value, ["body"]);
  };
  return {
    endpointId,
    fieldErrors,
    "~standard": {
      version: 1,
      vendor: "falgen",
      validate(value) {
        const errors = fieldErrors(value);
        return errors.length ? { issues: errors.map(({ loc, msg }) => ({ message: msg, path: loc.slice(1) })) } : { value: value as T };
      },
    },
  };
}

/**
 * The field errors of `value` against `schema`: every failure except those inside a failed union,
 * which its resolution replaces (a union inside another failed union is resolved with that one).
 */
function collect(root: Schema, schema: Schema, value: unknown, loc: Loc): FieldError[] {
  const failures: Failure[] = [];
  walk(root, schema, value, loc, failures);
  const unions = failures.filter((failure) => failure.union);
  const within = (failure: Failure, strictly: boolean) =>
    unions.some((union) => union !== failure && union.loc.length + (strictly ? 1 : 0) <= failure.loc.length && union.loc.every((part, i) => part === failure.loc[i]));
  const seen = new Set<string>();
  return failures
    .flatMap((failure) => (failure.union ? (within(failure, true) ? [] : failure.union()) : within(failure, false) ? [] : [failure.error!]))
    .filter((error) => {
      const key = JSON.stringify([error.loc, error.type]);
      return !seen.has(key) && !!seen.add(key);
    });
}

function walk(root: Schema, schema: Schema, value: any, loc: Loc, out: Failure[]): void {
  const fail = (type: string, msg: string, at = loc, mismatch?: boolean) => out.push({ loc: at, error: { loc: at, msg: `${msg}`, type }, mismatch });
  const limit = (keyword: string, failed: boolean, type: string, text: string) => failed && fail(type, `${text} ${schema[keyword]}`);
  const kind = jsonType(value);
  const { $ref, enum: allowed, items, prefixItems, minItems, maxItems } = schema;
  if ($ref) walk(root, root.$defs[$ref], value, loc, out);
  if (schema.type) {
    const types: string[] = [schema.type, schema.nullable && "null"].flat();
    if (!types.some((type) => type === kind || (type === "integer" && Number.isInteger(value)))) {
      const [type] = types as [string];
      const short = SHORT_TYPES[type];
      if (type === "null") fail("none_required", "Input should be None", loc, true);
      else if (short) fail(`${short}_type`, `Input should be a valid ${short === "dict" ? "dictionary" : short === "list" ? short : type}`, loc, true);
      else fail("value_error", `Input should be of type ${type}`, loc, true);
    }
  }
  if (allowed && !allowed.some((candidate: unknown) => equal(candidate, value))) {
    fail("enum", `Input should be ${listOf(allowed)}`, loc, !allowed.some((candidate: unknown) => jsonType(candidate) === kind));
  }
  if ("const" in schema && !equal(schema.const, value)) fail("literal_error", `Input should be ${listOf([schema.const])}`, loc, jsonType(schema.const) !== kind);
  for (const member of schema.allOf ?? []) walk(root, member, value, loc, out);
  for (const keyword of ["anyOf", "oneOf"]) {
    const branches: Schema[] | undefined = schema[keyword];
    if (!branches) continue;
    const results = branches.map((branch) => {
      const failures: Failure[] = [];
      walk(root, branch, value, loc, failures);
      return failures;
    });
    const passed = results.filter((failures) => !failures.length).length;
    if (keyword === "anyOf" ? passed : passed === 1) continue;
    const mismatched = (failures: Failure[]) => failures.some((failure) => failure.mismatch && failure.loc === loc);
    // The branch of the value's type explains the failure; Optional[X] (X or null) always means X.
    const nonNull = branches.filter((branch) => branch.type !== "null");
    const chosen = branches.find((_, i) => !mismatched(results[i]!)) ?? (nonNull.length === 1 ? nonNull[0] : undefined);
    out.push({
      loc,
      mismatch: results.some(mismatched),
      union: () => (chosen ? collect(root, chosen, value, loc) : [{ loc, msg: "Input should match one of the allowed types", type: "union_tag_invalid" }]),
    });
  }
  if (kind === "number") {
    limit("minimum", value < schema.minimum, "greater_than_equal", "Input should be greater than or equal to");
    limit("maximum", value > schema.maximum, "less_than_equal", "Input should be less than or equal to");
    limit("exclusiveMinimum", value <= schema.exclusiveMinimum, "greater_than", "Input should be greater than");
    limit("exclusiveMaximum", value >= schema.exclusiveMaximum, "less_than", "Input should be less than");
    limit("multipleOf", !!((value / schema.multipleOf) % 1), "multiple_of", "Input should be a multiple of");
  } else if (kind === "string") {
    const length = [...value].length;
    if (length < schema.minLength) fail("string_too_short", `String should have at least ${count(schema.minLength, "character")}`);
    if (length > schema.maxLength) fail("string_too_long", `String should have at most ${count(schema.maxLength, "character")}`);
    if (schema.pattern && !new RegExp(schema.pattern, "u").test(value)) fail("string_pattern_mismatch", `String should match pattern '${schema.pattern}'`);
  } else if (kind === "array") {
    value.forEach((item: unknown, i: number) => {
      // A tuple: `prefixItems` (2020-12, as fal's documents write it) or draft 07's array form of `items`; `items` then covers the rest.
      const itemSchema = prefixItems && i < prefixItems.length ? prefixItems[i] : Array.isArray(items) ? items[i] : items;
      if (itemSchema) walk(root, itemSchema, item, [...loc, i], out);
    });
    const length = `after validation, not ${value.length}`;
    if (value.length < minItems) fail("too_short", `List should have at least ${count(minItems, "item")} ${length}`);
    if (value.length > maxItems) fail("too_long", `List should have at most ${count(maxItems, "item")} ${length}`);
  } else if (kind === "object") {
    const { properties = {}, additionalProperties } = schema;
    for (const name of schema.required ?? []) if (value[name] === undefined) fail("missing", "Field required", [...loc, name]);
    const names = Object.keys(value).filter((name) => value[name] !== undefined);
    for (const name of names) {
      const property = Object.hasOwn(properties, name) ? properties[name] : additionalProperties;
      if (property === false) fail("extra_forbidden", "Extra inputs are not permitted", [...loc, name]);
      else if (property?.constructor === Object) walk(root, property, value[name], [...loc, name], out);
    }
    const size = (comparison: string, limit: number) => fail("value_error", `Value error, must NOT have ${comparison} than ${limit} properties`);
    if (names.length < schema.minProperties) size("fewer", schema.minProperties);
    if (names.length > schema.maxProperties) size("more", schema.maxProperties);
  }
}

/** pydantic's names of JSON Schema's types, which its error types start with (`int_type`). */
const SHORT_TYPES: Record<string, string> = { string: "string", integer: "int", number: "float", boolean: "bool", object: "dict", array: "list" };

/** The JSON type of a JSON value ("number" for every number: "integer" is a schema's word for some). */
function jsonType(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
}


function equal(a: any, b: any): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || !a || !b || Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && equal(a[key], b[key]));
}

function count(limit: number, noun: string): string {
  return `${limit} ${noun}${limit === 1 ? "" : "s"}`;
}

/** A value as pydantic quotes it in its messages (`'png'`, `3`); the simulator's 422s use it too. */
export function literal(value: unknown): string {
  return typeof value === "string" ? `'${value}'` : JSON.stringify(value);
}

/** Values as pydantic lists them in its messages (`'jpeg' or 'png'`); the simulator's 422s use it too. */
export function listOf(values: unknown[]): string {
  const items = values.map(literal);
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
}
