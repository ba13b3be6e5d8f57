import { readFile } from "node:fs/promises";
import { fileProblem, InputError } from "../errors.js";
import { writeSpecs, type WrittenSpec } from "../spec-files/write-specs.js";
import { captureSpecs } from "./capture.js";
import { loadOverrides, type Overrides } from "./overrides.js";
import { parsePages, type Page } from "./parse-page.js";

/** What {@link capturePages} reads and where it writes. */
export interface CaptureOptions {
  /** fal model API pages saved as text (each page starts with a line `About`). */
  pages: readonly string[];
  /** The specs folder; each endpoint becomes `<specsDir>/<endpoint id>.yaml` (default `specs`). */
  specsDir?: string;
  /** Reviewed judgement calls, one YAML file per endpoint (`<endpoint id>.yaml`), applied on top (default: none). */
  overridesDir?: string;
}

export interface CaptureResult {
  written: WrittenSpec[];
  /** Endpoints captured without an overrides file: no field is required and they have no category. */
  withoutOverrides: string[];
  /** What the specs assume where a page says too little (e.g. a type it never lists), `file:line: ...`. */
  warnings: string[];
}

/**
 * Writes a spec per endpoint documented on the pages, all or nothing.
 * @throws {SpecErrors} or {@link SpecError} for a page line that cannot be parsed or a spec the loader refuses; nothing is written then.
 * @throws {InputError} when `overridesDir` is missing or not a folder, or a page file cannot be read (missing, a folder).
 */
export async function capturePages(options: CaptureOptions): Promise<CaptureResult> {
  const overrides = options.overridesDir === undefined ? new Map<string, Overrides>() : await loadOverrides(options.overridesDir);
  const pages: Page[] = [];
  for (const file of options.pages) pages.push(...parsePages(file, await readPage(file)));
  const captured = captureSpecs(pages, overrides);
  const written = await writeSpecs(options.specsDir ?? "specs", captured);
  return {
    written,
    withoutOverrides: captured.filter(({ overrides: own }) => !own).map(({ endpointId }) => endpointId),
    warnings: captured.flatMap(({ warnings }) => warnings),
  };
}

async function readPage(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    // A path that names no file is a usage error (exit 2), as for every command.
    throw new InputError(`${file}: cannot read the page file (${fileProblem(error)})`);
  }
}
