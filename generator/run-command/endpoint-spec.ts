import { existsSync } from "node:fs";
import path from "node:path";
import { readDocument } from "../import/read-document.js";
import { loadSpecs, validateSpec } from "../load/load-specs.js";
import { parseSpecText } from "../load/parse-spec.js";
import { buildEndpointModel, type EndpointModel } from "../model/endpoint-model.js";

/** Where fal serves an endpoint's queue document. */
export function falDocumentUrl(endpointId: string): string {
  return `https://fal.ai/api/openapi/queue/openapi.json?endpoint_id=${encodeURIComponent(endpointId)}`;
}

/**
 * The model of the endpoint to run: from `spec` (a file or URL) when given, else from the specs
 * folder (`specsDir`, which must exist when given; else `specs` if there is one), else from fal's
 * own document for the id. Throws a message-bearing Error (a SpecError names file, line and
 * pointer) when none has it.
 */
export async function endpointModel(endpointId: string, { specsDir, spec }: { specsDir: string | undefined; spec: string | undefined }): Promise<EndpointModel> {
  // A folder named on purpose that is not there is a mistake to say, not a reason to ask fal.
  if (specsDir !== undefined && !existsSync(specsDir)) throw new Error(`--specs ${specsDir}: no such folder`);
  const folder = specsDir ?? "specs";
  if (spec === undefined && existsSync(folder)) {
    const loaded = (await loadSpecs(folder)).specs.find((candidate) => candidate.endpointId === endpointId);
    // Its path as the user finds it (the load names it within the folder).
    if (loaded) return buildEndpointModel({ ...loaded, sourcePath: path.join(folder, loaded.sourcePath) });
  }
  const location = spec ?? falDocumentUrl(endpointId);
  const source = await readDocument(location);
  const loaded = { ...validateSpec(source, parseSpecText(source)), sourcePath: location };
  if (loaded.endpointId !== endpointId) throw new Error(`${location} describes ${loaded.endpointId}, not ${endpointId}`);
  return buildEndpointModel(loaded);
}
