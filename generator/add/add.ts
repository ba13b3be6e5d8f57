import { InputError } from "../errors.js";
import { readQueueDocuments } from "../import/import-specs.js";
import { normalizeDocument } from "../import/normalize.js";
import { DocumentHttpError, FAL_DOCUMENTS_URL, queueDocumentUrl, readDocument } from "../import/read-document.js";
import { parseEndpointId } from "../naming.js";
import { checkedBaseUrl } from "../shared/base-url.js";
import { writeSpecs, type WrittenSpec } from "../spec-files/write-specs.js";
import type { ImportedSpec } from "../import/normalize.js";

/** What {@link add} fetches and where it writes. */
export interface AddOptions {
  /** fal endpoint ids, e.g. `fal-ai/flux/dev`. */
  endpointIds: readonly string[];
  /** The specs folder; each endpoint becomes `<specsDir>/<endpoint id>.yaml` (default `specs`). */
  specsDir?: string;
  /** Where the queue documents are served (default `https://fal.ai`; a simulator's URL for offline work). */
  from?: string;
}

/**
 * Fetches each endpoint's queue document from fal (`<from>/api/openapi/queue/openapi.json?endpoint_id=<id>`)
 * and writes it as a spec, all or nothing, the way {@link importSpecs} does.
 * @returns each spec file, and whether its bytes changed.
 * @throws {InputError} for an endpoint id that is malformed or that `from` does not know (HTTP 404), or a bad `from`.
 * @throws {SpecErrors} for documents that cannot be fetched or are refused; nothing is written then.
 */
export async function add(options: AddOptions): Promise<WrittenSpec[]> {
  const from = checkedFromUrl(options.from);
  for (const id of options.endpointIds) {
    const parsed = parseEndpointId(id);
    if ("invalid" in parsed) throw new InputError(parsed.invalid);
  }
  return writeSpecs(options.specsDir ?? "specs", await fetchQueueDocuments(options.endpointIds, from));
}

/**
 * The queue documents of `endpointIds` from `from`, checked like an import, each refused (a
 * SpecError) unless it describes the endpoint asked for; unknown endpoints are one InputError.
 */
export async function fetchQueueDocuments(endpointIds: readonly string[], from: string): Promise<ImportedSpec[]> {
  const unknown: string[] = [];
  try {
    return await readQueueDocuments(endpointIds, async (id) => {
      try {
        return normalizeDocument(await readDocument(queueDocumentUrl(id, from)), id);
      } catch (error) {
        if (error instanceof DocumentHttpError && error.status === 404) unknown.push(id);
        throw error;
      }
    });
  } catch (error) {
    throw unknown.length > 0 ? unknownEndpoints(unknown, from) : error;
  }
}

function unknownEndpoints(ids: string[], from: string): InputError {
  const names = ids.map((id) => JSON.stringify(id)).join(", ");
  return new InputError(`unknown endpoint ${names}: ${from} has no queue document for ${ids.length === 1 ? "it" : "them"} (HTTP 404); check the id on the model's API page`);
}

/** `from` as an http(s) base URL, or an InputError saying what is wrong with it (see {@link checkedBaseUrl}). */
export function checkedFromUrl(from: string = FAL_DOCUMENTS_URL): string {
  return checkedBaseUrl("--from", from, "http://127.0.0.1:4010 for the simulator");
}
