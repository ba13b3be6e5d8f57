import { randomUUID } from "node:crypto";
import { encodePointer, getAtPointer } from "../../shared/json-pointer.js";
import { mergeOwn, setOwn } from "../../shared/plain-data.js";
import { propertyPointer } from "../../model/json-schema.js";
import type { SchemaCheck } from "../../model/schema-check.js";

/** Kinds of media a file object can hold; each is served with real (or placeholder) bytes. */
export type FileKind = "image" | "audio" | "video" | "model" | "other";

/** A file the simulator stored and serves: what a file object in an output describes. */
export interface StoredFile {
  url: string;
  content_type: string;
  file_name: string;
  file_size: number;
  width?: number;
  height?: number;
}

/** Makes the files an output points to (see media-files.ts). */
export interface FileSink {
  create(kind: FileKind, index: number): StoredFile;
}

export interface SynthesisContext {
  validator: SchemaCheck;
  /** The submitted input (defaults applied): top-level output fields of the same name echo it. */
  input: Record<string, unknown>;
  /** Where file URLs come from; without it (example inputs) file URLs are left as the spec shows them. */
  files?: FileSink;
  /** Items in arrays of files (and `has_nsfw_concepts`): the input's `num_images`. */
  count: number;
  seed: number;
  /** Value of `timings.inference`, in seconds. */
  inferenceSeconds: number;
}

type Schema = Record<string, unknown>;

interface Hints {
  /** Name of the property (or of the array property) being generated. */
  key?: string;
  /** `examples` met on the way (a `$ref` or `allOf` wrapper's siblings). */
  examples: unknown[];
  depth: number;
  /** Index of an array item, for file names. */
  index: number;
}

const MAX_DEPTH = 12;
/** One value of each JSON type, tried last. */
const PLAIN_VALUES: readonly unknown[] = ["value", 1, 0.5, true, null, [], {}];
const EXAMPLE_FILES: Record<FileKind, string> = { image: "input.png", audio: "input.mp3", video: "input.mp4", model: "input.glb", other: "input.bin" };
const NULL_SCHEMA = (schema: unknown) => isSchema(schema) && schema.type === "null";

/**
 * A JSON value valid against the schema at `pointer` of the validator's document. The schema's own
 * `examples` win when they validate (file URLs in them are replaced by files the simulator serves);
 * otherwise the value is built from the schema: required properties (plus optional ones that have
 * examples or defaults), enums, numeric limits, `minItems`, the first non-null `anyOf` branch and
 * common formats. Top-level output fields named like input fields echo the input (`seed`, `prompt`).
 * `key` names the property the value is for (a field, not a whole output).
 */
export function synthesizeValue(pointer: string, context: SynthesisContext, key?: string): unknown {
  return new Synthesizer(context).generate(pointer, { key, examples: [], depth: key === undefined ? 0 : 1, index: 0 });
}

class Synthesizer {
  private readonly document: object;
  constructor(private readonly context: SynthesisContext) {
    this.document = context.validator.document;
  }

  generate(pointer: string, hints: Hints): unknown {
    const node = getAtPointer(this.document, pointer);
    if (!isSchema(node)) return null;
    // The output as a whole is built from its properties, so top-level fields can echo the input.
    const wholeOutput = hints.depth === 0 && isSchema(node.properties);
    for (const example of wholeOutput ? [] : ownExamples(node)) {
      const adapted = this.fromExample(pointer, example, hints);
      if (adapted !== undefined) return adapted;
    }
    const nested: Hints = { ...hints, examples: [...ownExamples(node), ...hints.examples] };
    if (typeof node.$ref === "string" && node.$ref.startsWith("#")) return this.generate(node.$ref.slice(1), nested);
    if (Array.isArray(node.allOf) && node.allOf.length > 0) return this.generateAllOf(pointer, node, nested);
    for (const union of ["anyOf", "oneOf"] as const) {
      const branches = node[union];
      if (Array.isArray(branches) && branches.length > 0) return this.generateUnion(pointer, union, branches, nested);
    }
    if ("const" in node) return node.const;
    if (Array.isArray(node.enum) && node.enum.length > 0) {
      // The default if the enum has it, else the first value the whole schema accepts (`type` applies too).
      const candidates = node.enum.includes(node.default) ? [node.default, ...node.enum] : node.enum;
      return candidates.find((value) => this.context.validator.isValid(pointer, value)) ?? candidates[0];
    }
    const type = schemaType(node);
    if (type === "object") return this.orSmaller(pointer, this.generateObject(pointer, node, nested));
    if (type === "array") return this.orSmaller(pointer, this.generateArray(pointer, node, nested));
    if ("default" in node && this.context.validator.isValid(pointer, node.default)) return structuredClone(node.default);
    switch (type) {
      case "string":
        return this.generateString(pointer, node, nested);
      case "integer":
      case "number":
        return generateNumber(node, type);
      case "boolean":
        return false;
      case "null":
        return null;
      default:
        return {};
    }
  }

