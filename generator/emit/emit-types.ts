import { astToString, resolveRef, transformComponentsObject, type GlobalContext, type OpenAPI3 } from "openapi-typescript";
import ts from "typescript";
import type { EndpointModel, JsonSchema } from "../model/endpoint-model.js";
import { mapSchemas } from "../model/normalize-schema.js";
import { allowedValues, limits, literal } from "./describe-schema.js";

/**
 * `types.ts` of an endpoint: openapi-typescript's `components` interface for the spec's schemas,
 * with allowed values and limits folded into each description so TSDoc shows them on hover.
 */
export function emitTypes(model: EndpointModel, header: string): string {
  const schemas = Object.fromEntries(model.schemas.map(({ name, schema }) => [name, mapSchemas(schema, annotate)]));
  const document = { openapi: "3.0.4", info: { title: model.id, version: "1.0.0" }, paths: {}, components: { schemas } } as unknown as OpenAPI3;
  // The loader has already validated the document and its refs, so openapi-typescript's transform
  // runs directly, without its Redocly bundling pass (slow, and it trips over keys like "__proto__").
  // openapi-typescript returns the `components` type literal; keep only its `schemas` member.
  const [literal] = transformComponentsObject(document.components!, typesContext(document)) as [ts.TypeLiteralNode];
  const schemasMember = literal.members.filter((member) => member.name !== undefined && ts.isIdentifier(member.name) && member.name.text === "schemas");
  const components = ts.factory.createInterfaceDeclaration([ts.factory.createModifier(ts.SyntaxKind.ExportKeyword)], "components", undefined, undefined, schemasMember);
  return `${header}\n${astToString(components)}`;
}

/** openapi-typescript's options as falgen uses them. */
function typesContext(document: OpenAPI3): GlobalContext {
  return {
    additionalProperties: false,
    alphabetize: false,
    arrayLength: false,
    // Input fields with a default are optional to the caller: never promote them to required.
    defaultNonNullable: false,
    discriminators: { objects: {}, refsHandled: [] },
    emptyObjectsUnknown: false,
    enum: false,
    enumValues: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: false,
    immutable: false,
    injectFooter: [],
    pathParamsAsTypes: false,
    postTransform: undefined,
    propertiesRequiredByDefault: false,
    redoc: undefined as never,
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    silent: true,
    transform: undefined,
    makePathsEnum: false,
    generatePathParams: false,
    resolve: ($ref) => resolveRef(document, $ref, { silent: true }),
  };
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
