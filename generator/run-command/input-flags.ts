import { existsSync, statSync } from "node:fs";
import { openAsBlob } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import mime from "mime";
import { allowedValues, limits, literal, refName, typeLabel } from "../emit/describe-schema.js";
import { inexactInteger, isInexactInteger } from "../shared/json-text.js";
import { isPlainObject, setOwn } from "../shared/plain-data.js";
import { fieldKind, isPage, sniff, SNIFF_BYTES } from "./file-content.js";
import type { EndpointModel, JsonSchema } from "../model/endpoint-model.js";

/** One input field as a flag: its property name, its schema (refs followed) and whether it is required. */
export interface InputField {
  name: string;
  schema: JsonSchema;
  required: boolean;
  /** The JSON types its values may have, from its schema (refs, allOf, anyOf and enums followed). */
  types: Set<string>;
}

/** A flag value that does not fit its field: says which flag and why. */
export class FlagError extends Error {}

/** The Input's top-level fields, in fal's order (an `allOf` of schemas contributes theirs). */
export function inputFields(model: EndpointModel): InputField[] {
  const fields = new Map<string, InputField>();
  const required = new Set<string>();
  const visit = (schema: unknown, depth: number) => {
    const node = resolve(model, schema);
    if (!node || depth > 10) return;
    for (const name of Array.isArray(node.required) ? node.required : []) required.add(String(name));
    for (const member of Array.isArray(node.allOf) ? node.allOf : []) visit(member, depth + 1);
    if (!isPlainObject(node.properties)) return;
    for (const [name, property] of Object.entries(node.properties)) {
      if (!fields.has(name)) fields.set(name, { name, schema: property as JsonSchema, required: false, types: jsonTypes(model, property, 0) });
    }
  };
  visit(model.input.schema, 0);
  return [...fields.values()].map((field) => ({ ...field, required: required.has(field.name) }));
}

/** The schema itself, or the one its `$ref` names. */
function resolve(model: EndpointModel, schema: unknown): JsonSchema | undefined {
  if (!isPlainObject(schema)) return undefined;
  const name = typeof schema.$ref === "string" ? refName(schema) : undefined;
  return name === undefined ? schema : model.schemas.find((candidate) => candidate.name === name)?.schema;
}

function jsonTypes(model: EndpointModel, schema: unknown, depth: number): Set<string> {
  const node = resolve(model, schema);
  const types = new Set<string>();
  if (!node || depth > 10) return types;
  const add = (type: unknown) => types.add(type === "integer" ? "number" : String(type));
  if (Array.isArray(node.enum)) node.enum.forEach((value) => add(value === null ? "null" : Array.isArray(value) ? "array" : typeof value));
  else if (node.type !== undefined) [node.type].flat().forEach(add);
  else if (isPlainObject(node.properties)) add("object");
  if (node.nullable === true) add("null");
  for (const key of ["anyOf", "oneOf", "allOf"]) {
    for (const member of Array.isArray(node[key]) ? node[key] : []) for (const type of jsonTypes(model, member, depth + 1)) types.add(type);
  }
  return types;
}

/** The schema of an array field's item at `index`: a tuple's (`prefixItems`) for its place, else `items`. */
function itemSchema(model: EndpointModel, field: InputField, index: number): unknown {
  const node = resolve(model, field.schema);
  const members = [node, ...["anyOf", "oneOf", "allOf"].flatMap((key) => (Array.isArray(node?.[key]) ? (node[key] as unknown[]) : []).map((member) => resolve(model, member)))];
  for (const member of members) {
    const item = (Array.isArray(member?.prefixItems) ? member.prefixItems[index] : undefined) ?? member?.items;
    if (item) return item;
  }
  return undefined;
}

/**
 * Why a field cannot be given as a flag (so only through `--input`), or undefined when it can:
 * falgen's own options, an empty name (`--` ends the options), a name holding `=` (it splits
 * `--name=value`) or starting with `-`.
 */
export function notAFlag(field: InputField, reserved: ReadonlySet<string>): string | undefined {
  if (reserved.has(field.name)) return `--${field.name} is falgen's own option`;
  if (field.name === "") return "an empty name cannot be a flag";
  if (field.name.includes("=")) return "a name holding \"=\" cannot be a flag";
  if (field.name.startsWith("-")) return "a name starting with \"-\" cannot be a flag";
  return undefined;
}