  /**
   * `value`, or when the schema refuses it (an optional field or an array item no value fits), the
   * same without them: the object with its required fields only, the array at `minItems`.
   */
  private orSmaller(pointer: string, value: unknown): unknown {
    if (this.context.validator.isValid(pointer, value)) return value;
    const node = getAtPointer(this.document, pointer) as Schema;
    let smaller: unknown;
    if (Array.isArray(value)) smaller = value.slice(0, typeof node.minItems === "number" ? node.minItems : 0);
    else if (isSchema(value)) {
      const required = new Set(Array.isArray(node.required) ? node.required : []);
      smaller = Object.fromEntries(Object.entries(value).filter(([key]) => required.has(key)));
    }
    return smaller !== undefined && this.context.validator.isValid(pointer, smaller) ? smaller : value;
  }

  /** An example, with its file URLs pointed at the simulator, or undefined when it is not usable. */
  private fromExample(pointer: string, example: unknown, hints: Hints): unknown {
    if (!this.context.validator.isValid(pointer, example)) return undefined;
    // A list of files follows num_images, not the example's length.
    if (Array.isArray(example) && this.context.count !== example.length && example.some(isFileLike)) return undefined;
    if (!this.context.files) return structuredClone(example);
    const adapted = this.replaceFiles(structuredClone(example), hints);
    return this.context.validator.isValid(pointer, adapted) ? adapted : undefined;
  }

