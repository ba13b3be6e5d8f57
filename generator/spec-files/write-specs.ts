import { existsSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { shownPath, SpecError, SpecErrors, type SpecLocation } from "../errors.js";
import { writeFilesAtomic } from "../shared/atomic-write.js";
import { getAtPointer } from "../shared/json-pointer.js";
import { caseClashErrors, listSpecFiles, validateSpec } from "../load/load-specs.js";
import { decodeSpec, parseSpecText, pointerLocation, type SpecSource } from "../load/parse-spec.js";
import { specToYaml } from "./spec-yaml.js";

export interface SpecToWrite {
  endpointId: string;
  document: unknown;
  /**
   * The file to write (an existing spec's own path; `.json` gets JSON); default: the spec in
   * `outDir` that already declares the endpoint id, whatever its name and format, else
   * `<outDir>/<endpoint id>.yaml`.
   */
  file?: string;
}

export interface WrittenSpec {
  /** As shown to the user: relative to the working directory. */
  file: string;
  /** False when the file already had exactly these bytes. */
  changed: boolean;
}

/**
 * Writes each document as its endpoint's spec in `outDir`, or nothing at all. An endpoint that
 * already has a spec there is updated in place, in its own format (a `.json` spec stays JSON),
 * so no second spec of one id appears beside it; a new one becomes `<outDir>/<endpoint id>.yaml`.
 * Refused (SpecErrors), before anything is written: a target that holds another endpoint's spec,
 * an endpoint that already has two specs, and a spec whose id would clash in letter case with
 * another's. Every file is serialised and checked by the generator's own loader first, then
 * written beside its target and renamed into place, so a failure part-way never leaves a mix of
 * old and new specs.
 * @throws {InputError} when `outDir` holds a symbolic link to a spec file or folder (see `listSpecFiles`).
 */
export async function writeSpecs(outDir: string, specs: SpecToWrite[]): Promise<WrittenSpec[]> {
  const errors: SpecError[] = [];
  const existing = await existingSpecs(outDir);
  const files = specs.map(({ endpointId, document, file }, index) => {
    const target = file !== undefined ? path.resolve(file) : targetOf(outDir, endpointId, existing, errors);
    const holder = existing.find((spec) => spec.file === target);
    if (holder?.endpointId !== undefined && holder.endpointId !== endpointId) {
      errors.push(
        new SpecError(
          holder.idLocation!,
          `holds the spec of ${holder.endpointId}; falgen will not write the document of ${endpointId} over it (move one of them, or fix its endpoint id)`,
        ),
      );
    }
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
  // The folder as it would be: a new id that differs from another only in letter case breaks both.
  const targets = new Set(files.map(({ target }) => target));
  const after = [
    ...existing.filter((spec) => spec.endpointId !== undefined && !targets.has(spec.file)).map((spec) => ({ file: shownPath(spec.file), endpointId: spec.endpointId! })),
    ...specs.map(({ endpointId }, index) => ({ file: files[index]!.source.file, endpointId })),
  ];
  const written = new Set(files.map(({ source }) => source.file));
  errors.push(...caseClashErrors(after).filter((error) => written.has(error.file)));
  if (errors.length > 0) throw new SpecErrors(errors);

  const compared = await Promise.all(
    files.map(async ({ target, source }) => ({ target, source, changed: (await readFile(target, "utf8").catch(() => undefined)) !== source.text })),
  );
  writeFilesAtomic(compared.filter((file) => file.changed).map(({ target, source }) => ({ target, contents: source.text })));
  return compared.map(({ source, changed }) => ({ file: source.file, changed })).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** A spec file already in the folder, and the endpoint id it declares (undefined when it does not parse). */
interface ExistingSpec {
  /** Absolute. */
  file: string;
  endpointId: string | undefined;
  /** Where it declares the id. */
  idLocation: SpecLocation | undefined;
}

const ID_POINTER = "/info/x-fal-metadata/endpointId";

/** Every spec file below `outDir` (none when it does not exist yet), with the id each declares, broken or not. */
async function existingSpecs(outDir: string): Promise<ExistingSpec[]> {
  if (!existsSync(outDir)) return [];
  return (await listSpecFiles(outDir)).map((absolute) => {
    const file = path.resolve(absolute);
    try {
      const source = decodeSpec(shownPath(file), readFileSync(file));
      const endpointId = getAtPointer(parseSpecText(source), ID_POINTER);
      if (typeof endpointId === "string") return { file, endpointId, idLocation: pointerLocation(source, ID_POINTER) };
    } catch {
      // A spec that does not parse declares no id we can read; only its name can say whose it is.
    }
    return { file, endpointId: undefined, idLocation: undefined };
  });
}

/**
 * Where `endpointId`'s spec goes: the file that declares it; else a file named for it
 * (`<id>.yaml`, `.yml` or `.json`) that does not parse, which it replaces; else `<id>.yaml`.
 */
function targetOf(outDir: string, endpointId: string, existing: readonly ExistingSpec[], errors: SpecError[]): string {
  const holders = existing.filter((spec) => spec.endpointId === endpointId);
  if (holders.length > 1) {
    const [first, ...others] = holders.map((spec) => shownPath(spec.file));
    errors.push(new SpecError(holders[0]!.idLocation!, `${endpointId} already has ${holders.length} specs (${first} and ${others.join(", ")}); remove all but one, then add it again`));
  }
  if (holders.length > 0) return holders[0]!.file;
  const base = path.resolve(outDir, endpointId);
  const named = existing.find((spec) => spec.file.slice(0, -path.extname(spec.file).length) === base);
  return named?.file ?? `${base}.yaml`;
}