/** What a flag spelling sets: a field, to the value given (or true), or to false for a boolean's `--no-` form. */
export interface FieldFlag {
  field: InputField;
  negated: boolean;
}

/**
 * Every flag spelling of the fields, each naming one field, so no two can clash. Spellings are
 * handed out in a fixed order, a spelling already taken going to no one later: falgen's own
 * options (`reserved`, `--no-download` among them), then each field's own name, then its name with
 * dashes for underscores, then `--no-<spelling>` for booleans. So a field named `no-watermark`
 * keeps `--no-watermark`, and a boolean `watermark` beside it is set false only through `--input`
 * (`fieldsHelp` says so).
 */
export function fieldFlags(fields: InputField[], reserved: ReadonlySet<string>): Map<string, FieldFlag> {
  const flags = new Map<string, FieldFlag>();
  const claim = (name: string, field: InputField, negated: boolean) => {
    if (!reserved.has(name) && !flags.has(name) && !name.startsWith("-")) flags.set(name, { field, negated });
  };
  const usable = fields.filter((field) => notAFlag(field, reserved) === undefined);
  for (const field of usable) claim(field.name, field, false);
  for (const field of usable) claim(field.name.replace(/_/g, "-"), field, false);
  const spellings = [...flags].filter(([, flag]) => isBoolean(flag.field));
  for (const [name, { field }] of spellings) claim(`no-${name}`, field, true);
  return flags;
}

/** The spellings of one field in `flags`: its own and dashed names, then their `--no-` forms. */
function spellingsOf(field: InputField, flags: Map<string, FieldFlag>): { set: string[]; negate: string[] } {
  const mine = [...flags].filter(([, flag]) => flag.field === field);
  return { set: mine.filter(([, flag]) => !flag.negated).map(([name]) => name), negate: mine.filter(([, flag]) => flag.negated).map(([name]) => name) };
}

export function isBoolean(field: InputField): boolean {
  return field.types.size > 0 && [...field.types].every((type) => type === "boolean" || type === "null");
}

function isArray(field: InputField): boolean {
  return field.types.has("array");
}

/** A field that takes file URLs, where a local path is uploaded instead (fal's `*_url`/`*_urls` rule). */
function takesFiles(field: InputField): boolean {
  return isFileField(field.name);
}

function isFileField(name: string): boolean {
  return /_urls?$/.test(name);
}

/** The URL schemes fal fetches a file input from. */
const FETCHABLE = new Set(["http", "https", "data"]);

/**
 * `value` (an input field's value, at `place` as messages name it: `--image_url`, `--input
 * in.json: image_url`) with its file URLs checked, as fal fetches every string under a `*_url` or
 * `*_urls` name at any depth: a `file:` URL is the local file it names (uploaded, as a path is),
 * and a URL of any scheme but http(s) and `data:` (`ftp:`, `s3:`) is a FlagError, since fal would
 * fail on it after the request was paid for. `key` is the name `value` is under.
 */
export async function withFileUrls(value: unknown, place: string, key: string): Promise<unknown> {
  if (typeof value === "string") return isFileField(key) ? fileUrl(place, value, key) : value;
  if (Array.isArray(value)) return Promise.all(value.map((item, index) => withFileUrls(item, `${place}[${index}]`, key)));
  // A File (a local path a flag named) is left as it is, to be uploaded.
  if (!isPlainObject(value) || value instanceof Blob) return value;
  const copy: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value)) setOwn(copy, name, await withFileUrls(item, `${place}.${name}`, name));
  return copy;
}

async function fileUrl(place: string, value: string, fieldName: string): Promise<unknown> {
  // One letter is a Windows drive (C:\...), not a scheme.
  const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(value)?.[1]?.toLowerCase();
  if (scheme === undefined || FETCHABLE.has(scheme)) return value;
  if (scheme !== "file") throw new FlagError(`${place}: ${JSON.stringify(value)} is a ${scheme}: URL, which fal cannot fetch; give an http(s) URL, a data: URI or a local file to upload (nothing was sent)`);
  let file: string;
  try {
    file = fileURLToPath(value);
  } catch (error) {
    throw new FlagError(`${place}: ${JSON.stringify(value)}: not a local file URL (${(error as Error).message}); give a path or file:///path`);
  }
  return localFile(place, file, fieldName);
}

