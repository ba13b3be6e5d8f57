import { SpecError, SpecErrors } from "../errors.js";
import { writeSpecs, type WrittenSpec } from "../spec-files/write-specs.js";
import { normalizeDocument, type ImportedSpec } from "./normalize.js";
import { readDocument } from "./read-document.js";

/** What {@link importSpecs} reads and where it writes. */
export interface ImportOptions {
  /** fal queue documents: files (JSON, or YAML by name) or http(s) URLs such as fal's `https://fal.ai/api/openapi/queue/openapi.json?endpoint_id=<id>`. */
  locations: readonly string[];
  /** The specs folder; each document becomes `<specsDir>/<endpoint id>.yaml` (default `specs`). */
  specsDir?: string;
}

/**
 * Imports fal's queue documents as specs, all or nothing: every document is read and checked (by
 * the generator's own loader, then against fal's queue layout) before any file is written.
 * @returns each spec file, and whether its bytes changed.
 * @throws {SpecErrors} listing every refused document, with file, line and JSON pointer; nothing is written then.
 */
export async function importSpecs(options: ImportOptions): Promise<WrittenSpec[]> {
  return writeSpecs(options.specsDir ?? "specs", await readQueueDocuments(options.locations));
}

/** Reads and normalizes every document, or throws SpecErrors for all that are refused. */
export async function readQueueDocuments(locations: readonly string[], read: (location: string) => Promise<ImportedSpec> = readAndNormalize): Promise<ImportedSpec[]> {
  const imported: ImportedSpec[] = [];
  const errors: SpecError[] = [];
  for (const location of locations) {
    try {
      imported.push(await read(location));
    } catch (error) {
      if (!(error instanceof SpecError)) throw error;
      errors.push(error);
    }
  }
  if (errors.length > 0) throw new SpecErrors(errors);
  return imported;
}

async function readAndNormalize(location: string): Promise<ImportedSpec> {
  return normalizeDocument(await readDocument(location), askedEndpointId(location));
}

/** The endpoint a document URL asks for (fal's `?endpoint_id=<id>`), which its document must describe. */
function askedEndpointId(location: string): string | undefined {
  if (!/^https?:\/\//i.test(location)) return undefined;
  try {
    return new URL(location).searchParams.get("endpoint_id") ?? undefined;
  } catch {
    return undefined; // readDocument refused it already
  }
}
