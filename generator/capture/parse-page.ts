import { formatPlace, SpecError } from "../errors.js";
import { JsonSyntaxError, parseJsonText } from "../shared/json-text.js";
import { describe, isPlainObject } from "../shared/plain-data.js";
import { parseEndpointId } from "../naming.js";

/**
 * Reads fal model API pages in their text form (test/fixtures/seeds/fal-model-docs.txt): the endpoint
 * id from the code samples and every type of the "Schema" section, as plain data. Anything the
 * parser does not understand is an error at its line, never skipped, so nothing on a page is lost.
 */

export type PageFieldType =
  | { kind: "string" | "integer" | "float" | "boolean" }
  | { kind: "list"; items: PageFieldType }
  /** A type the page lists values for ("Enum", "StyleEnum"); the values are on the field. */
  | { kind: "enum"; name: string }
  /** A type defined under "Other types" (or, when the page only names it, in the overrides). */
  | { kind: "named"; name: string }
  /** "ImageSize | Enum": any of the members. */
  | { kind: "union"; members: PageFieldType[] };

export interface PageField {
  name: string;
  /** 1-based line of `name type` in the page file. */
  line: number;
  type: PageFieldType;
  description?: string;
  /** From `Default value: X`; absent when the page gives none (JSON never yields undefined). */
  default?: unknown;
  /** The listed values: numbers when every value is one (`4, 8, 16`), else strings. */
  enumValues?: EnumValue[];
}

export type EnumValue = string | number;

export interface PageType {
  /** "Input" and "Output" for the page's own sections, otherwise the name under "Other types". */
  name: string;
  line: number;
  fields: PageField[];
  /** The JSON example printed below the fields (only Input and Output have one). */
  example?: Record<string, unknown>;
}

export interface Page {
  file: string;
  /** Line of the page's `About`. */
  line: number;
  endpointId: string;
  /** In page order: Input, Output, then the other types. */
  types: PageType[];
}

/** Splits a file into pages (each starts with a line `About`) and parses each one. */
export function parsePages(file: string, text: string): Page[] {
  const lines = text.split(/\r?\n/);
  const starts = lines.flatMap((line, index) => (line === "About" ? [index] : []));
  const firstText = lines.findIndex((line) => line.trim() !== "");
  if (firstText === -1 || starts[0] !== firstText) {
    throw new SpecError({ file, line: Math.max(firstText, 0) + 1 }, "expected a page here: each page starts with a line `About`");
  }
  return starts.map((start, index) => parsePage(file, lines, start, starts[index + 1] ?? lines.length));
}

const SCHEMA_SECTION = /^\d+\. Schema#$/;
/** `fal_client.subscribe("id", ...)`, `fal.queue.status("id", ...)`; the id may be on the next line. */
const CLIENT_CALL = /\bfal(?:_client|\.queue)?\.(?:subscribe|submit|status|result)\(\s*(?:"([^"]+)")?/;
const ID_ON_ITS_OWN_LINE = /^\s*"([^"]+)",?\s*$/;
// Names are Python identifiers (pydantic's), which may be Unicode: letters of any script, upper-case first for types.
const TYPE_HEADING = /^(\p{Lu}[\p{ID_Continue}]*)#$/u;
/** `name type`; a name may start upper-case (`H264_output`), see fieldOf. */
const FIELD = /^([\p{ID_Start}_][\p{ID_Continue}]*) (.+)$/u;
const ENUM_VALUES = "Possible enum values: ";
const IMAGE_SIZE_NOTE = "Note: For custom image sizes, you can pass the width and height as an object:";
const DEFAULT_VALUE = /^(?:(.*?) ?)?Default value: (.*)$/;

