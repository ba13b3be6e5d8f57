/**
 * Keywords that are each well-formed but together make no sense. Where the generated package
 * would be wrong (a type and validator that contradict each other, docs stating a default the
 * field's type refuses, a field no value can fill) it is an error; where only the spec's own
 * numbers disagree and the package is still right, a warning. fal's own documents have defaults
 * outside their limits (seedream v4's `width: {default: 512, minimum: 1024}`): a warning, since
 * the type accepts the default and fal applies it.
 */
export function checkSense(schema: Record<string, unknown>, error: Report, warn: Report, { mergedByAllOf }: { mergedByAllOf: boolean }): void {
  const types = typesOf(schema);
  const nullable = schema.nullable === true || types?.includes("null") === true;
  const fits = (value: unknown) => (value === null ? nullable || types === undefined : types === undefined || types.some((type) => isOfType(type, value)));
  const typeText = types === undefined ? "" : types.join(" or ");

  checkRange(schema, types, error);
  for (const [min, max] of [["minLength", "maxLength"], ["minItems", "maxItems"], ["minProperties", "maxProperties"]] as const) {
    for (const keyword of [min, max]) {
      const value = schema[keyword];
      if (typeof value === "number" && !(Number.isInteger(value) && value >= 0)) error([keyword], `${keyword} must be a whole number 0 or more, found ${value}`);
    }
    const [low, high] = [schema[min], schema[max]];
    if (typeof low === "number" && typeof high === "number" && low > high) {
      error([min], `${min} ${low} is above ${max} ${high}: ${NO_VALUE}`);
    }
  }
  if ("multipleOf" in schema && typeof schema.multipleOf === "number" && !(schema.multipleOf > 0)) error(["multipleOf"], `multipleOf must be above 0, found ${schema.multipleOf}`);

  if (Array.isArray(schema.enum)) {
    schema.enum.forEach((value, index) => {
      if (!fits(value)) error(["enum", index], `enum value ${literal(value)} is not of type ${typeText}: the generated type would offer it and the validator refuse it`);
    });
  }
  if ("const" in schema && !fits(schema.const)) error(["const"], `const ${literal(schema.const)} is not of type ${typeText}: ${NO_VALUE}`);

  checkPropertyNames(schema, error, warn, mergedByAllOf);

  if (!("default" in schema)) return;
  const value = schema.default;
  if (!fits(value)) {
    error(["default"], `default ${literal(value)} is not of type ${typeText}: the generated docs would state a default the field's type refuses`);
    return;
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((member) => member === value)) {
    error(["default"], `default ${literal(value)} is not one of the enum values (${schema.enum.map(literal).join(", ")}): the generated docs would state a default the field's type refuses`);
    return;
  }
  const outside = limitBroken(schema, value);
  if (outside) warn(["default"], `default ${literal(value)} ${outside}: the spec contradicts itself (the generated validator would refuse the default if a caller sent it)`);
}

const NO_VALUE = "no value can satisfy this schema (the generated validator would refuse every value its type allows)";

/**
 * `required` and `x-fal-order-properties` name properties the schema defines. A required name
 * that is not there is an error where nothing else can supply it (the generated type has no such
 * field and admits no other key, while its validator and the simulator demand it, so every call
 * fails); an `allOf` member gets properties from its siblings, and a combinator or
 * `additionalProperties` from elsewhere, so those are left alone. An unknown name in the display
 * order only orders nothing: a warning.
 */
function checkPropertyNames(schema: Record<string, unknown>, error: Report, warn: Report, mergedByAllOf: boolean): void {
  const { properties, required } = schema;
  if (properties === null || typeof properties !== "object" || Array.isArray(properties)) return;
  const has = (name: unknown) => typeof name === "string" && Object.hasOwn(properties, name);
  const alone = !mergedByAllOf && !["allOf", "anyOf", "oneOf", "$ref"].some((keyword) => keyword in schema);
  if (!alone) return;
  if ((schema.additionalProperties === undefined || schema.additionalProperties === false) && Array.isArray(required)) {
    required.forEach((name, index) => {
      if (!has(name)) error(["required", index], `required names ${literal(name)}, which is not among the properties: the generated type would have no such field while its validator demands it, so every call would be refused`);
    });
  }
  const order = schema["x-fal-order-properties"];
  if (Array.isArray(order)) {
    order.forEach((name, index) => {
      if (!has(name)) warn(["x-fal-order-properties", index], `x-fal-order-properties names ${literal(name)}, which is not among the properties`);
    });
  }
}

