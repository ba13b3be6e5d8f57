import { isPlainObject } from "../shared/plain-data.js";
import type { EndpointModel, SchemaModel } from "../model/endpoint-model.js";
import { allowedValues, foldedValues, limits, literal, typeLabel } from "./describe-schema.js";
import { cell, cellCode, code, codeBlock, isWebUrl, prose, table } from "./markdown.js";
import { otherCallsExample, usageExample } from "./usage-example.js";

/** `docs/<endpoint id>.md`: what the endpoint does, how to call it, and every field of every type. */
export function emitEndpointDoc(model: EndpointModel, packageName: string): string {
  const identifierOf = new Map(model.schemas.map((schema) => [schema.name, schema.identifier]));
  const typeOf = (schema: unknown) => typeLabel(schema, (name) => identifierOf.get(name) ?? name);
  const others = model.schemas.filter((schema) => schema !== model.input && schema !== model.output && schema.name !== "QueueStatus");
  const facts = [
    model.category && `- Category: ${cell(model.category)}`,
    `- Import: ${code(`${packageName}/${model.id}`)}`,
    `- Validation: ${code("inputValidator")} (Standard Schema; pass ${code("{ validate: inputValidator }")} to check an input before sending it), JSON Schemas ${code("inputSchema")} and ${code("outputSchema")}`,
    `- From a terminal: ${code(`falgen run ${model.id} --help`)}`,
    // Metadata URLs are linked only when they are web addresses: never a javascript: or data: link.
    model.playgroundUrl && isWebUrl(model.playgroundUrl) && `- Playground: <${encodeURI(model.playgroundUrl)}>`,
    model.documentationUrl && isWebUrl(model.documentationUrl) && `- fal docs: <${encodeURI(model.documentationUrl)}>`,
    `- Generated from: ${code(model.sourcePath)}`,
  ].filter(Boolean);
  return [
    `# ${prose(model.title)}`,
    model.description && prose(model.description),
    facts.join("\n"),
    "## Example",
    codeBlock("ts", usageExample(model, packageName)),
    "## Run, stream and realtime",
    "Besides the queue (`submit`, `status`, `streamStatus`, `result`, `cancel`, `subscribe`), the module calls the endpoint three more ways: " +
      "`run` (one synchronous call), `stream` (partial outputs over Server-Sent Events; `done()` gives the final one) and `realtime` " +
      "(a WebSocket session: `send` inputs, iterate outputs, `close()`).",
    codeBlock("ts", otherCallsExample(model, packageName)),
    `## Input: ${code(model.input.identifier)}`,
    schemaSection(model.input, typeOf),
    `## Output: ${code(model.output.identifier)}`,
    schemaSection(model.output, typeOf),
    others.length > 0 && "## Other types",
    ...others.flatMap((schema) => [`### ${code(schema.identifier)}`, schemaSection(schema, typeOf)]),
  ]
    .filter((block): block is string => typeof block === "string" && block !== "")
    .join("\n\n")
    .concat("\n");
}

function schemaSection(model: SchemaModel, typeOf: (schema: unknown) => string): string {
  const { schema } = model;
  const description = typeof schema.description === "string" ? prose(schema.description) : "";
  const properties = isPlainObject(schema.properties) ? Object.entries(schema.properties) : [];
  if (properties.length === 0) return [description, `Type: ${code(typeOf(schema))}`].filter(Boolean).join("\n\n");
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  const rows = properties.map(([name, property]) => {
    const propertySchema = isPlainObject(property) ? property : {};
    const values = allowedValues(propertySchema);
    const notes = [
      typeof propertySchema.description === "string" ? cell(propertySchema.description) : "",
      ...limits(propertySchema).map((fact) => `Limits: ${cell(fact)}`),
      ...examplesOf(propertySchema).map((example) => `Example: ${cellCode(literal(example))}`),
    ].filter(Boolean);
    return [
      cellCode(name),
      cellCode(typeOf(propertySchema)),
      required.has(name) ? "yes" : "no",
      propertySchema.default === undefined ? "" : cellCode(literal(propertySchema.default)),
      foldedValues(values, cellCode),
      notes.join("<br>"),
    ];
  });
  return [description, table(["Field", "Type", "Required", "Default", "Allowed values", "Description"], rows)].filter(Boolean).join("\n\n");
}

function examplesOf(schema: Record<string, unknown>): unknown[] {
  const examples = Array.isArray(schema.examples) ? schema.examples : [];
  // Long structured examples belong to the whole-request example above, not a table cell.
  return examples.filter((example) => literal(example).length <= 120).slice(0, 1);
}