function parsePage(file: string, lines: string[], start: number, end: number): Page {
  /** An error at the 0-based line `index` (and the 1-based column, when known). */
  const at: ErrorAt = (index, reason, column) => new SpecError({ file, line: index + 1, column }, reason);
  const schemaStart = lines.slice(start, end).findIndex((line) => SCHEMA_SECTION.test(line));
  if (schemaStart === -1) throw at(start, "this page has no schema section (a line like `5. Schema#`)");
  const schemaLine = start + schemaStart;

  const endpointId = endpointIdOf(file, lines, start, schemaLine, at);
  const types: PageType[] = [];
  let inOtherTypes = false;
  let type: PageType | undefined;
  let field: PageField | undefined;

  for (let index = schemaLine + 1; index < end; index++) {
    const line = lines[index]!;
    if (line.trim() === "") continue;
    const heading = TYPE_HEADING.exec(line)?.[1];
    const fieldLine = FIELD.exec(line);
    const fieldType = fieldLine ? fieldTypeOf(fieldLine[1]!, fieldLine[2]!) : undefined;
    if (line === "Other types#") {
      inOtherTypes = true;
      type = field = undefined;
    } else if (heading !== undefined) {
      const isSection = heading === "Input" || heading === "Output";
      if (isSection === inOtherTypes) throw at(index, isSection ? `"${heading}#" after "Other types#"` : `type "${heading}#" before "Other types#"`);
      if (types.some((known) => known.name === heading)) throw at(index, `"${heading}" is defined twice on this page`);
      type = { name: heading, line: index + 1, fields: [] };
      types.push(type);
      field = undefined;
    } else if (line === "{}" || line === "{") {
      // `{}` on its own line: an empty example (fal prints one when no field has an example).
      const close = line === "{}" ? index : closingBrace(lines, index, end, at);
      if (type === undefined) throw at(index, "a JSON example outside Input and Output");
      const example = exampleOf(type, lines.slice(index, close + 1).join("\n"), index, at);
      if (typeof example === "string") throw at(index, example);
      type.example = example;
      index = close;
    } else if (line === IMAGE_SIZE_NOTE) {
      // Boilerplate under every `ImageSize | Enum` field, with a JSON fragment whose 1280x720
      // breaks some models' limits: not a fact about the field (specs/README.md), so passed over.
      if (field === undefined) throw at(index, "a note outside a field");
      if (lines[index + 1]?.trimEnd().endsWith("{")) index = closingBrace(lines, index + 1, end, at);
    } else if (line.startsWith(ENUM_VALUES)) {
      if (field === undefined) throw at(index, "enum values outside a field");
      if (field.enumValues) throw at(index, `a second enum value list for "${field.name}"`);
      const typeWithEnum = withEnum(field.type);
      if (typeWithEnum === undefined) throw at(index, `enum values for "${field.name}", whose type names no enum`);
      field.enumValues = enumValuesOf(line.slice(ENUM_VALUES.length));
      field.type = typeWithEnum;
    } else if (fieldLine && fieldType) {
      const name = fieldLine[1]!;
      if (type === undefined) throw at(index, `field "${name}" outside a type: expected "Input#", "Output#" or a type heading before it`);
      if (type.fields.some((known) => known.name === name)) throw at(index, `"${name}" is listed twice in ${type.name}`);
      field = { name, line: index + 1, type: fieldType };
      type.fields.push(field);
    } else {
      if (field === undefined) throw at(index, "cannot read this line: expected a field (`name type`), a type heading (`Name#`) or a JSON example");
      if (field.description !== undefined || field.default !== undefined) throw at(index, `a second description line for "${field.name}"`);
      Object.assign(field, descriptionAndDefault(line));
    }
  }

  for (const section of ["Input", "Output"]) {
    if (!types.some((known) => known.name === section)) throw at(schemaLine, `the schema section has no "${section}#"`);
  }
  for (const field of types.flatMap((known) => known.fields)) {
    const problem = fieldProblem(field);
    if (problem) throw at(field.line - 1, problem);
  }
  return { file, line: start + 1, endpointId, types };
}

type ErrorAt = (index: number, reason: string, column?: number) => SpecError;

/** The endpoint id every code sample before the schema section calls; they must agree. */
function endpointIdOf(file: string, lines: string[], start: number, end: number, at: ErrorAt): string {
  let found: { id: string; index: number } | undefined;
  for (let index = start; index < end; index++) {
    const call = CLIENT_CALL.exec(lines[index]!);
    if (!call) continue;
    const idIndex = call[1] === undefined ? index + 1 : index;
    const id = call[1] ?? ID_ON_ITS_OWN_LINE.exec(lines[idIndex] ?? "")?.[1];
    if (id === undefined) throw at(index, "a client call without an endpoint id");
    if (found && found.id !== id) throw at(idIndex, `this code sample calls "${id}", but ${formatPlace(file, found.index + 1)} calls "${found.id}"`);
    found ??= { id, index: idIndex };
  }
  if (!found) throw at(start, 'this page has no code sample naming its endpoint (fal_client.subscribe("owner/app", ...))');
  const parts = parseEndpointId(found.id);
  if ("invalid" in parts) throw at(found.index, parts.invalid);
  return found.id;
}

function closingBrace(lines: string[], open: number, end: number, at: ErrorAt): number {
  for (let index = open + 1; index < end; index++) if (lines[index] === "}") return index;
  throw at(open, "a JSON block that is never closed (no line `}`)");
}

/** `4, 8, 16` are numbers (an enum of integers); any other list is strings. */
function enumValuesOf(text: string): EnumValue[] {
  const values = text.split(", ");
  return values.every((value) => /^-?\d+(\.\d+)?$/.test(value)) ? values.map(Number) : values;
}

