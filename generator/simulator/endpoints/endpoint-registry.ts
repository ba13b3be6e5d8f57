import { loadSpecs, type LoadedSpec } from "../../load/load-specs.js";
import { appPath } from "../../runtime/endpoint-id.js";
import { createSchemaValidator, schemaPointer, type SchemaValidator } from "../validation/schema-validator.js";

/** One endpoint the simulator serves: its spec, where its status/result/cancel live, its validator. */
export interface SimulatedEndpoint {
  endpointId: string;
  /** `owner/app` (or `namespace/owner/app` for fal's `workflows` and `comfy` namespaces). */
  appPath: string;
  spec: LoadedSpec;
  validator: SchemaValidator;
  inputPointer: string;
  outputPointer: string;
}

export interface EndpointRegistry {
  endpoints: Map<string, SimulatedEndpoint>;
  errors: Error[];
}

/** Loads the specs (with the project's loader) and compiles one validator per document. */
export async function loadEndpointRegistry(options: { specs?: LoadedSpec[]; specsDir?: string }): Promise<EndpointRegistry> {
  let specs = options.specs;
  const errors: Error[] = [];
  if (!specs) {
    const loaded = await loadSpecs(options.specsDir ?? "specs");
    specs = loaded.specs;
    errors.push(...loaded.errors);
  }
  const endpoints = new Map<string, SimulatedEndpoint>();
  for (const spec of specs) {
    endpoints.set(spec.endpointId, {
      endpointId: spec.endpointId,
      appPath: appPath(spec.endpointId),
      spec,
      validator: createSchemaValidator(spec.document),
      inputPointer: schemaPointer(spec.inputSchemaName),
      outputPointer: schemaPointer(spec.outputSchemaName),
    });
  }
  return { endpoints, errors };
}

/** The endpoint a submit path names (the path is the full endpoint id). */
export function findEndpoint(registry: EndpointRegistry, pathWithoutSlash: string): SimulatedEndpoint | undefined {
  return registry.endpoints.get(pathWithoutSlash.replace(/\/+$/, ""));
}
