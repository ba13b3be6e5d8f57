import { astToString, resolveRef, transformComponentsObject, type GlobalContext, type OpenAPI3 } from "openapi-typescript";
import ts from "typescript";
import type { EndpointModel, JsonSchema } from "../model/endpoint-model.js";
import { mapSchemas } from "../model/normalize-schema.js";
import { allowedValues, foldedValues, limits } from "./describe-schema.js";
import { inertLinks } from "./markdown.js";
import { tsdocText } from "./tsdoc.js";
import { finishTypes, schemaTransforms, transformTuple } from "./type-transforms.js";

/**
 * `types.ts` of an endpoint: openapi-typescript's `components` interface for the spec's schemas,
 * with allowed values and limits folded into each description so TSDoc shows them on hover, and
 * an alias per schema (plus `Input` and `Output`). It refers to no global type, so no schema name
 * can shadow one; the endpoint module re-exports the aliases without binding them.
 */
export function emitTypes(model: EndpointModel, header: string): string {
  const raw = Object.fromEntries(model.schemas.map(({ name, schema }) => [name, schema]));
  const resolve = (ref: string) => resolveRef({ components: { schemas: raw } } as unknown as OpenAPI3, ref, { silent: true });
  const transforms = [...schemaTransforms(resolve), annotate];
  const schemas = Object.fromEntries(model.schemas.map(({ name, schema }) => [name, mapSchemas(schema, (node) => transforms.reduce((next, transform) => transform(next), node))]));
  const document = { openapi: "3.0.4", info: { title: model.id, version: "1.0.0" }, paths: {}, components: { schemas } } as unknown as OpenAPI3;
  // The loader has already validated the document and its refs, so openapi-typescript's transform
  // runs directly, without its Redocly bundling pass (slow, and it trips over keys like "__proto__").
  // openapi-typescript returns the `components` type literal; keep only its `schemas` member.
  const [literal] = transformComponentsObject(document.components!, typesContext(document)) as [ts.TypeLiteralNode];
  const schemasMember = literal.members.filter((member) => member.name !== undefined && ts.isIdentifier(member.name) && member.name.text === "schemas");
  const components = ts.factory.createInterfaceDeclaration([ts.factory.createModifier(ts.SyntaxKind.ExportKeyword)], "components", undefined, undefined, schemasMember);
  return `${header}\n${astToString([finishTypes(components), ...typeAliases(model)])}`;
}

/** An alias per exported schema, then `Input` and `Output`; printed with the interface, in one pass. */
function typeAliases(model: EndpointModel): ts.TypeAliasDeclaration[] {
  const subject = tsdocText(model.id);
  const schemaType = (name: string) =>
    ts.factory.createIndexedAccessTypeNode(
      ts.factory.createIndexedAccessTypeNode(ts.factory.createTypeReferenceNode("components"), ts.factory.createLiteralTypeNode(ts.factory.createStringLiteral("schemas"))),
      ts.factory.createLiteralTypeNode(ts.factory.createStringLiteral(name)),
    );
  return [
    ...model.schemas.map(({ name, identifier, schema }) => {
      const role = name === model.input.name ? `The input of \`${subject}\`.` : name === model.output.name ? `The output of \`${subject}\`.` : `The \`${tsdocText(name)}\` type of \`${subject}\`.`;
      // fal's schema titles are Python class names ("BaseInput", "Output"): the description says more.
      const docs = typeof schema.description === "string" && schema.description !== "" ? tsdocText(inertLinks(schema.description)) : role;
      return typeAlias(identifier, docs, schemaType(name));
    }),
    typeAlias("Input", `What \`${subject}\` takes: the same type as {@link ${model.input.identifier}}.`, ts.factory.createTypeReferenceNode(model.input.identifier)),
    typeAlias("Output", `What \`${subject}\` returns: the same type as {@link ${model.output.identifier}}.`, ts.factory.createTypeReferenceNode(model.output.identifier)),
  ];
}

/** `export type name = type;` under a TSDoc block (one line, or one ` * ` line per line of `docs`). */
function typeAlias(name: string, docs: string, type: ts.TypeNode): ts.TypeAliasDeclaration {
  const alias = ts.factory.createTypeAliasDeclaration([ts.factory.createModifier(ts.SyntaxKind.ExportKeyword)], name, undefined, type);
  const lines = docs.split("\n");
  const comment = lines.length === 1 ? `* ${docs} ` : `*\n${lines.map((line) => (line === "" ? " *" : ` * ${line}`)).join("\n")}\n `;
  return ts.addSyntheticLeadingComment(alias, ts.SyntaxKind.MultiLineCommentTrivia, comment, true);
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
    // A closed empty object (`additionalProperties: false`) is Record<string, never>; bare ones are opened first.
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
    transform: transformTuple,
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
  if (values.length > 0 && !Array.isArray(schema.enum)) notes.push(`Allowed values: ${foldedValues(values)}`);
  const facts = limits(schema);
  if (facts.length > 0) notes.push(`Limits: ${facts.join("; ")}`);
  // Editors render TSDoc as Markdown: a spec's link to anything but an http(s) URL stays plain text.
  const own = typeof schema.description === "string" && schema.description !== "" ? inertLinks(schema.description) : "";
  if (notes.length === 0) return own === "" ? schema : { ...schema, description: own };
  return { ...schema, description: [own, notes.join("\n")].filter(Boolean).join("\n\n") };
}
