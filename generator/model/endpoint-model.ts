import type { LoadedSpec } from "../load/load-specs.js";
import { isPlainObject } from "../shared/plain-data.js";
import { collectRefs } from "../load/check-refs.js";
import { typeIdentifiers } from "../naming.js";
import { decodePointer, encodePointer } from "../shared/json-pointer.js";
import { inputExample, pruneToDeclared } from "./examples.js";
import { withValidExamples } from "./json-schema.js";
import { createSchemaCheck } from "./schema-check.js";
import { mapSchemas, normalizeSchema } from "./normalize-schema.js";

export type JsonSchema = Record<string, unknown>;

/** One schema of an endpoint's spec, with the TypeScript name it is exported under. */
export interface SchemaModel {
  /** The name in `components.schemas`. */
  name: string;
  /** A valid, collision-free TypeScript identifier (equal to `name` for well-formed specs). */
  identifier: string;
  schema: JsonSchema;
}

/** Everything the emitters need about one endpoint: plain data, serialisable as JSON. */
export interface EndpointModel {
  id: string;
  /** The spec's path inside the specs folder, as cited in generated files. */
  sourcePath: string;
  title: string;
  description: string | undefined;
  category: string | undefined;
  playgroundUrl: string | undefined;
  documentationUrl: string | undefined;
  input: SchemaModel;
  output: SchemaModel;
  /**
   * Every schema of the spec (Input, Output, then the rest by name) but fal's `QueueStatus`, which
   * describes the queue, not the model: the package root exports the runtime's `QueueStatus`.
   */
  schemas: SchemaModel[];
  /**
   * A complete input the Input type accepts: the spec's example kept to declared keys and valid
   * values, each missing required field synthesized (model/examples.ts); undefined when the
   * Input schema admits no value that could be built.
   */
  inputExample: Record<string, unknown> | undefined;
  /** Whether `inputExample` is the spec's own example, unchanged (the README prefers such an endpoint). */
  inputExampleAsGiven: boolean;
  /**
   * Whether the Input has a `*_url` or `*_urls` field at any depth (in a schema it refers to, too):
   * the fields that also take file contents, which the endpoint's calls then upload. Without one,
   * the endpoint module's types take no files and its calls bundle no upload code.
   */
  fileInputs: boolean;
}

/**
 * What the package-level files (manifest, README, all.ts) need of an endpoint: small enough to
 * keep in the cache's index. Its files' places follow from the id (naming.ts).
 */
export type PackageEntry = Pick<EndpointModel, "id" | "category" | "inputExampleAsGiven">;

export function packageEntry({ id, category, inputExampleAsGiven }: EndpointModel): PackageEntry {
  return { id, category, inputExampleAsGiven };
}

const BOILERPLATE_DESCRIPTION = /^The OpenAPI schema for the .* queue\.$/;

/** The model of a valid spec (where it came from matters only as the path its files cite). */
export function buildEndpointModel(spec: Omit<LoadedSpec, "file" | "sha256">): EndpointModel {
  const { document, endpointId: id } = spec;
  const metadata = (document.info["x-fal-metadata"] ?? {}) as Record<string, unknown>;
  const check = createSchemaCheck(document);
  const rawSchemas = withValidExamples(queueSchemasDropped(document.components.schemas), check.isValid, (pointer, value) => pruneToDeclared(check.document, pointer, value));
  const identifiers = typeIdentifiers(Object.keys(rawSchemas));
  const modelOf = (name: string): SchemaModel => ({
    name,
    identifier: identifiers.get(name)!,
    schema: normalizeSchema(rawSchemas[name]) as JsonSchema,
  });
  const input = modelOf(spec.inputSchemaName);
  const output = modelOf(spec.outputSchemaName);
  const rest = Object.keys(rawSchemas)
    .filter((name) => name !== input.name && name !== output.name)
    .sort(compareNames)
    .map(modelOf);
  const example = inputExample(check, encodePointer(["components", "schemas", spec.inputSchemaName]), exampleOf(input.schema));
  const description = typeof document.info.description === "string" ? document.info.description.trim() : "";
  const schemas = [input, output, ...rest];
  return {
    id,
    sourcePath: spec.sourcePath,
    title: typeof metadata.title === "string" ? metadata.title : id,
    description: description && !BOILERPLATE_DESCRIPTION.test(description) ? description : undefined,
    category: stringOrUndefined(metadata.category),
    playgroundUrl: stringOrUndefined(metadata.playgroundUrl),
    documentationUrl: stringOrUndefined(metadata.documentationUrl),
    input,
    output,
    schemas,
    inputExample: example.value,
    inputExampleAsGiven: example.asGiven,
    fileInputs: hasFileFields(input, schemas),
  };
}

/** The names runtime/index.ts `InputWithFiles` lets take file contents. */
const FILE_FIELD = /_urls?$/;
const SCHEMA_REF = "#/components/schemas/";

/** Whether `root`, or a schema it reaches through refs, has a property named as a file field. */
function hasFileFields(root: SchemaModel, schemas: readonly SchemaModel[]): boolean {
  const byName = new Map(schemas.map((schema) => [schema.name, schema.schema]));
  const reached = new Set<unknown>();
  let found = false;
  const visit = (schema: unknown) => {
    if (reached.has(schema)) return;
    reached.add(schema);
    mapSchemas(schema, (node) => {
      if (isPlainObject(node.properties) && Object.keys(node.properties).some((name) => FILE_FIELD.test(name))) found = true;
      const ref = node.$ref;
      if (typeof ref === "string" && ref.startsWith(SCHEMA_REF)) visit(byName.get(decodePointer(ref.slice(SCHEMA_REF.length - 1))[0] ?? ""));
      return node;
    });
  };
  visit(root.schema);
  return found;
}

/** The schemas without fal's `QueueStatus`, unless another schema refers to it. */
function queueSchemasDropped(schemas: Record<string, unknown>): Record<string, unknown> {
  if (!Object.hasOwn(schemas, QUEUE_STATUS)) return schemas;
  const rest = Object.fromEntries(Object.entries(schemas).filter(([name]) => name !== QUEUE_STATUS));
  const referenced = collectRefs(rest).some(({ ref }) => ref === `#/components/schemas/${QUEUE_STATUS}`);
  return referenced ? schemas : rest;
}

const QUEUE_STATUS = "QueueStatus";

/** Code-unit order, so the result is the same under every locale. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The schema's own `example`, else one assembled from its properties' first `examples`. */
export function exampleOf(schema: JsonSchema): unknown {
  if (schema.example !== undefined) return schema.example;
  if (!isPlainObject(schema.properties)) return undefined;
  const entries = Object.entries(schema.properties).flatMap(([name, property]) =>
    isPlainObject(property) && Array.isArray(property.examples) && property.examples.length > 0 ? [[name, property.examples[0]]] : [],
  );
  return entries.length ? Object.fromEntries(entries) : undefined;
}