  private replaceFiles(value: unknown, hints: Hints): unknown {
    if (Array.isArray(value)) return value.map((item, index) => this.replaceFiles(item, { ...hints, index }));
    if (typeof value === "string" && /^https?:\/\//.test(value) && /(^|_)urls?$/.test(hints.key ?? "")) {
      return this.context.files!.create(kindOf([value, hints.key], false), hints.index).url;
    }
    if (!isSchema(value)) return value;
    if (isFileLike(value)) {
      const file = this.context.files!.create(kindOf([value.content_type, value.file_name, value.url, hints.key], "width" in value && "height" in value), hints.index);
      const updated: Record<string, unknown> = { ...value, url: file.url };
      for (const key of ["content_type", "file_name", "file_size", "width", "height"] as const) {
        if (key in value && file[key] !== undefined) setOwn(updated, key, file[key]);
      }
      return updated;
    }
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.replaceFiles(item, { ...hints, key })]));
  }

  /**
   * The first branch whose value the whole schema accepts (siblings apply too, and `oneOf` must
   * match exactly one); null branches last, or first once deep enough that a recursive schema
   * must end.
   */
  private generateUnion(pointer: string, union: "anyOf" | "oneOf", branches: unknown[], hints: Hints): unknown {
    const order = branches.map((_, index) => index);
    const deep = hints.depth >= MAX_DEPTH / 2;
    order.sort((a, b) => Number(NULL_SCHEMA(branches[a]) !== deep) - Number(NULL_SCHEMA(branches[b]) !== deep));
    let first: unknown;
    for (const [position, index] of order.entries()) {
      const value = NULL_SCHEMA(branches[index]) ? null : this.generate(`${pointer}/${union}/${index}`, hints);
      if (position === 0) first = value;
      if (this.context.validator.isValid(pointer, value)) return value;
    }
    // An empty map or list can fit several `oneOf` branches at once: one entry tells them apart.
    for (const index of order) {
      const value = this.withOneEntry(`${pointer}/${union}/${index}`, hints);
      if (value !== undefined && this.context.validator.isValid(pointer, value)) return value;
    }
    // A branch that allows anything (`{}`) still needs a value the other `oneOf` branches refuse.
    return PLAIN_VALUES.find((value) => this.context.validator.isValid(pointer, value)) ?? first;
  }

  /** A value of the schema at `pointer` with one more property (optional or additional) or one item, if it takes one. */
  private withOneEntry(pointer: string, hints: Hints, depth = 0): unknown {
    const node = getAtPointer(this.document, pointer);
    if (!isSchema(node) || depth > 8) return undefined;
    if (typeof node.$ref === "string" && node.$ref.startsWith("#")) return this.withOneEntry(node.$ref.slice(1), hints, depth + 1);
    const value = this.generate(pointer, hints);
    const next = { ...hints, depth: hints.depth + 1 };
    if (isSchema(value)) {
      // An optional property first, else an additional one.
      const optional = Object.keys(isSchema(node.properties) ? node.properties : {}).find((key) => !Object.hasOwn(value, key));
      if (optional !== undefined) {
        return mergeOwn(value, { [optional]: this.generate(`${pointer}/properties/${encodePointer([optional]).slice(1)}`, { ...next, key: optional }) });
      }
      if (isSchema(node.additionalProperties)) return mergeOwn(value, { value: this.generate(`${pointer}/additionalProperties`, { ...next, key: "value" }) });
      if (node.additionalProperties !== false) return mergeOwn(value, { value: "value" });
    }
    if (Array.isArray(value) && value.length === 0 && isSchema(node.items)) return [this.generate(`${pointer}/items`, next)];
    return undefined;
  }

  private generateAllOf(pointer: string, node: Schema, hints: Hints): unknown {
    const parts = (node.allOf as unknown[]).map((_, index) => this.generate(`${pointer}/allOf/${index}`, hints));
    if (parts.length === 1 && !node.properties && !Array.isArray(node.required)) return parts[0];
    if (parts.every((part) => isSchema(part))) {
      const own = node.properties ? this.generateObject(pointer, node, hints) : {};
      const merged = mergeOwn(...(parts as Schema[]), own as Schema);
      // `required` beside allOf can name a property a member declares but does not require.
      for (const key of Array.isArray(node.required) ? (node.required as unknown[]) : []) {
        if (typeof key !== "string" || Object.hasOwn(merged, key)) continue;
        const at = propertyPointer(this.document, pointer, key);
        setOwn(merged, key, at ? this.generate(at, { key, examples: [], depth: hints.depth + 1, index: 0 }) : null);
      }
      return merged;
    }
    return parts[0];
  }

  private generateObject(pointer: string, node: Schema, hints: Hints): unknown {
    const properties = isSchema(node.properties) ? node.properties : {};
    if ("url" in properties && this.context.files) return this.generateFile(pointer, node, properties, hints);
    if (hints.depth >= MAX_DEPTH) return {};
    const required = new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
    const result: Record<string, unknown> = {};
    // Required names no property declares take a value of `additionalProperties` (any value without it).
    for (const key of [...required].filter((name) => !Object.hasOwn(properties, name))) {
      setOwn(result, key, isSchema(node.additionalProperties) ? this.generate(`${pointer}/additionalProperties`, { key, examples: [], depth: hints.depth + 1, index: 0 }) : null);
    }
    for (const [key, property] of orderedEntries(node, properties)) {
      const propertyAt = `${pointer}/properties/${encodePointer([key]).slice(1)}`;
      const echoed = this.echo(key, propertyAt, hints);
      if (echoed !== undefined) {
        setOwn(result, key, echoed);
        continue;
      }
      const useful = required.has(key) || (isSchema(property) && (ownExamples(property).length > 0 || "default" in property));
      if (!useful) continue;
      setOwn(result, key, this.generate(propertyAt, { key, examples: [], depth: hints.depth + 1, index: 0 }));
    }
    if (Object.keys(properties).length === 0 && isSchema(node.additionalProperties) && hints.key === "timings") {
      const timings = { inference: this.context.inferenceSeconds };
      if (this.context.validator.isValid(pointer, timings)) return timings;
    }
    return result;
  }

  /** Top-level fields the input also has (`prompt`, `seed`, ...) say what was asked for. */
  private echo(key: string, pointer: string, hints: Hints): unknown {
    if (hints.depth !== 0) return undefined;
    const candidates = key === "seed" ? [this.context.input.seed, this.context.seed] : [this.context.input[key]];
    for (const candidate of candidates) {
      const primitive = typeof candidate === "string" || typeof candidate === "number" || typeof candidate === "boolean";
      if (primitive && this.context.validator.isValid(pointer, candidate)) return candidate;
    }
    return undefined;
  }

  private generateFile(pointer: string, node: Schema, properties: Schema, hints: Hints): unknown {
    const contentTypes = [properties.content_type].filter(isSchema).flatMap((schema) => [schema.default, ...ownExamples(schema)]);
    const exampleHints = hints.examples.filter(isSchema).flatMap((example) => [example.content_type, example.file_name, example.url]);
    const kind = kindOf([...exampleHints, ...contentTypes, hints.key, node.title], "width" in properties && "height" in properties);
    const file = this.context.files!.create(kind, hints.index);
    const required = new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
    const result: Record<string, unknown> = {};
    for (const [key] of orderedEntries(node, properties)) {
      const value = (file as unknown as Record<string, unknown>)[key];
      if (value !== undefined) setOwn(result, key, value);
      else if (required.has(key)) {
        setOwn(result, key, this.generate(`${pointer}/properties/${encodePointer([key]).slice(1)}`, { key, examples: [], depth: hints.depth + 1, index: 0 }));
      }
    }
    return result;
  }

  /** Tuple elements (`prefixItems`) first, then `items` up to the count wanted; nothing beyond `minItems` once deep. */
  private generateArray(pointer: string, node: Schema, hints: Hints): unknown {
    const prefix = Array.isArray(node.prefixItems) ? node.prefixItems.length : 0;
    const itemsPointer = isSchema(node.items) ? `${pointer}/items` : node.items === false ? undefined : "";
    const minItems = typeof node.minItems === "number" ? node.minItems : 0;
    const maxItems = typeof node.maxItems === "number" ? node.maxItems : Infinity;
    const counted = itemsPointer !== undefined && itemsPointer !== "" && (this.isFileSchema(itemsPointer) || hints.key === "has_nsfw_concepts");
    const wanted = hints.depth >= MAX_DEPTH ? 0 : prefix > 0 ? prefix : itemsPointer ? (counted ? this.context.count : 1) : 0;
    const length = Math.max(minItems, Math.min(maxItems, wanted, itemsPointer === undefined ? prefix : Infinity));
    return Array.from({ length }, (_, index) => {
      const at = index < prefix ? `${pointer}/prefixItems/${index}` : itemsPointer;
      return at ? this.generate(at, { key: hints.key, examples: [], depth: hints.depth + 1, index }) : null;
    });
  }

  private generateString(pointer: string, node: Schema, hints: Hints): string {
    let format = typeof node.format === "string" ? node.format : undefined;
    const key = hints.key ?? "value";
    if (this.context.files && (format === "uri" || format === "url" || /(^|_)urls?$/.test(key))) {
      return this.context.files.create(kindOf([key], false), hints.index).url;
    }
    let value: string;
    // Without a file store (an example input), a URL field still gets a URL of its kind of media.
    if (!this.context.files && /(^|_)urls?$/.test(key)) format ??= "uri";
    switch (format) {
      case "date-time":
        value = new Date().toISOString();
        break;
      case "date":
        value = new Date().toISOString().slice(0, 10);
        break;
      case "time":
        value = new Date().toISOString().slice(11, 19);
        break;
      case "uuid":
      case "uuid4":
        value = randomUUID();
        break;
      case "email":
        value = "simulated@example.com";
        break;
      case "uri":
      case "url":
        value = `https://example.com/${EXAMPLE_FILES[kindOf([key], false)]}`;
        break;
      default:
        value = `Simulated ${key.replace(/_/g, " ")}`;
    }
    const minLength = typeof node.minLength === "number" ? node.minLength : 0;
    const maxLength = typeof node.maxLength === "number" ? node.maxLength : Infinity;
    if (value.length < minLength) value = value.padEnd(minLength, ".");
    if (value.length > maxLength) value = value.slice(0, maxLength);
    if (!this.context.validator.isValid(pointer, value) && typeof node.pattern === "string") value = "";
    return value;
  }

  /** Whether the schema (through refs, allOf and nullable unions) is a file object: it has a `url`. */
  private isFileSchema(pointer: string, depth = 0): boolean {
    const node = getAtPointer(this.document, pointer);
    if (!isSchema(node) || depth > 8) return false;
    if (typeof node.$ref === "string" && node.$ref.startsWith("#")) return this.isFileSchema(node.$ref.slice(1), depth + 1);
    if (Array.isArray(node.allOf) && node.allOf.length > 0) return this.isFileSchema(`${pointer}/allOf/0`, depth + 1);
    for (const union of ["anyOf", "oneOf"] as const) {
      const branches = node[union];
      if (Array.isArray(branches)) {
        const index = branches.findIndex((branch) => !NULL_SCHEMA(branch));
        return index >= 0 && this.isFileSchema(`${pointer}/${union}/${index}`, depth + 1);
      }
    }
    return isSchema(node.properties) && "url" in node.properties;
  }
}

