import { existsSync } from "node:fs";
import path from "node:path";
import { queueDocumentUrl, readDocument } from "../import/read-document.js";
import { loadSpecs, validateSpec } from "../load/load-specs.js";
import { parseSpecText } from "../load/parse-spec.js";
import { buildEndpointModel, type EndpointModel } from "../model/endpoint-model.js";

/** fal's queue host: a --queue-url elsewhere (the simulator, a proxy) is not fal, nor is its document source. */
const FAL_QUEUE_HOST = "queue.fal.run";

/**
 * Where the endpoint's document is fetched when no spec is local: `from` when given; else, when
 * `queueUrl` points away from fal's queue (the simulator serves fal's document route too), that
 * host; else fal.ai. So a run pointed at a local queue never sends its endpoint id to the internet.
 */
export function documentSource(from: string | undefined, queueUrl: string | undefined): string | undefined {
  if (from !== undefined) return from;
  if (queueUrl !== undefined && new URL(queueUrl).hostname.toLowerCase() !== FAL_QUEUE_HOST) return queueUrl;
  return undefined;
}

/**
 * The model of the endpoint to run: from `spec` (a file or URL) when given, else from the specs
 * folder (`specsDir`, which must exist when given; else `specs` if there is one), else from the
 * queue document for the id served at `from` (a base URL, see `documentSource`; default fal.ai).
 * Throws a message-bearing Error (a SpecError names file, line and pointer) when none has it.
 */
export async function endpointModel(endpointId: string, { specsDir, spec, from }: { specsDir: string | undefined; spec: string | undefined; from?: string }): Promise<EndpointModel> {
  // A folder named on purpose that is not there is a mistake to say, not a reason to ask fal.
  if (specsDir !== undefined && !existsSync(specsDir)) throw new Error(`--specs ${specsDir}: no such folder`);
  const folder = specsDir ?? "specs";
  if (spec === undefined && existsSync(folder)) {
    const loaded = (await loadSpecs(folder)).specs.find((candidate) => candidate.endpointId === endpointId);
    // Its path as the user finds it (the load names it within the folder).
    if (loaded) return buildEndpointModel({ ...loaded, sourcePath: path.join(folder, loaded.sourcePath) });
  }
  const location = spec ?? queueDocumentUrl(endpointId, from);
  const source = await readDocument(location);
  const loaded = { ...validateSpec(source, parseSpecText(source)), sourcePath: location };
  if (loaded.endpointId !== endpointId) throw new Error(`${location} describes ${loaded.endpointId}, not ${endpointId}`);
  return buildEndpointModel(loaded);
}
