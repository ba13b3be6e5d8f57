import { readFileSync } from "node:fs";
import path from "node:path";
import type { SpecError } from "../errors.js";
import { endpointFiles } from "../naming.js";
import type { ManifestEndpoint, OutputFolder } from "./output-tree.js";

/** An endpoint whose spec no longer loads, with its last good output as the package on disk has it. */
export interface LastGoodOutput {
  endpoint: ManifestEndpoint;
  /** Why its spec fails. */
  error: SpecError;
  /** Its files (package-relative path, contents), read from the output folder. */
  files: [file: string, contents: string][];
}

/**
 * The endpoints of the package in `output` whose spec (in `specsDir`, by the manifest's record)
 * is among `failed`, each with its files as they are on disk: what `generate --keep-going`
 * keeps, so that one broken spec does not take a working endpoint out of the package. Only
 * endpoints `wanted` accepts (picked by the run's `endpoints`, and made by no spec that loads),
 * with every file falgen writes for an endpoint listed in the manifest and on disk: an endpoint
 * with a file gone has no whole last good output to keep.
 */
export function lastGoodOutputs(output: OutputFolder, failed: readonly SpecError[], specsDir: string, wanted: (endpointId: string) => boolean): LastGoodOutput[] {
  const kept: LastGoodOutput[] = [];
  for (const endpoint of output.endpoints) {
    const spec = path.resolve(specsDir, endpoint.spec);
    const error = failed.find(({ file }) => path.resolve(file) === spec);
    if (!error || !wanted(endpoint.id)) continue;
    const files = endpointFiles(endpoint.id);
    if (!files.every((file) => output.owned.has(file))) continue;
    try {
      kept.push({ endpoint, error, files: files.map((file) => [file, readFileSync(path.join(output.dir, file), "utf8")]) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  return kept;
}
