import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { encodePointer } from "../generator/shared/json-pointer.js";
import { loadSpecFile, readSpecFiles, type LoadedSpec, type OpenApiDocument } from "../generator/load/load-specs.js";
import { endpointBaseName } from "../generator/naming.js";
import { BROKEN_FIXTURE, SHARED_FIXTURES_DIR, SPECS_DIR } from "./paths.js";

export const CORPUS_SIZE = 1000;

export interface Corpus {
  dir: string;
  endpointIds: string[];
  /** How many distinct real documents the corpus cycles through. */
  templateCount: number;
}

/**
 * A corpus of `size` fal queue documents for the generation benchmarks: the real documents of
 * specs/ and the shared fixtures, cycled, each under a fresh endpoint id (`bench/model-0001`, ...)
 * with its paths and Input/Output schema names (and every ref to them) renamed as fal would name
 * them for that id. Written as JSON, fal's own format, to `<dir>/<endpoint id>.json`.
 */
export async function buildCorpus(dir: string, size: number = CORPUS_SIZE): Promise<Corpus> {
  const templates = await loadTemplates();
  const endpointIds: string[] = [];
  for (let index = 0; index < size; index++) {
    const endpointId = `bench/model-${String(index + 1).padStart(4, "0")}`;
    const file = path.join(dir, `${endpointId}.json`);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(renamedDocument(templates[index % templates.length]!, endpointId), null, 2)}\n`);
    endpointIds.push(endpointId);
  }
  return { dir, endpointIds, templateCount: templates.length };
}

/** Every real document at hand, loaded (so validated) by the generator's own loader. */
async function loadTemplates(): Promise<LoadedSpec[]> {
  const fixtures = (await readSpecFiles(SHARED_FIXTURES_DIR)).filter((file) => path.basename(file.file) !== BROKEN_FIXTURE);
  return [...(await readSpecFiles(SPECS_DIR)), ...fixtures].map(loadSpecFile);
}

/** A copy of the template's document serving `endpointId` instead of its own id. */
function renamedDocument(template: LoadedSpec, endpointId: string): OpenApiDocument {
  const document = structuredClone(template.document);
  const baseName = endpointBaseName(endpointId);
  const schemaNames = new Map([
    [template.inputSchemaName, `${baseName}Input`],
    [template.outputSchemaName, `${baseName}Output`],
  ]);
  const schemas = document.components.schemas;
  for (const [from, to] of schemaNames) {
    if (from !== to && Object.hasOwn(schemas, to)) throw new Error(`${template.file} already has a schema named ${to}`);
  }
  document.components.schemas = Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [schemaNames.get(name) ?? name, schema]));
  const refs = new Map([...schemaNames].map(([from, to]) => [schemaRef(from), schemaRef(to)]));
  renameRefs(document, refs);

  const oldPrefix = `/${template.endpointId}`;
  document.paths = Object.fromEntries(
    Object.entries(document.paths).map(([route, item]) => [route === oldPrefix || route.startsWith(`${oldPrefix}/`) ? `/${endpointId}${route.slice(oldPrefix.length)}` : route, item]),
  );
  document.info["x-fal-metadata"] = { ...document.info["x-fal-metadata"], endpointId };
  return document;
}

function schemaRef(name: string): string {
  return `#${encodePointer(["components", "schemas", name])}`;
}

function renameRefs(node: unknown, refs: ReadonlyMap<string, string>): void {
  if (Array.isArray(node)) {
    for (const item of node) renameRefs(item, refs);
    return;
  }
  if (node === null || typeof node !== "object") return;
  const object = node as Record<string, unknown>;
  for (const [key, value] of Object.entries(object)) {
    if (key === "$ref" && typeof value === "string") object[key] = refs.get(value) ?? value;
    else renameRefs(value, refs);
  }
}