/** Reports a problem at a keyword (and deeper segments) of the schema being checked. */
export type Report = (segments: (string | number)[], reason: string) => void;

function typesOf(schema: Record<string, unknown>): string[] | undefined {
  const { type } = schema;
  if (typeof type === "string") return [type];
  return Array.isArray(type) && type.every((entry) => typeof entry === "string") ? type : undefined;
}

/** Whether `value` is of JSON Schema type `type`, by the rule the generated validator applies. */
function isOfType(type: string, value: unknown): boolean {
  const kind = value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
  return type === kind || (type === "integer" && Number.isInteger(value));
}

interface Bound {
  value: number;
  /** Exclusive: the bound itself is outside. */
  strict: boolean;
  keyword: string;
}

/** The tighter lower and upper bounds, in both the OpenAPI 3.0 (boolean `exclusiveMinimum`) and 3.1 (number) forms. */
function bounds(schema: Record<string, unknown>): { low: Bound | undefined; high: Bound | undefined } {
  const pick = (inclusive: string, exclusive: string, tighter: (a: Bound, b: Bound) => Bound): Bound | undefined => {
    const candidates: Bound[] = [];
    if (typeof schema[inclusive] === "number") candidates.push({ value: schema[inclusive] as number, strict: schema[exclusive] === true, keyword: inclusive });
    if (typeof schema[exclusive] === "number") candidates.push({ value: schema[exclusive] as number, strict: true, keyword: exclusive });
    return candidates.reduce<Bound | undefined>((best, bound) => (best ? tighter(best, bound) : bound), undefined);
  };
  return {
    low: pick("minimum", "exclusiveMinimum", (a, b) => (b.value > a.value || (b.value === a.value && b.strict) ? b : a)),
    high: pick("maximum", "exclusiveMaximum", (a, b) => (b.value < a.value || (b.value === a.value && b.strict) ? b : a)),
  };
}

/** An error when the numeric bounds leave no number (for an integer-only field: no whole number) between them. */
function checkRange(schema: Record<string, unknown>, types: string[] | undefined, error: Report): void {
  const { low, high } = bounds(schema);
  if (!low || !high) return;
  const integerOnly = types !== undefined && types.every((type) => type === "integer" || type === "null");
  const empty = integerOnly
    ? (low.strict ? Math.floor(low.value) + 1 : Math.ceil(low.value)) > (high.strict ? Math.ceil(high.value) - 1 : Math.floor(high.value))
    : low.value > high.value || (low.value === high.value && (low.strict || high.strict));
  if (empty) {
    const what =
      integerOnly && low.value <= high.value
        ? `${low.keyword} ${low.value} and ${high.keyword} ${high.value} leave no whole number between them`
        : `${low.keyword} ${low.value} is ${low.value > high.value ? "above" : "not below"} ${high.keyword} ${high.value}`;
    error([low.keyword], `${what}: ${NO_VALUE}`);
  }
}

/** How `value` (of the right type) breaks the schema's own limits, if it does. */
function limitBroken(schema: Record<string, unknown>, value: unknown): string | undefined {
  if (typeof value === "number") {
    const { low, high } = bounds(schema);
    if (low && (value < low.value || (low.strict && value === low.value))) return `is ${low.strict ? "not above" : "below"} ${low.keyword} ${low.value}`;
    if (high && (value > high.value || (high.strict && value === high.value))) return `is ${high.strict ? "not below" : "above"} ${high.keyword} ${high.value}`;
    if (typeof schema.multipleOf === "number" && schema.multipleOf > 0 && !Number.isInteger(value / schema.multipleOf)) return `is not a multiple of ${schema.multipleOf}`;
  }
  const length = typeof value === "string" ? [...value].length : Array.isArray(value) ? value.length : undefined;
  if (length !== undefined) {
    const [min, max] = typeof value === "string" ? ["minLength", "maxLength"] : ["minItems", "maxItems"];
    if (typeof schema[min!] === "number" && length < (schema[min!] as number)) return `is shorter than ${min} ${schema[min!]}`;
    if (typeof schema[max!] === "number" && length > (schema[max!] as number)) return `is longer than ${max} ${schema[max!]}`;
  }
  if (typeof value === "string" && typeof schema.pattern === "string") {
    try {
      if (!new RegExp(schema.pattern, "u").test(value)) return `does not match pattern ${JSON.stringify(schema.pattern)}`;
    } catch {
      // an invalid pattern is an error of its own
    }
  }
  return undefined;
}

function literal(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
