import { resolveRef, transformComponentsObject, type GlobalContext, type OpenAPI3 } from "openapi-typescript";
import ts from "typescript";
import type { EndpointModel, JsonSchema } from "../model/endpoint-model.js";
import { mapSchemas } from "../model/normalize-schema.js";
import { allowedValues, foldedValues, limits } from "./describe-schema.js";
import { inertLinks } from "./markdown.js";
import { tsdocText } from "./tsdoc.js";
import { finishTypes, propertyName, schemaTransforms, transformTuple } from "./type-transforms.js";

/**
 * The types of an endpoint's module: a named type per schema of the spec, as openapi-typescript
 * types it, with allowed values and limits folded into each description so TSDoc shows them on
 * hover, the schemas referring to one another by name; then `Input` and `Output`. They refer to
 * no global type, so no schema name can shadow one. Printed in the layout ts-morph gives the rest
 * of the module (two-space indents).
 */
export function emitTypes(model: EndpointModel): string {
  const raw = Object.fromEntries(model.schemas.map(({ name, schema }) => [name, schema]));
  const resolve = (ref: string) => resolveRef({ components: { schemas: raw } } as unknown as OpenAPI3, ref, { silent: true });
  const transforms = [...schemaTransforms(resolve), annotate];
  const schemas = Object.fromEntries(model.schemas.map(({ name, schema }) => [name, mapSchemas(schema, (node) => transforms.reduce((next, transform) => transform(next), node))]));
  const document = { openapi: "3.0.4", info: { title: model.id, version: "1.0.0" }, paths: {}, components: { schemas } } as unknown as OpenAPI3;
  // The loader has already validated the document and its refs, so openapi-typescript's transform
  // runs directly, without its Redocly bundling pass (slow, and it trips over keys like "__proto__").
  // It returns the `components` type literal: each member of its `schemas` becomes a named type.
  const [literal] = transformComponentsObject(document.components!, typesContext(document)) as [ts.TypeLiteralNode];
  const members = literal.members.flatMap((member) =>
    member.name !== undefined && ts.isIdentifier(member.name) && member.name.text === "schemas" && ts.isPropertySignature(member) && member.type && ts.isTypeLiteralNode(member.type)
      ? member.type.members
      : [],
  );
  const identifiers = new Map(model.schemas.map(({ name, identifier }) => [name, identifier]));
  const subject = tsdocText(model.id);
  const schemaOf = new Map(model.schemas.map(({ name, schema }) => [name, schema]));
  const named = members.filter(ts.isPropertySignature).map((member) => {
    const name = propertyName(member.name);
    const schema = schemaOf.get(name)!;
    const role = name === model.input.name ? `The input of \`${subject}\`.` : name === model.output.name ? `The output of \`${subject}\`.` : `The \`${tsdocText(name)}\` type of \`${subject}\`.`;
    const alias = ts.factory.createTypeAliasDeclaration([ts.factory.createModifier(ts.SyntaxKind.ExportKeyword)], identifiers.get(name)!, undefined, member.type!);
    // fal's schema titles are Python class names ("QwenImageOutput"): alone, the role says more.
    const comments = schema.description === undefined && Object.keys(schema).every((key) => key !== "example" && key !== "examples") ? undefined : ts.getSyntheticLeadingComments(member);
    return comments ? ts.setSyntheticLeadingComments(alias, comments) : typeDoc(alias, role);
  });
  const aliases = [
    typeDoc(ts.factory.createTypeAliasDeclaration([ts.factory.createModifier(ts.SyntaxKind.ExportKeyword)], "Input", undefined, ts.factory.createTypeReferenceNode(model.input.identifier)),
      `What \`${subject}\` takes: the same type as {@link ${model.input.identifier}}.`),
    typeDoc(ts.factory.createTypeAliasDeclaration([ts.factory.createModifier(ts.SyntaxKind.ExportKeyword)], "Output", undefined, ts.factory.createTypeReferenceNode(model.output.identifier)),
      `What \`${subject}\` returns: the same type as {@link ${model.output.identifier}}.`),
  ];
  return twoSpaceIndents(printer.printList(ts.ListFormat.MultiLine, ts.factory.createNodeArray([...named.map((alias) => finishTypes(alias, identifiers)), ...aliases]), EMPTY_FILE));
}

// neverAsciiEscape (a printer option TypeScript does not declare): names and values as the spec writes them (`"ñ-x"`, not `"\u00F1-x"`).
const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed, removeComments: false, neverAsciiEscape: true } as ts.PrinterOptions);
const EMPTY_FILE = ts.createSourceFile("module.ts", "", ts.ScriptTarget.ESNext, false, ts.ScriptKind.TS);

/** TypeScript's printer indents by four spaces: halved, so every generated module has ts-morph's two. */
function twoSpaceIndents(text: string): string {
  return text.replace(/^(?: {4})+/gm, (indent) => indent.slice(indent.length / 2));
}

/** `node` under a TSDoc block (one line, or one ` * ` line per line of `docs`). */
function typeDoc<T extends ts.Node>(node: T, docs: string): T {
  const lines = docs.split("\n");
  const comment = lines.length === 1 ? `* ${docs} ` : `*\n${lines.map((line) => (line === "" ? " *" : ` * ${line}`)).join("\n")}\n `;
  return ts.addSyntheticLeadingComment(node, ts.SyntaxKind.MultiLineCommentTrivia, comment, true);
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