/** The kind of media, from content types, file names, URLs and property names, first match wins. */
export function kindOf(hints: unknown[], hasSize: boolean): FileKind {
  if (hasSize) return "image";
  const rules: [FileKind, RegExp][] = [
    ["image", /(^|[^a-z])(image|images|img|png|jpe?g|webp|gif|thumbnail|mask|frame|picture|photo)([^a-z]|$)/i],
    ["audio", /(^|[^a-z])(audio|mp3|wav|mpeg|music|speech|voice|sound|flac|ogg)([^a-z]|$)/i],
    ["video", /(^|[^a-z])(video|mp4|webm|mov)([^a-z]|$)/i],
    ["model", /(^|[^a-z])(glb|gltf|mesh|3d|model|obj|fbx|usdz)([^a-z]|$)/i],
  ];
  for (const hint of hints) {
    if (typeof hint !== "string") continue;
    for (const [kind, pattern] of rules) if (pattern.test(hint)) return kind;
  }
  return "other";
}

/** Properties in fal's display order (`x-fal-order-properties`), then any others. */
function orderedEntries(node: Schema, properties: Schema): [string, unknown][] {
  const order = Array.isArray(node["x-fal-order-properties"]) ? (node["x-fal-order-properties"] as unknown[]).filter((key): key is string => typeof key === "string" && key in properties) : [];
  const rest = Object.keys(properties).filter((key) => !order.includes(key));
  return [...order, ...rest].map((key) => [key, properties[key]]);
}