/**
 * The input value of one field from its flag values (repeated flags give several): typed by the
 * schema, JSON for objects, arrays from repeats or a JSON array, local files (for `*_url`
 * fields) as File objects the runtime uploads. Throws a FlagError naming the flag.
 */
export async function fieldValue(model: EndpointModel, field: InputField, values: (string | boolean)[]): Promise<unknown> {
  const flag = `--${field.name}`;
  // Only a list takes the flag again: a second value for one field is a mistake to say, not one to drop.
  if (values.length > 1 && !isArray(field)) throw new FlagError(`${flag} was given ${values.length} times (${values.map((value) => JSON.stringify(value)).join(", ")}); it takes one value`);
  const last = values.at(-1)!;
  if (typeof last === "boolean") return last;
  if (isArray(field)) {
    const strings = values.map(String);
    if (strings.length === 1 && strings[0]!.trimStart().startsWith("[")) return parseJson(flag, strings[0]!);
    const item = (index: number): InputField => ({ name: field.name, schema: {}, required: false, types: jsonTypes(model, itemSchema(model, field, index), 0) });
    return Promise.all(strings.map((value, index) => scalar(flag, item(index), value, takesFiles(field))));
  }
  return scalar(flag, field, String(last), takesFiles(field));
}

/** A decimal number, as JSON writes one but also with a leading `+` or `.`, or a trailing `.`. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * The number a flag's text writes in decimal (surrounding blanks ignored); NaN for anything else,
 * as Number() also reads 0x10, 0b1 and 0o7, which nobody means on a command line.
 */
export function decimalNumber(text: string): number {
  const trimmed = text.trim();
  return DECIMAL.test(trimmed) ? Number(trimmed) : Number.NaN;
}

async function scalar(flag: string, field: InputField, value: string, files: boolean): Promise<unknown> {
  const { types } = field;
  const trimmed = value.trim();
  if ((trimmed.startsWith("{") && types.has("object")) || (trimmed.startsWith("[") && types.has("array"))) return parseJson(flag, value);
  // Before the number check: help shows `<integer | null>`, so `--seed null` is null.
  if (types.has("null") && trimmed === "null" && !types.has("string")) return null;
  if (types.has("number") && !types.has("string")) {
    const number = decimalNumber(trimmed);
    if (!Number.isFinite(number)) throw new FlagError(`${flag} takes a decimal number, got ${JSON.stringify(value)}`);
    if (isInexactInteger(trimmed)) throw new FlagError(inexactMessage(flag, trimmed, number));
    return number;
  }
  if (types.has("boolean") && (trimmed === "true" || trimmed === "false")) return trimmed === "true";
  if (files && types.has("string") && !/^[a-z][a-z0-9+.-]*:/i.test(value)) return localFile(flag, value, field.name);
  if (types.has("string") || types.size === 0) return value;
  if (types.has("object")) throw new FlagError(`${flag} takes a JSON object, e.g. ${flag} '{"key": "value"}'; got ${JSON.stringify(value)}`);
  throw new FlagError(`${flag} takes ${[...types].join(" or ")}, got ${JSON.stringify(value)}`);
}

function parseJson(flag: string, value: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    throw new FlagError(`${flag} is not valid JSON (${(error as Error).message}): ${value}`);
  }
  const inexact = inexactInteger(value);
  if (inexact) throw new FlagError(inexactMessage(`${flag} (at column ${inexact.column})`, inexact.literal, Number(inexact.literal)));
  return parsed;
}

/** Why an integer written at `place` is refused: JSON as JavaScript sends it would carry `number`, another value. */
export function inexactMessage(place: string, literal: string, number: number): string {
  return `${place}: ${literal} is beyond the integers a JSON number carries exactly (±${Number.MAX_SAFE_INTEGER}); it would be sent as ${number}, so nothing was sent`;
}

/**
 * A local file for a URL field, uploaded by the runtime; a path that is no file is an error, not a
 * string sent to fal. Its first bytes say its type (a JPEG named photo.png is sent as image/jpeg),
 * else its extension; a page or an empty file for a field whose name says image, video or audio
 * (`image_url`, `mask_url`) is refused before anything is sent: fal would fail on it, paid.
 */
