import type { EndpointModel, PackageEntry } from "../model/endpoint-model.js";
import { emitClientModule } from "./emit-client-module.js";
import { emitEndpointDoc } from "./emit-docs.js";
import { emitAllEndpoints, emitManifest, emitPackageIndex, emitPackageReadme, emitPackageTsconfig } from "./emit-package.js";
import type { PackageInfo } from "./package-info.js";
import { emitTypes } from "./emit-types.js";
import { generatedHeader } from "./generated-header.js";

/** Package-relative path and contents of one generated file. */
export type EmittedFile = [path: string, contents: string];

/** The files of one endpoint: depend on its model alone, so they can be cached per spec. */
export function emitEndpointFiles(model: EndpointModel, pkg: PackageInfo): EmittedFile[] {
  const header = generatedHeader(model.sourcePath);
  return [
    [`src/${model.moduleDir}/types.ts`, emitTypes(model, header)],
    [`src/${model.moduleDir}/index.ts`, emitClientModule(model, header)],
    [model.docPath, emitEndpointDoc(model, pkg.name)],
  ];
}

/**
 * The package-level files, from every endpoint in id order; `example` (the first endpoint's model)
 * shows usage in the README.
 */
export function emitPackageFiles(endpoints: readonly PackageEntry[], example: EndpointModel | undefined, pkg: PackageInfo): EmittedFile[] {
  return [
    ["package.json", emitManifest(endpoints, pkg)],
    ["tsconfig.json", emitPackageTsconfig()],
    ["README.md", emitPackageReadme(endpoints, example, pkg)],
    ["src/index.ts", emitPackageIndex(generatedHeader(), pkg)],
    ["src/all.ts", emitAllEndpoints(endpoints, generatedHeader("specs/ (every endpoint)"))],
  ];
}
