import type { EndpointModel } from "../model/endpoint-model.js";
import { compareNames } from "../model/endpoint-model.js";
import { emitClientModule } from "./emit-client-module.js";
import { emitEndpointDoc } from "./emit-docs.js";
import { emitAllEndpoints, emitManifest, emitPackageIndex, emitPackageReadme, emitPackageTsconfig, PACKAGE_NAME } from "./emit-package.js";
import { emitTypes } from "./emit-types.js";
import { generatedHeader } from "./generated-header.js";

/** Package-relative path -> file contents. */
export type OutputFiles = Map<string, string>;

/** The files of one endpoint: depend on its model alone, so they can be cached per spec. */
export function emitEndpointFiles(model: EndpointModel): [string, string][] {
  const header = generatedHeader(model.sourcePath);
  return [
    [`src/${model.moduleDir}/types.ts`, emitTypes(model, header)],
    [`src/${model.moduleDir}/index.ts`, emitClientModule(model, header)],
    [model.docPath, emitEndpointDoc(model, PACKAGE_NAME)],
  ];
}

/**
 * The whole package: the package-level files from every model, the runtime sources (copied byte
 * for byte) and each endpoint's files. Pure: same inputs, same bytes, in sorted path order.
 */
export function assemblePackage(endpoints: readonly { model: EndpointModel; files: readonly [string, string][] }[], runtimeFiles: ReadonlyMap<string, string>): OutputFiles {
  const sorted = [...endpoints].sort((a, b) => compareNames(a.model.id, b.model.id));
  const models = sorted.map((endpoint) => endpoint.model);
  const files: [string, string][] = [
    ["package.json", emitManifest(models)],
    ["tsconfig.json", emitPackageTsconfig()],
    ["README.md", emitPackageReadme(models)],
    ["src/index.ts", emitPackageIndex(generatedHeader())],
    ["src/all.ts", emitAllEndpoints(models, generatedHeader("specs/ (every endpoint)"))],
    ...[...runtimeFiles].map(([name, contents]): [string, string] => [`src/runtime/${name}`, contents]),
    ...sorted.flatMap((endpoint) => endpoint.files),
  ];
  return new Map(files.sort(([a], [b]) => compareNames(a, b)));
}