async function localFile(flag: string, file: string, fieldName: string): Promise<File> {
  if (!existsSync(file) || !statSync(file).isFile()) throw new FlagError(`${flag}: ${JSON.stringify(file)} is neither a URL nor a file`);
  const head = await readHead(file);
  const found = await sniff(head);
  const kind = fieldKind(fieldName);
  if (kind !== undefined && (head.length === 0 || isPage(found?.type))) {
    throw new FlagError(`${flag}: ${file} is ${head.length === 0 ? "empty" : `${found!.type} (by its first bytes)`}, not the ${kind} ${fieldName} takes; nothing was sent`);
  }
  const type = found?.type ?? mime.getType(file) ?? "application/octet-stream";
  const blob = await openAsBlob(file, { type });
  return new File([blob], path.basename(file), { type });
}

/** The first SNIFF_BYTES of `file` (all of a shorter one). */
async function readHead(file: string): Promise<Uint8Array> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(file);
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } catch (error) {
    throw new FlagError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  } finally {
    await handle?.close();
  }
}

/**
 * `--help` for one endpoint: each field's flag, type, whether required, default, allowed values and
 * limits, after the first paragraph of its description (whole: a spec's line breaks inside a
 * sentence are not its end), wrapped to `columns` under the descriptions' column.
 */
export function fieldsHelp(model: EndpointModel, fields: InputField[], reserved: Set<string>, columns = 100): string {
  const table = fieldFlags(fields, reserved);
  const rows = fields.map((field) => {
    const problem = notAFlag(field, reserved);
    // A field that cannot be a flag is listed by its JSON name, so no one takes it for one.
    const name = problem && !reserved.has(field.name) ? JSON.stringify(field.name) : `--${field.name}`;
    const negate = spellingsOf(field, table).negate[0];
    const flags = isBoolean(field) && !problem ? [name, ...(negate === undefined ? [] : [`--${negate}`])].join(", ") : `${name} <${typeLabel(field.schema)}>`;
    const facts: string[] = [];
    if (field.required) facts.push("required");
    const node = resolve(model, field.schema);
    if (node?.default !== undefined) facts.push(`default ${literal(node.default)}`);
    const allowed = allowedValues(node);
    if (allowed.length > 0) facts.push(`one of ${allowed.map(literal).join(", ")}`);
    facts.push(...limits(node));
    if (isArray(field)) facts.push("repeat the flag for each item, or give a JSON array");
    else if (field.types.has("object")) facts.push("an object as JSON");
    if (takesFiles(field)) facts.push("a URL, or a local file to upload");
    if (problem) facts.push(`only through --input: ${problem}`);
    else if (isBoolean(field) && negate === undefined) facts.push(`false only through --input: --no-${field.name} is ${negationOwner(field, table, reserved)}`);
    const description = typeof node?.description === "string" ? firstParagraph(node.description) : "";
    return { flags, text: [description, facts.length > 0 ? `(${facts.join("; ")})` : ""].filter(Boolean).join(" ") };
  });
  const width = Math.min(40, Math.max(...rows.map((row) => row.flags.length), 0));
  const indent = " ".repeat(width + 4);
  return rows
    .map(({ flags, text }) => {
      // A flag too long for the column puts its text on the next line.
      const lines = wrap(text, Math.max(30, columns - indent.length));
      const first = flags.length > width ? `  ${flags}\n${indent}` : `  ${flags.padEnd(width)}  `;
      return `${first}${lines.join(`\n${indent}`)}`;
    })
    .join("\n");
}

/** Who holds `--no-<field>` instead of the boolean field: falgen or another field. */
function negationOwner(field: InputField, table: Map<string, FieldFlag>, reserved: ReadonlySet<string>): string {
  const name = `no-${field.name}`;
  if (reserved.has(name)) return "falgen's own option";
  const owner = table.get(name)?.field;
  return owner === undefined ? "not a flag" : `the flag of field ${JSON.stringify(owner.name)}`;
}

/** The first paragraph of a description, its lines joined: specs break lines mid-sentence. */
function firstParagraph(description: string): string {
  return (description.trim().split(/\n\s*\n/)[0] ?? "").replace(/\s+/g, " ");
}

/** `text` in lines of at most `width` characters, broken at spaces (a longer word gets a line of its own). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ").filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}
