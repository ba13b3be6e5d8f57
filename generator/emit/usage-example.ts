import { isPlainObject } from "../load/check-schemas.js";
import type { EndpointModel, JsonSchema } from "../model/endpoint-model.js";
import { refName } from "./describe-schema.js";

/**
 * A complete, compilable TypeScript program calling one endpoint's `subscribe`: the spec's input
 * example, completed with placeholders for any required field it lacks.
 */
export function usageExample(model: EndpointModel, packageName: string): string {
  const input = inputLiteral(model, "");
  const firstOutputField = requiredNames(model.output.schema)[0];
  const show = firstOutputField === undefined ? "data" : `data${propertyAccess(firstOutputField)}`;
  return [
    `import { createFalClient } from "${packageName}";`,
    `import * as endpoint from "${packageName}/${model.id}";`,
    "",
    "const fal = createFalClient(); // reads FAL_KEY",
    `const { data, requestId } = await endpoint.subscribe(fal, ${input}, {`,
    "  logs: true,",
    "  onQueueUpdate: (status) => console.log(status.status),",
    "});",
    `console.log(requestId, ${show});`,
  ].join("\n");
}

/** The endpoint's example input as a TypeScript object literal, its inner lines indented by `indent` plus two spaces. */
export function inputLiteral(model: EndpointModel, indent: string): string {
  return objectLiteral(exampleInput(model), indent);
}

/**
 * A complete, compilable TypeScript program calling one endpoint's `run`, `stream` and `realtime`,
 * with the same input as `usageExample`. The realtime part is written for a browser: its tokens come
 * from the app's server (`createTokenHandler`), never from a key in the page.
 */
export function otherCallsExample(model: EndpointModel, packageName: string): string {
  const input = inputLiteral(model, "");
  return [
    `import { createFalClient } from "${packageName}";`,
    `import * as endpoint from "${packageName}/${model.id}";`,
    "",
    "const fal = createFalClient(); // reads FAL_KEY; in a browser: createFalClient({ proxyUrl: \"/api/fal/proxy\" })",
    `const input: endpoint.Input = ${input};`,
    "",
    "// run: one synchronous call, not queued (a dropped connection loses the result)",
    "const { data } = await endpoint.run(fal, input, { timeout: 60_000 });",
    "console.log(data);",
    "",
    "// stream: partial outputs as the endpoint sends them, then the final output",
    "const stream = endpoint.stream(fal, input, { idleTimeout: 30_000 });",
    "for await (const partial of stream) console.log(partial);",
    "console.log(await stream.done());",
    "",
    "// realtime: a WebSocket session; tokens come from your server's createTokenHandler route",
    "const connection = endpoint.realtime(fal, {",
    "  tokenProvider: async (endpointId) =>",
    '    (await fetch("/api/fal/token", { method: "POST", body: JSON.stringify({ endpointId }) })).json(),',
    "});",
    "connection.send(input);",
    "for await (const output of connection) {",
    "  console.log(output);",
    "  connection.close();",
    "}",
  ].join("\n");
}

/** A value as a TypeScript literal, with bare keys where they are identifiers. */
function objectLiteral(value: unknown, indent: string): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    return value.length === 0 ? "[]" : `[\n${value.map((item) => inner + objectLiteral(item, inner)).join(",\n")},\n${indent}]`;
  }
  if (isPlainObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return "{}";
    const key = (name: string) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name));
    return `{\n${entries.map(([name, item]) => `${inner}${key(name)}: ${objectLiteral(item, inner)}`).join(",\n")},\n${indent}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}

function propertyAccess(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}

function requiredNames(schema: JsonSchema): string[] {
  return Array.isArray(schema.required) ? schema.required.filter((name): name is string => typeof name === "string") : [];
}

/** The spec's input example with every required field present. */
export function exampleInput(model: EndpointModel): Record<string, unknown> {
  const example = isPlainObject(model.inputExample) ? { ...model.inputExample } : {};
  const properties = isPlainObject(model.input.schema.properties) ? model.input.schema.properties : {};
  const schemasByName = new Map(model.schemas.map((entry) => [entry.name, entry.schema]));
  for (const name of requiredNames(model.input.schema)) {
    if (!(name in example)) example[name] = placeholder(properties[name], schemasByName, 0, name);
  }
  return example;
}

/** A value of the schema's type: its first example, its default, its first enum value, or a stand-in. */
function placeholder(schema: unknown, schemas: Map<string, JsonSchema>, depth: number, name = ""): unknown {
  if (!isPlainObject(schema) || depth > 8) return null;
  const ref = refName(schema);
  if (ref !== undefined) return placeholder(schemas.get(ref), schemas, depth + 1, name);
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  for (const key of ["anyOf", "oneOf"] as const) {
    const members = schema[key];
    if (Array.isArray(members) && members.length > 0) return placeholder(members[0], schemas, depth + 1, name);
  }
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "string":
      return /_urls?$/.test(name) ? "https://example.com/input.png" : "example";
    case "integer":
    case "number":
      return typeof schema.minimum === "number" ? schema.minimum : typeof schema.exclusiveMinimum === "number" ? schema.exclusiveMinimum + 1 : 1;
    case "boolean":
      return false;
    case "array":
      return Array.from({ length: typeof schema.minItems === "number" ? schema.minItems : 1 }, () => placeholder(schema.items, schemas, depth + 1, name));
    default: {
      const properties = isPlainObject(schema.properties) ? schema.properties : {};
      return Object.fromEntries(requiredNames(schema).map((name) => [name, placeholder(properties[name], schemas, depth + 1, name)]));
    }
  }
}
