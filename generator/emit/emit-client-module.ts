import path from "node:path/posix";
import { ModuleDeclarationKind, Project, StructureKind, VariableDeclarationKind, type StatementStructures } from "ts-morph";
import type { EndpointModel } from "../model/endpoint-model.js";
import { endpointPaths } from "../naming.js";
import { bundledSchema, validationSchema } from "./json-schemas.js";
import { queueFunctionStructures } from "./queue-functions.js";
import { tsdocText } from "./tsdoc.js";

// One in-memory project for the whole run: structures are printed, never edited node by node.
const project = new Project({ useInMemoryFileSystem: true, manipulationSettings: { indentationText: "  " as never } });

/** Prints statement structures as a module's source text. */
export function printStatements(statements: StatementStructures[]): string {
  const file = project.createSourceFile("/module.ts", { statements }, { overwrite: true });
  const text = file.getFullText();
  project.removeSourceFile(file);
  return text;
}

/**
 * `index.ts` of an endpoint: the endpoint id, the spec's types (re-exported from `types.ts`
 * without binding their names here, so a schema called `Promise` cannot shadow the global this
 * module uses), and the endpoint functions.
 */
export function emitClientModule(model: EndpointModel, header: string): string {
  const { moduleDir } = endpointPaths(model.id);
  const runtime = path.relative(moduleDir, "runtime/index.js");
  const realtime = path.relative(moduleDir, "runtime/realtime.js");
  const packageIndex = path.relative(moduleDir, "index.js");
  return header + printStatements([
    { kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: "./types.js", namedImports: ["Input", "Output"] },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: runtime, namespaceImport: "$runtime" },
    // Its own import: only a program that calls `realtime` bundles it (and msgpack).
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: realtime, namespaceImport: "$realtime" },
    {
      kind: StructureKind.ExportDeclaration,
      isTypeOnly: true,
      moduleSpecifier: "./types.js",
      namedExports: ["Input", "Output", ...model.schemas.map((schema) => schema.identifier)],
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      docs: [`The fal endpoint id this module calls.`],
      declarationKind: VariableDeclarationKind.Const,
      declarations: [{ name: "endpointId", initializer: JSON.stringify(model.id) }],
    },
    schemaConstant("inputSchema", bundledSchema(model, model.input), `\`Input\` as a JSON Schema`),
    schemaConstant("outputSchema", bundledSchema(model, model.output), `\`Output\` as a JSON Schema`),
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      docs: [
        `Checks an input of \`${tsdocText(model.id)}\` as fal does, without sending it: a Standard Schema v1 validator ` +
          "(`inputValidator[\"~standard\"].validate(value)`, issues with the field's `path`) whose `fieldErrors` are fal's 422 `detail`.\n" +
          "Pass it as a call's `validate` option, or register it with `createFalClient({ validators: [inputValidator] })` for `validate: true`. " +
          "Unused, it is dropped from bundles (a pure call).",
      ],
      declarationKind: VariableDeclarationKind.Const,
      declarations: [
        {
          name: "inputValidator",
          type: "$runtime.InputValidator<Input>",
          initializer: `/* @__PURE__ */ $runtime.createValidator<Input>(endpointId, ${jsonLiteral(validationSchema(model, model.input))})`,
        },
      ],
    },
    ...queueFunctionStructures({ subject: `\`${tsdocText(model.id)}\``, inputType: "Input", outputType: "Output" }),
    {
      // Importing this module adds its entry to the package's EndpointTypeMap, so the map (and the
      // keyed functions) carry exactly the endpoints a program uses and type-checking loads no others.
      kind: StructureKind.Module,
      hasDeclareKeyword: true,
      declarationKind: ModuleDeclarationKind.Module,
      name: JSON.stringify(packageIndex),
      statements: [
        {
          kind: StructureKind.Interface,
          name: "EndpointTypeMap",
          properties: [{ name: JSON.stringify(model.id), type: "{ input: Input; output: Output }" }],
        },
      ],
    },
  ]);
}

function schemaConstant(name: string, schema: unknown, what: string): StatementStructures {
  return {
    kind: StructureKind.VariableStatement,
    isExported: true,
    docs: [`${what} (draft 07 with OpenAPI's \`nullable\`; the schemas it refers to under \`$defs\`), e.g. for an LLM tool's parameters or a form generator.`],
    declarationKind: VariableDeclarationKind.Const,
    declarations: [{ name, type: "$runtime.JsonSchema", initializer: jsonLiteral(schema, 2) }],
  };
}

/**
 * JSON data as a TypeScript expression: its JSON, except that a `"__proto__"` key, which in an
 * object literal sets the prototype instead of adding a property, is written as a computed key.
 * (Inside a JSON string every `"` is escaped, so the pattern only meets keys.)
 */
export function jsonLiteral(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(/([{,]\s*)"__proto__":/g, '$1["__proto__"]:');
}

