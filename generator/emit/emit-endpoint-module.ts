import path from "node:path/posix";
import type { StatementStructures } from "ts-morph";
import type { EndpointModel } from "../model/endpoint-model.js";
import { endpointPaths } from "../naming.js";
import { bundledSchema, validationSchema } from "./json-schemas.js";
import { emitTypes } from "./emit-types.js";
import { printStatements, type StructureKinds } from "./print-statements.js";
import { queueFunctionStructures, SIGNATURE_GLOBALS } from "./queue-functions.js";
import { tsdocText } from "./tsdoc.js";

/**
 * An endpoint's module (`<endpoint id>.ts`, shipped as `.js` and `.d.ts`): its imports of the
 * runtime, the spec's types (`emitTypes`: a named type per schema, then `Input` and `Output`),
 * the endpoint id, its JSON Schemas and validator, and the endpoint functions.
 */
export function emitEndpointModule(model: EndpointModel, header: string): string {
  const folder = path.dirname(endpointPaths(model.id).module);
  const runtime = path.relative(folder, "runtime/index.js");
  const calls = path.relative(folder, "runtime/endpoint-calls.js");
  const realtime = path.relative(folder, "runtime/realtime.js");
  const packageIndex = path.relative(folder, "index.js");
  return header + printStatements((data, kinds) => {
    const { StructureKind, VariableDeclarationKind, ModuleDeclarationKind } = kinds;
    const subject = data(tsdocText(model.id));
    return [
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: data(runtime), namespaceImport: "$runtime" },
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: data(calls), namespaceImport: "$calls" },
      // Its own import: only a program that calls `realtime` bundles it (and msgpack).
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: data(realtime), namespaceImport: "$realtime" },
      // The spec's types share the module's scope: RESERVED_TYPE_NAMES and `shadowedGlobals` keep them from shadowing a name the rest uses.
      data(emitTypes(model)),
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        docs: [`The fal endpoint id this module calls.`],
        declarationKind: VariableDeclarationKind.Const,
        declarations: [{ name: "endpointId", initializer: data(JSON.stringify(model.id)) }],
      },
      schemaConstant(kinds, "inputSchema", data(jsonLiteral(bundledSchema(model, model.input), 2)), `\`Input\` as a JSON Schema`),
      schemaConstant(kinds, "outputSchema", data(jsonLiteral(bundledSchema(model, model.output), 2)), `\`Output\` as a JSON Schema`),
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        docs: [
          `Checks an input of \`${subject}\` as fal does, without sending it: a Standard Schema v1 validator ` +
            "(`inputValidator[\"~standard\"].validate(value)`, issues with the field's `path`) whose `fieldErrors` are fal's 422 `detail`.\n" +
            "Pass it as a call's `validate` option, or register it with `createFalClient({ validators: [inputValidator] })` for `validate: true`. " +
            "Unused, it is dropped from bundles (a pure call).",
        ],
        declarationKind: VariableDeclarationKind.Const,
        declarations: [
          {
            name: "inputValidator",
            type: "$runtime.InputValidator<Input>",
            initializer: `/* @__PURE__ */ $runtime.createValidator<Input>(endpointId, ${data(jsonLiteral(validationSchema(model, model.input)))})`,
          },
        ],
      },
      ...queueFunctionStructures(StructureKind, {
        subject: `\`${subject}\``,
        inputType: "Input",
        outputType: "Output",
        fileInputs: model.fileInputs,
        shadowedGlobals: new Set(SIGNATURE_GLOBALS.filter((name) => model.schemas.some((schema) => schema.identifier === name))),
      }),
      {
        // Importing this module adds its entry to the package's EndpointTypeMap, so the map (and the
        // keyed functions) carry exactly the endpoints a program uses and type-checking loads no others.
        kind: StructureKind.Module,
        hasDeclareKeyword: true,
        declarationKind: ModuleDeclarationKind.Module,
        name: data(JSON.stringify(packageIndex)),
        statements: [
          {
            kind: StructureKind.Interface,
            name: "EndpointTypeMap",
            properties: [{ name: data(JSON.stringify(model.id)), type: "{ input: Input; output: Output }" }],
          },
        ],
      },
    ];
  });
}

/** `export const <name>: $runtime.JsonSchema = <initializer>;` under its TSDoc. */
function schemaConstant({ StructureKind, VariableDeclarationKind }: StructureKinds, name: string, initializer: string, what: string): StatementStructures {
  return {
    kind: StructureKind.VariableStatement,
    isExported: true,
    docs: [`${what} (draft 07 with OpenAPI's \`nullable\`; the schemas it refers to under \`$defs\`), e.g. for an LLM tool's parameters or a form generator.`],
    declarationKind: VariableDeclarationKind.Const,
    declarations: [{ name, type: "$runtime.JsonSchema", initializer }],
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

