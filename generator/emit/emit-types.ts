import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import type { EndpointModel, JsonSchema } from "../model/endpoint-model.js";
import { mapSchemas } from "../model/normalize-schema.js";
import { allowedValues, limits, literal } from "./describe-schema.js";

/**
 * `types.ts` of an endpoint: openapi-typescript's `components` interface for the spec's schemas,
 * with allowed values and limits folded into each description so TSDoc shows them on hover.
 */
export async function emitTypes(model: EndpointModel, header: string): Promise<string> {
  const schemas = Object.fromEntries(model.schemas.map(({ name, schema }) => [name, mapSchemas(schema, annotate)]));
  const nodes = await openapiTS(
    { openapi: "3.0.4", info: { title: model.id, version: "1.0.0" }, paths: {}, components: { schemas } } as never,
    // Input fields with a default are optional to the caller: never promote them to required.
    { defaultNonNullable: false, silent: true },
  );
  const components = nodes.filter((node) => ts.isInterfaceDeclaration(node) && node.name.text === "components");
  return `${header}\n${astToString(components)}`;
}

/** Adds "Allowed values" and "Limits" lines to a schema's description. */
export function annotate(schema: JsonSchema): JsonSchema {
  const notes: string[] = [];
  const values = allowedValues(schema);
  // A bare enum is already spelled out by its union type; say it where the type alone does not.
  if (values.length > 0 && !Array.isArray(schema.enum)) notes.push(`Allowed values: ${values.map(literal).join(", ")}`);
  const facts = limits(schema);
  if (facts.length > 0) notes.push(`Limits: ${facts.join("; ")}`);
  if (notes.length === 0) return schema;
  const description = typeof schema.description === "string" && schema.description !== "" ? `${schema.description}\n\n` : "";
  return { ...schema, description: description + notes.join("\n") };
}