/**
 * The type of a `name type` line, or undefined when the line is prose. fal's field names are
 * Python identifiers and may start upper-case (`H264_output boolean`); so may a sentence ("Output
 * Image"), so such a name counts only with a `_` or a digit in it, or a type without named types.
 */
function fieldTypeOf(name: string, typeText: string): PageFieldType | undefined {
  const type = parseType(typeText);
  if (type === undefined || /^[a-z_]/.test(name)) return type;
  return /[_0-9]/.test(name) || typeNames(type).length === 0 ? type : undefined;
}

/** The parsed example (its text starts at the 0-based line `index`), or why it is not one; a syntax error is thrown at its own line and column. */
function exampleOf(type: PageType, json: string, index: number, at: ErrorAt): Record<string, unknown> | string {
  if (type.example !== undefined) return `a second JSON example for ${type.name}`;
  let example: unknown;
  try {
    example = parseJsonText(json);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    throw at(index + error.line - 1, `invalid JSON example: ${error.reason}`, error.column);
  }
  if (!isPlainObject(example)) return `the JSON example must be an object, found ${describe(example)}`;
  const unlisted = Object.keys(example).filter((key) => !type.fields.some((field) => field.name === key));
  if (unlisted.length > 0) return `the JSON example has ${unlisted.map((key) => `"${key}"`).join(", ")}, which ${type.name} does not list`;
  return example;
}

const PRIMITIVES = new Set(["string", "integer", "float", "boolean"]);
const TYPE_NAME = /^\p{Lu}[\p{ID_Continue}]*$/u;

/** `string`, `list<X>`, `Name`, `A | B`; undefined when the text is not a type (so the line is prose). */
function parseType(text: string): PageFieldType | undefined {
  if (text.includes(" | ")) {
    const members = text.split(" | ").map(parseType);
    return members.every((member) => member !== undefined) ? { kind: "union", members: members as PageFieldType[] } : undefined;
  }
  if (PRIMITIVES.has(text)) return { kind: text as "string" | "integer" | "float" | "boolean" };
  const list = /^list<(.+)>$/.exec(text);
  if (list) {
    const items = parseType(list[1]!);
    return items && { kind: "list", items };
  }
  return TYPE_NAME.test(text) ? { kind: "named", name: text } : undefined;
}

/** The type with its `...Enum` name(s) turned into enums, once the page lists the values; undefined if it names none. */
function withEnum(type: PageFieldType): PageFieldType | undefined {
  switch (type.kind) {
    case "named":
      return type.name.endsWith("Enum") ? { kind: "enum", name: type.name } : undefined;
    case "list": {
      const items = withEnum(type.items);
      return items && { kind: "list", items };
    }
    case "union": {
      const members = type.members.map((member) => withEnum(member) ?? member);
      return members.some((member, index) => member !== type.members[index]) ? { kind: "union", members } : undefined;
    }
    default:
      return undefined;
  }
}

/** "Text. Default value: X": X is JSON where it parses (`"standard"`, `1`, `true`), else a bare word (`square_hd`). */
export function descriptionAndDefault(line: string): Pick<PageField, "description" | "default"> {
  const match = DEFAULT_VALUE.exec(line);
  if (!match) return { description: line };
  const [, description, raw] = match as unknown as [string, string | undefined, string];
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = raw;
  }
  return description ? { description, default: value } : { default: value };
}

/** What is wrong with a field once the whole page is read, if anything. */
function fieldProblem(field: PageField): string | undefined {
  if (typeNames(field.type).includes("Enum")) return `"${field.name}" has type Enum but no "${ENUM_VALUES.trim()}" line`;
  if (field.default !== undefined && !fits(field.type, field.default, field.enumValues ?? [])) {
    return `the default of "${field.name}", ${JSON.stringify(field.default)}, is not a value of its type`;
  }
  return undefined;
}

/** The names a type refers to, in order. */
export function typeNames(type: PageFieldType): string[] {
  switch (type.kind) {
    case "named":
      return [type.name];
    case "list":
      return typeNames(type.items);
    case "union":
      return type.members.flatMap(typeNames);
    default:
      return [];
  }
}

function fits(type: PageFieldType, value: unknown, enumValues: EnumValue[]): boolean {
  switch (type.kind) {
    case "string":
      return typeof value === "string";
    case "integer":
      return Number.isInteger(value);
    case "float":
      return typeof value === "number";
    case "boolean":
      return typeof value === "boolean";
    case "enum":
      return enumValues.includes(value as EnumValue);
    case "named":
      return isPlainObject(value);
    case "list":
      return Array.isArray(value) && value.every((item) => fits(type.items, item, enumValues));
    case "union":
      return type.members.some((member) => fits(member, value, enumValues));
  }
}
