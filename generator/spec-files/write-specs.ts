import { readFile } from "node:fs/promises";
import path from "node:path";
import { shownPath, SpecError, SpecErrors } from "../errors.js";
import { writeFilesAtomic } from "../shared/atomic-write.js";
import { validateSpec } from "../load/load-specs.js";
import { parseSpecText, type SpecSource } from "../load/parse-spec.js";
import { specToYaml } from "./spec-yaml.js";

export interface SpecToWrite {
  endpointId: string;
  document: unknown;
  /** The file to write (an existing spec's own path; `.json` gets JSON); default `<outDir>/<endpoint id>.yaml`. */
  file?: string;
}

export interface WrittenSpec {
  /** As shown to the user: relative to the working directory. */
  file: string;
  /** False when the file already had exactly these bytes. */
  changed: boolean;
}

/**
 * Writes `<outDir>/<endpoint id>.yaml` for each document, or nothing at all: every file is
 * serialised and checked by the generator's own loader first, then written beside its target and
 * renamed into place, so a failure part-way never leaves a mix of old and new specs.
 */
export async function writeSpecs(outDir: string, specs: SpecToWrite[]): Promise<WrittenSpec[]> {
  const errors: SpecError[] = [];
  const files = specs.map(({ endpointId, document, file }, index) => {
    const target = path.resolve(file ?? path.join(outDir, `${endpointId}.yaml`));
    const isJson = target.toLowerCase().endsWith(".json");
    const source: SpecSource = { file: shownPath(target), text: isJson ? `${JSON.stringify(document, null, 2)}\n` : specToYaml(document), isJson };
    try {
      validateSpec(source, parseSpecText(source));
    } catch (error) {
      if (!(error instanceof SpecError)) throw error;
      errors.push(error);
    }
    if (specs.findIndex((other) => other.endpointId === endpointId) !== index) {
      errors.push(new SpecError({ file: source.file }, `two documents in one run for ${endpointId}`));
    }
    return { target, source };
  });
  if (errors.length > 0) throw new SpecErrors(errors);

  const written = await Promise.all(
    files.map(async ({ target, source }) => ({ target, source, changed: (await readFile(target, "utf8").catch(() => undefined)) !== source.text })),
  );
  writeFilesAtomic(written.filter((file) => file.changed).map(({ target, source }) => ({ target, contents: source.text })));
  return written.map(({ source, changed }) => ({ file: source.file, changed })).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
