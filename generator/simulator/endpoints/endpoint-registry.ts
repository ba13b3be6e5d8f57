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
      validator: validatorOf(spec),
      inputPointer: schemaPointer(spec.inputSchemaName),
      outputPointer: schemaPointer(spec.outputSchemaName),
    });
  }
  return { endpoints, errors };
}

/**
 * Validators by the sha256 of their spec's bytes, newest last: a reload, or another simulator in
 * the same process, keeps the validators (and the schemas they compiled, most of a simulator's
 * start) of the specs that did not change. The last VALIDATORS_KEPT specs met are kept.
 */
const validators = new Map<string, SchemaValidator>();
const VALIDATORS_KEPT = 64;

function validatorOf(spec: LoadedSpec): SchemaValidator {
  const validator = validators.get(spec.sha256) ?? createSchemaValidator(spec.document);
  validators.delete(spec.sha256);
  validators.set(spec.sha256, validator);
  if (validators.size > VALIDATORS_KEPT) validators.delete(validators.keys().next().value!);
  return validator;
}

/** The endpoint a submit path names (the path is the full endpoint id). */
export function findEndpoint(registry: EndpointRegistry, pathWithoutSlash: string): SimulatedEndpoint | undefined {
  return registry.endpoints.get(pathWithoutSlash.replace(/\/+$/, ""));
}
