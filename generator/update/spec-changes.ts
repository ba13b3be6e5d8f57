import { isPlainObject } from "../shared/plain-data.js";
import { decodePointer } from "../shared/json-pointer.js";
import { QUEUE_STATUS_SCHEMA_NAME } from "../spec-files/fal-queue-document.js";

type Schema = Record<string, unknown>;

/** The parts of a spec a comparison needs: its schemas and which of them are the Input and the Output. */
export interface ComparedSpec {
  document: Record<string, unknown>;
  inputSchemaName: string;
  outputSchemaName: string;
}

/** What happened to a field (or a whole schema). */
export type ChangeKind = "schema added" | "schema removed" | "added" | "removed" | "type" | "required" | "optional" | "enum values added" | "enum values removed" | "default";

/** One field-level difference between a spec and the newer document of the same endpoint. */
export interface FieldChange {
  /** `Schema.field.nested`, or `Schema` for the schema itself; `[]` marks array items. */
  path: string;
  kind: ChangeKind;
  /** What changed, e.g. `string -> integer`, `"png", "webp"`. */
  detail: string;
  /** Whether callers can break: code sending the input, or reading the output, may stop compiling or be refused. */
  breaking: boolean;
  /** Where the schema is used: in what callers send, what they receive, or both. */
  usedIn: ("input" | "output")[];
}

/**
 * Field-level changes from `before` to `after` (added, removed, type, required, enum values,
 * defaults), each marked breaking by where it is used: an input field that becomes required or
 * loses enum values breaks senders; an output field that is removed or becomes optional breaks
 * readers; a removed field or a changed type breaks both. Descriptions and examples are not compared.
 */
export function specChanges(before: ComparedSpec, after: ComparedSpec): FieldChange[] {
  const [schemasBefore, schemasAfter] = [schemasOf(before), schemasOf(after)];
  const roles = new Map<string, Set<"input" | "output">>();
  for (const spec of [before, after]) {
    for (const [root, role] of [[spec.inputSchemaName, "input"], [spec.outputSchemaName, "output"]] as const) {
      for (const name of reachable(schemasOf(spec), root)) roles.set(name, (roles.get(name) ?? new Set()).add(role));
    }
  }
  const changes: FieldChange[] = [];
  const names = [...new Set([...Object.keys(schemasBefore), ...Object.keys(schemasAfter)])].filter((name) => name !== QUEUE_STATUS_SCHEMA_NAME).sort();
  for (const name of names) {
    const usedIn = [...(roles.get(name) ?? [])].sort();
    const report = (path: string, kind: ChangeKind, detail: string, breaks: (role: "input" | "output") => boolean) =>
      changes.push({ path, kind, detail, breaking: usedIn.some(breaks), usedIn });
    const old = schemasBefore[name];
    const now = schemasAfter[name];
    if (!old) report(name, "schema added", "", () => false);
    else if (!now) report(name, "schema removed", "", () => true);
    else compareSchemas(name, old, now, report);
  }
  return changes;
}

type Report = (path: string, kind: ChangeKind, detail: string, breaks: (role: "input" | "output") => boolean) => void;