function ownExamples(node: Schema): unknown[] {
  const examples = Array.isArray(node.examples) ? [...node.examples] : [];
  if ("example" in node) examples.push(node.example);
  return examples;
}

function schemaType(node: Schema): string | undefined {
  const type = Array.isArray(node.type) ? node.type.find((entry) => entry !== "null") ?? node.type[0] : node.type;
  if (typeof type === "string") return type;
  if (isSchema(node.properties) || isSchema(node.additionalProperties)) return "object";
  if (node.items !== undefined || node.prefixItems !== undefined) return "array";
  return undefined;
}

function generateNumber(node: Schema, type: "integer" | "number"): number {
  const step = type === "integer" ? 1 : 0.5;
  let low = typeof node.minimum === "number" ? node.minimum : -Infinity;
  if (typeof node.exclusiveMinimum === "number") low = Math.max(low, node.exclusiveMinimum + step);
  let high = typeof node.maximum === "number" ? node.maximum : Infinity;
  if (typeof node.exclusiveMaximum === "number") high = Math.min(high, node.exclusiveMaximum - step);
  let value = "default" in node && typeof node.default === "number" ? node.default : low > -Infinity ? low : Math.min(high, 1);
  value = Math.min(high, Math.max(low, value));
  if (type === "integer") value = Math.ceil(value) <= high ? Math.ceil(value) : Math.floor(value);
  if (typeof node.multipleOf === "number" && node.multipleOf > 0) value = Math.ceil(value / node.multipleOf) * node.multipleOf;
  return value;
}

function isFileLike(value: unknown): value is Record<string, unknown> {
  return isSchema(value) && typeof value.url === "string";
}

function isSchema(value: unknown): value is Schema {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
