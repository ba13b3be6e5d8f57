import type { EndpointModel } from "../model/endpoint-model.js";
import { emitClientModule } from "./emit-client-module.js";
import { emitEndpointDoc } from "./emit-docs.js";
import { emitManifest, emitPackageIndex, emitPackageReadme, emitPackageTsconfig, PACKAGE_NAME } from "./emit-package.js";
import { emitTypes } from "./emit-types.js";
import { generatedHeader } from "./generated-header.js";

/** Package-relative path -> file contents. */
export type OutputFiles = Map<string, string>;

/**
 * Every file of the generated package, from the endpoint models and the runtime sources
 * (file name -> contents, copied byte for byte). Pure: same models, same bytes.
 */
export async function emitAll(models: readonly EndpointModel[], runtimeFiles: ReadonlyMap<string, string>): Promise<OutputFiles> {
  const sorted = [...models].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const files: OutputFiles = new Map();
  files.set("package.json", emitManifest(sorted));
  files.set("tsconfig.json", emitPackageTsconfig());
  files.set("README.md", emitPackageReadme(sorted));
  files.set("src/index.ts", emitPackageIndex(sorted, generatedHeader("specs/ (every endpoint)")));
  for (const [name, contents] of runtimeFiles) files.set(`src/runtime/${name}`, contents);
  const perEndpoint = await Promise.all(sorted.map(async (model) => {
    const header = generatedHeader(model.sourcePath);
    return [
      [`src/${model.moduleDir}/types.ts`, emitTypes(model, header)],
      [`src/${model.moduleDir}/index.ts`, emitClientModule(model, header)],
      [model.docPath, emitEndpointDoc(model, PACKAGE_NAME)],
    ] as const;
  }));
  for (const [file, contents] of perEndpoint.flat()) files.set(file, contents);
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
