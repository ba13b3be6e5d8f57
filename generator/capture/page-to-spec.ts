import { formatPlace, SpecError } from "../errors.js";
import { endpointBaseName } from "../naming.js";
import { queueDocument } from "../spec-files/fal-queue-document.js";
import { typeNames, type EnumValue, type Page, type PageField, type PageFieldType, type PageType } from "./parse-page.js";

type Json = Record<string, unknown>;

/** One endpoint documented on a page: its id and the page types that are its Input and Output. */
export interface EndpointOnPage {
  endpointId: string;
  input: string;
  output: string;
}

/** The page's own sections; every other page type has a class name of its own. */
const PAGE_SECTIONS = new Set(["Input", "Output"]);

/** A spec made from a page, and what it had to assume (said as warnings, never silently). */
export interface PageSpec {
  document: Json;
  warnings: string[];
}

/**
 * The queue document for one endpoint, with exactly what the page states: every field of the
 * Input and Output and of the types they reach, in page order. `typesNotOnPage` defines the
 * types the page names but never lists (from the overrides); a type neither defines (fal prints
 * inline objects like `timings Timings` without listing them) is a free-form object, with a warning.
 */
export function pageToSpec(page: Page, endpoint: EndpointOnPage, typesNotOnPage: Record<string, Json>): PageSpec {
  const warnings: string[] = [];
  const baseName = endpointBaseName(endpoint.endpointId);
  const inputSchemaName = `${baseName}Input`;
  const outputSchemaName = `${baseName}Output`;
  const schemas: Record<string, Json> = {
    [inputSchemaName]: objectSchema(pageType(page, endpoint.input), inputSchemaName),
    [outputSchemaName]: objectSchema(pageType(page, endpoint.output), outputSchemaName),
  };
  // Then each type the first time it is reached, breadth first, as fal orders its documents.
  const queue = [pageType(page, endpoint.input), pageType(page, endpoint.output)].flatMap(typesUsedBy);
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (Object.hasOwn(schemas, next.name)) continue;
    const defined = page.types.find((type) => type.name === next.name);
    if (defined) {
      schemas[next.name] = objectSchema(defined, defined.name);
      queue.push(...typesUsedBy(defined));
    } else if (Object.hasOwn(typesNotOnPage, next.name)) {
      schemas[next.name] = { title: next.name, ...typesNotOnPage[next.name] };
    } else {
      schemas[next.name] = { title: next.name, type: "object", additionalProperties: true };
      warnings.push(
        `${formatPlace(page.file, next.line)}: ${endpoint.endpointId}: type ${next.name} is not listed on the page, so it is a free-form object; ` +
          `define it under "types" in its overrides file to type its fields`,
      );
    }
  }
  return { document: queueDocument({ endpointId: endpoint.endpointId, inputSchemaName, outputSchemaName, schemas }), warnings };
}

function pageType(page: Page, name: string): PageType {
  const type = page.types.find((known) => known.name === name);
  if (!type) throw new Error(`no type ${name} on the page at ${formatPlace(page.file, page.line)}`); // callers check first
  return type;
}

/** The named types a page type's fields use, in field order, with the line that uses each. */
function typesUsedBy(type: PageType): { name: string; line: number }[] {
  return type.fields.flatMap((field) => typeNames(field.type).map((name) => ({ name, line: field.line })));
}

/** A page's sections are titled with the schema name; other types keep their class name (as fal does). */
function objectSchema(type: PageType, schemaName: string): Json {
  const properties = Object.fromEntries(type.fields.map((field) => [field.name, propertySchema(field)]));
  for (const [name, value] of Object.entries(type.example ?? {})) (properties[name] as Json).examples = [value];
  return {
    title: PAGE_SECTIONS.has(type.name) ? schemaName : type.name,
    type: "object",
    properties,
    "x-fal-order-properties": type.fields.map((field) => field.name),
    ...(type.example && Object.keys(type.example).length > 0 && { example: type.example }),
  };
}

function propertySchema(field: PageField): Json {
  // A named type is wrapped in allOf so the property can carry its own title and description.
  const typeSchema = field.type.kind === "named" ? { allOf: [schemaOf(field.type, [])] } : schemaOf(field.type, field.enumValues ?? []);
  return {
    title: propertyTitle(field.name),
    ...typeSchema,
    ...(field.description !== undefined && { description: field.description }),
    ...(field.default !== undefined && { default: field.default }),
  };
}

const PRIMITIVE_TYPES = { string: "string", integer: "integer", float: "number", boolean: "boolean" } as const;

function schemaOf(type: PageFieldType, enumValues: EnumValue[]): Json {
  switch (type.kind) {
    case "list":
      return { type: "array", items: schemaOf(type.items, enumValues) };
    case "enum":
      // fal inlines its ...Enum types.
      return { type: enumValues.every(Number.isInteger) ? "integer" : enumValues.every((value) => typeof value === "number") ? "number" : "string", enum: enumValues };
    case "named":
      return { $ref: `#/components/schemas/${type.name}` };
    case "union":
      return { anyOf: type.members.map((member) => schemaOf(member, enumValues)) };
    default:
      return { type: PRIMITIVE_TYPES[type.kind] };
  }
}

/** fal's (pydantic's) property title: "image_size" -> "Image Size". */
function propertyTitle(name: string): string {
  return name
    .split("_")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(" ");
}