function compareSchemas(path: string, old: Schema, now: Schema, report: Report): void {
  const [typeBefore, typeAfter] = [typeOf(old), typeOf(now)];
  if (typeBefore !== typeAfter) report(path, "type", `${typeBefore} -> ${typeAfter}`, () => true);
  const [enumBefore, enumAfter] = [enumValues(old), enumValues(now)];
  if (enumBefore && enumAfter) {
    const added = enumAfter.filter((value) => !enumBefore.includes(value));
    const removed = enumBefore.filter((value) => !enumAfter.includes(value));
    // New values break readers that handle every value; removed ones break senders.
    if (added.length > 0) report(path, "enum values added", added.join(", "), (role) => role === "output");
    if (removed.length > 0) report(path, "enum values removed", removed.join(", "), (role) => role === "input");
  }
  if (JSON.stringify(old.default) !== JSON.stringify(now.default)) {
    report(path, "default", `${old.default === undefined ? "none" : JSON.stringify(old.default)} -> ${now.default === undefined ? "none" : JSON.stringify(now.default)}`, () => false);
  }

  const [propsBefore, propsAfter] = [properties(old), properties(now)];
  const [requiredBefore, requiredAfter] = [required(old), required(now)];
  for (const field of [...new Set([...Object.keys(propsBefore), ...Object.keys(propsAfter)])]) {
    const fieldPath = `${path}.${field}`;
    const [was, is] = [propsBefore[field], propsAfter[field]];
    if (!was) {
      const isRequired = requiredAfter.has(field);
      report(fieldPath, "added", `${typeOf(is!)}${isRequired ? ", required" : ", optional"}`, (role) => role === "input" && isRequired);
      continue;
    }
    if (!is) {
      report(fieldPath, "removed", typeOf(was), () => true);
      continue;
    }
    if (!requiredBefore.has(field) && requiredAfter.has(field)) report(fieldPath, "required", "optional -> required", (role) => role === "input");
    if (requiredBefore.has(field) && !requiredAfter.has(field)) report(fieldPath, "optional", "required -> optional", (role) => role === "output");
    compareSchemas(fieldPath, was, is, report);
  }
  if (isPlainObject(old.items) && isPlainObject(now.items)) compareItems(`${path}[]`, old.items, now.items, report);
}

/** Array items: only what the item type itself says (a `$ref` is compared where it is defined). */
function compareItems(path: string, old: Schema, now: Schema, report: Report): void {
  if (typeof old.$ref === "string" || typeof now.$ref === "string") return;
  compareSchemas(path, old, now, report);
}

/** A schema's type as a short text: `string`, `ImageSize`, `string[]`, `integer | null`; inline objects are `object`. */
function typeOf(schema: Schema): string {
  if (typeof schema.$ref === "string") return schema.$ref.split("/").pop()!;
  for (const key of ["anyOf", "oneOf", "allOf"] as const) {
    const members = schema[key];
    if (Array.isArray(members)) return members.map((member) => (isPlainObject(member) ? typeOf(member) : "unknown")).join(key === "allOf" ? " & " : " | ");
  }
  if ("const" in schema) return JSON.stringify(schema.const);
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : typeof schema.type === "string" ? schema.type : schema.enum ? "enum" : "any";
  if (type === "array") return `${isPlainObject(schema.items) ? typeOf(schema.items) : "unknown"}[]`;
  return schema.nullable === true ? `${type} | null` : type;
}

/** The document's `components.schemas` (a loaded spec always has it). */
function schemasOf(spec: ComparedSpec): Record<string, Schema> {
  const components = spec.document.components;
  return isPlainObject(components) && isPlainObject(components.schemas) ? (components.schemas as Record<string, Schema>) : {};
}

function enumValues(schema: Schema): string[] | undefined {
  return Array.isArray(schema.enum) ? schema.enum.map((value) => JSON.stringify(value)) : undefined;
}

function properties(schema: Schema): Record<string, Schema> {
  return isPlainObject(schema.properties) ? (schema.properties as Record<string, Schema>) : {};
}

function required(schema: Schema): Set<string> {
  return new Set(Array.isArray(schema.required) ? schema.required.filter((name): name is string => typeof name === "string") : []);
}

/** The names of the schemas `root` uses, itself included, following `$ref`s. */
function reachable(schemas: Record<string, Schema>, root: string): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name) || !schemas[name]) return;
    seen.add(name);
    walk(schemas[name]);
  };
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (isPlainObject(value)) {
      for (const [key, child] of Object.entries(value)) {
        if (key === "$ref" && typeof child === "string" && child.startsWith("#/components/schemas/")) visit(decodePointer(`/${child.slice("#/components/schemas/".length)}`)[0]!);
        else walk(child);
      }
    }
  };
  visit(root);
  return seen;
}
