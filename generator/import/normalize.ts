import { SpecError } from "../errors.js";
import { isPlainObject } from "../shared/plain-data.js";
import { encodePointer } from "../shared/json-pointer.js";
import { validateSpec } from "../load/load-specs.js";
import { parseSpecText, pointerLocation, type SpecSource } from "../load/parse-spec.js";
import { QUEUE_STATUS_SCHEMA_NAME, queueOperations } from "../spec-files/fal-queue-document.js";

export interface ImportedSpec {
  endpointId: string;
  document: Record<string, unknown>;
  inputSchemaName: string;
  outputSchemaName: string;
}

/**
 * Accepts a fal queue document as served, or refuses it with a located reason: first everything
 * the generator's loader refuses, then a document of another endpoint than `askedFor` (when
 * given), then anything that is not fal's queue layout (the four queue
 * operations under the endpoint id, the QueueStatus schema). The result is the same document with
 * its queue paths in protocol order; the shared YAML writer fixes every other key order.
 */
export function normalizeDocument(source: SpecSource, askedFor?: string): ImportedSpec {
  const loaded = validateSpec(source, parseSpecText(source));
  const { endpointId, document } = loaded;
  // A server that answers with another endpoint's document (a proxy's cache, a mistyped --from)
  // must not get that document written over the other endpoint's spec, or under the asked id.
  if (askedFor !== undefined && endpointId !== askedFor) {
    throw new SpecError(
      pointerLocation(source, "/info/x-fal-metadata/endpointId"),
      `the document describes ${endpointId}, not ${askedFor}, the endpoint asked for`,
    );
  }
  const notFal = (pointer: string, reason: string) =>
    new SpecError(pointerLocation(source, pointer), `not a fal queue document: ${reason}`);

  const operations = queueOperations(endpointId);
  for (const { path, method } of operations) {
    const pathItem = document.paths[path];
    if (!isPlainObject(isPlainObject(pathItem) ? pathItem[method] : undefined)) {
      throw notFal(encodePointer(pathItem === undefined ? ["paths"] : ["paths", path]), `no ${method.toUpperCase()} ${path} (fal serves submit, status, cancel and result under the endpoint id)`);
    }
  }
  const queuePaths = operations.map(({ path }) => path);
  const extra = Object.keys(document.paths).find((path) => !queuePaths.includes(path));
  if (extra !== undefined) throw notFal(encodePointer(["paths", extra]), `${extra} is not one of the four queue paths of ${endpointId}`);
  if (!isPlainObject(document.components.schemas[QUEUE_STATUS_SCHEMA_NAME])) {
    throw notFal("/components/schemas", `components.schemas has no ${QUEUE_STATUS_SCHEMA_NAME} (the status every queue operation returns)`);
  }

  const paths = Object.fromEntries(queuePaths.map((path) => [path, document.paths[path]]));
  return { endpointId, document: { ...document, paths }, inputSchemaName: loaded.inputSchemaName, outputSchemaName: loaded.outputSchemaName };
}
