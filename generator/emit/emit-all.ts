import type { EndpointModel, PackageEntry } from "../model/endpoint-model.js";
import { compileModules } from "./compile-modules.js";
import { emitEndpointDoc } from "./emit-docs.js";
import { emitEndpointModule } from "./emit-endpoint-module.js";
import { emitAllEndpoints, emitManifest, emitPackageIndex, emitPackageReadme } from "./emit-package.js";
import type { PackageInfo } from "./package-info.js";
import { generatedHeader, runtimeHeader } from "./generated-header.js";
import { endpointPaths } from "../naming.js";

export { printedTemplates, takePrintedTemplates } from "./print-statements.js";

/** Package-relative path and contents of one generated file. */
export type EmittedFile = [path: string, contents: string];

/** The files of one endpoint: depend on its model alone, so they can be cached per spec. */
export function emitEndpointFiles(model: EndpointModel, pkg: PackageInfo): EmittedFile[] {
  const header = generatedHeader(model.sourcePath);
  const { module, docPath } = endpointPaths(model.id);
  return compileModules([
    [`src/${module}.ts`, emitEndpointModule(model, header)],
    [docPath, emitEndpointDoc(model, pkg.name)],
  ]);
}

/**
 * The package-level files, from every endpoint in id order; `example` (the first endpoint's model)
 * shows usage in the README.
 */
export function emitPackageFiles(endpoints: readonly PackageEntry[], example: EndpointModel | undefined, pkg: PackageInfo): EmittedFile[] {
  return compileModules([
    ["package.json", emitManifest(endpoints, pkg)],
    ["README.md", emitPackageReadme(endpoints, example, pkg)],
    ["src/index.ts", emitPackageIndex(generatedHeader(), pkg)],
    ["src/all.ts", emitAllEndpoints(endpoints, generatedHeader("specs/ (every endpoint)"))],
  ]);
}

/** The runtime (file name -> TypeScript source, from `runtimeSources`), as the package ships it under `src/runtime/`. */
export function emitRuntimeFiles(sources: ReadonlyMap<string, string>): EmittedFile[] {
  return compileModules([...sources].map(([name, source]) => [`src/runtime/${name}`, runtimeHeader(`runtime/${name}`) + source]));
}
