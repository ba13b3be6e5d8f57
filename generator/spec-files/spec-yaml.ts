import { stringify } from "yaml";
import { isPlainObject } from "../shared/plain-data.js";

/**
 * The one YAML writer for specs/, shared by capture and import, so every spec has the same layout
 * and the same document always gives the same bytes. Keys that are OpenAPI or JSON Schema keywords
 * are written in a fixed order (unknown ones after them, sorted); keys that are names (schemas,
 * properties, paths, media types, status codes) keep the document's order, and data (default,
 * enum, example, examples, ...) is written exactly as given.
 */
export function specToYaml(document: unknown): string {
  return stringify(ROOT(document), { lineWidth: 0, singleQuote: true, aliasDuplicateObjects: false });
}

/** Rebuilds a value with its keys in the layout's order. */
type Layout = (value: unknown) => unknown;

/** An object whose keys come in `order`; `children` lays out the values of some keys. */
function keywords(order: readonly string[], children: Record<string, Layout> = {}): Layout {
  const rank = new Map(order.map((key, index) => [key, index]));
  const compare = (a: string, b: string): number => {
    const rankA = rank.get(a) ?? order.length;
    const rankB = rank.get(b) ?? order.length;
    return rankA !== rankB ? rankA - rankB : a < b ? -1 : a > b ? 1 : 0;
  };
  return (value) => {
    if (!isPlainObject(value)) return value;
    const keys = Object.keys(value).sort(compare);
    return Object.fromEntries(keys.map((key) => [key, children[key] ? children[key](value[key]) : value[key]]));
  };
}

/** An object keyed by names, in the document's order, each value laid out by `child`. */
function names(child: Layout): Layout {
  return (value) => (isPlainObject(value) ? Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, child(entry)])) : value);
}

function list(child: Layout): Layout {
  return (value) => (Array.isArray(value) ? value.map(child) : value);
}

// Identity first (what it is), then documentation (what it means), then constraints and
// structure, then examples: the order fal's own documents read best in.
const SCHEMA_KEYWORDS = [
  "$ref", "title", "type", "format", "anyOf", "allOf", "oneOf", "not",
  "description", "const", "enum", "default", "nullable",
  "items", "minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum", "multipleOf",
  "minLength", "maxLength", "minItems", "maxItems", "uniqueItems", "pattern",
  "properties", "x-fal-order-properties", "required", "additionalProperties", "minProperties", "maxProperties",
  "x-fal", "deprecated", "readOnly", "writeOnly", "examples", "example",
];

const SCHEMA: Layout = (value) => SCHEMA_LAYOUT(value);
const SCHEMA_LAYOUT = keywords(SCHEMA_KEYWORDS, {
  properties: names(SCHEMA),
  items: SCHEMA,
  additionalProperties: SCHEMA,
  anyOf: list(SCHEMA),
  allOf: list(SCHEMA),
  oneOf: list(SCHEMA),
  not: SCHEMA,
});

const CONTENT = names(keywords(["schema", "example", "examples", "encoding"], { schema: SCHEMA }));
const PARAMETER = keywords(["name", "in", "description", "required", "deprecated", "schema", "example", "examples"], { schema: SCHEMA });
const RESPONSE = keywords(["description", "headers", "content"], { content: CONTENT });
const OPERATION = keywords(
  ["tags", "summary", "description", "operationId", "parameters", "requestBody", "responses", "callbacks", "deprecated", "security", "servers"],
  {
    parameters: list(PARAMETER),
    requestBody: keywords(["description", "required", "content"], { content: CONTENT }),
    responses: names(RESPONSE),
  },
);
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const PATH_ITEM = keywords(["summary", "description", "parameters", ...METHODS], {
  parameters: list(PARAMETER),
  ...Object.fromEntries(METHODS.map((method) => [method, OPERATION])),
});

const ROOT = keywords(["openapi", "info", "servers", "security", "components", "paths"], {
  info: keywords(["title", "version", "description", "x-fal-metadata"], {
    "x-fal-metadata": keywords(["endpointId", "category", "thumbnailUrl", "playgroundUrl", "documentationUrl"]),
  }),
  servers: list(keywords(["url", "description", "variables"])),
  components: keywords(["securitySchemes", "schemas"], {
    securitySchemes: names(keywords(["type", "in", "name", "scheme", "bearerFormat", "description"])),
    schemas: names(SCHEMA),
  }),
  paths: names(PATH_ITEM),
});
