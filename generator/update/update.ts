import { fetchQueueDocuments, checkedFromUrl } from "../add/add.js";
import { InputError, SpecError, SpecErrors } from "../errors.js";
import type { ImportedSpec } from "../import/normalize.js";
import { loadSpecs } from "../load/load-specs.js";
import { specToYaml } from "../spec-files/spec-yaml.js";
import { writeSpecs, type WrittenSpec } from "../spec-files/write-specs.js";
import { specChanges, type FieldChange } from "./spec-changes.js";

/** What {@link update} re-fetches, from where, and whether it writes. */
export interface UpdateOptions {
  /** The specs folder (default `specs`). */
  specsDir?: string;
  /** Where the queue documents are served (default `https://fal.ai`; a simulator's URL for offline work). */
  from?: string;
  /** Compare only: write nothing (for a nightly CI job). */
  check?: boolean;
}

/** How one endpoint's served document differs from its spec. */
export interface EndpointUpdate {
  endpointId: string;
  /** The spec file, as shown to the user. */
  file: string;
  /** Field-level changes, breaking ones marked. */
  changes: FieldChange[];
  /** Whether the document differs from the spec at all (descriptions and examples included). */
  changed: boolean;
}

export interface UpdateReport {
  /** Every spec compared, in endpoint id order. */
  endpoints: EndpointUpdate[];
  /** Specs that could not be read, and documents that could not be fetched or were refused. */
  errors: SpecError[];
  /** The spec files written (empty with `check`, and when there are `errors`: nothing is written then). */
  written: WrittenSpec[];
}

/**
 * Re-fetches the queue document of every spec in the folder and reports, per endpoint, what
 * changed field by field, marking what breaks callers. Without `check`, writes the changed
 * documents over their specs (each in place, in its own format), all or nothing: when a spec does
 * not load or a document cannot be fetched, is refused or describes another endpoint than its
 * spec's, nothing is written.
 * @throws {InputError} when the specs folder is missing or not a folder, or `from` is not an http(s) URL.
 */
export async function update(options: UpdateOptions = {}): Promise<UpdateReport> {
  const from = checkedFromUrl(options.from);
  const specsDir = options.specsDir ?? "specs";
  const { specs, errors } = await loadSpecs(specsDir);
  const endpoints: EndpointUpdate[] = [];
  const toWrite: (ImportedSpec & { file: string })[] = [];
  for (const spec of [...specs].sort((a, b) => (a.endpointId < b.endpointId ? -1 : 1))) {
    let served: ImportedSpec;
    try {
      [served] = (await fetchQueueDocuments([spec.endpointId], from)) as [ImportedSpec];
    } catch (error) {
      if (error instanceof InputError) errors.push(new SpecError({ file: spec.file }, `${spec.endpointId} is no longer served: ${error.message}`));
      else if (error instanceof SpecErrors) errors.push(...error.errors);
      else throw error;
      continue;
    }
    const changed = specToYaml(spec.document) !== specToYaml(served.document);
    endpoints.push({ endpointId: spec.endpointId, file: spec.file, changes: specChanges(spec, served), changed });
    if (changed) toWrite.push({ ...served, file: spec.file });
  }
  // All or nothing, as add: a spec or document that failed leaves every spec as it was.
  const written = options.check || toWrite.length === 0 || errors.length > 0 ? [] : await writeSpecs(specsDir, toWrite);
  return { endpoints, errors, written };
}
