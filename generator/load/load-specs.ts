import { readdirSync, readFileSync, readlinkSync, statSync } from "node:fs";
import path from "node:path";
import { readingHasher, type FileHasher } from "../shared/file-hashes.js";
import { relativePaths } from "../shared/relative-paths.js";
import { fileProblem, InputError, SpecError, SpecWarning, type SpecLocation } from "../errors.js";
import { endpointBaseName, endpointFiles, parseEndpointId } from "../naming.js";
import { checkRefs, collectRefs } from "./check-refs.js";
import { checkFiniteNumbers, checkSchema, type Finding } from "./check-schemas.js";
import { describe, isPlainObject } from "../shared/plain-data.js";
import { decodePointer, encodePointer, getAtPointer } from "../shared/json-pointer.js";
import { decodeSpec, findUnreadable, parseSpecText, pointerLocation, type SpecSource } from "./parse-spec.js";

/** A fal queue OpenAPI document. Only the parts falgen reads are typed. */
export interface OpenApiDocument {
  openapi: string;
  info: { title?: string; description?: string; "x-fal-metadata"?: Record<string, unknown> } & Record<string, unknown>;
  paths: Record<string, unknown>;
  components: { schemas: Record<string, Record<string, unknown>> } & Record<string, unknown>;
  [key: string]: unknown;
}

/** Where a spec came from: what messages show, what output cites, and what the cache knows it by. */
export interface SpecOrigin {
  /** Path as shown in messages (relative to the working directory). */
  file: string;
  /** Path inside the specs folder (POSIX separators): the same on every machine, so output may cite it. */
  sourcePath: string;
  /** The sha256 of its bytes. */
  sha256: string;
}

/** One valid spec: its document, the endpoint id it serves and its Input/Output schema names. */
export interface LoadedSpec extends SpecOrigin {
  endpointId: string;
  /** What makes no sense in it but leaves the output right, located. */
  warnings: SpecWarning[];
  document: OpenApiDocument;
  inputSchemaName: string;
  outputSchemaName: string;
}

/** A spec the caller knows unchanged (the cache): not read again, only its endpoint id checked against the others. */
export interface KnownSpec {
  endpointId: string;
  /** Its warnings when it was last loaded, without the file (which may be shown otherwise now). */
  warnings?: readonly StoredWarning[];
}

/** A {@link SpecWarning} as the cache keeps it: its place in the spec and its reason. */
export type StoredWarning = Omit<SpecLocation, "file"> & { reason: string };

export interface LoadResult<Known extends KnownSpec = never> {
  /** The valid specs, in path order. */
  specs: LoadedSpec[];
  /** What `known` said of the specs it knew, with their files; in path order. */
  known: { spec: SpecFile; known: Known }[];
  /** One per broken spec; a spec whose endpoint id another spec has too is broken, and in neither list. */
  errors: SpecError[];
}

export interface LoadOptions<Known extends KnownSpec> {
  /** How spec files are hashed (default: read and hash each). */
  hasher?: FileHasher;
  /** What the caller knows of a spec file without reading it; a spec it knows is not parsed. */
  known?: (spec: SpecFile) => Known | undefined;
}

const SPEC_FILE = /\.(ya?ml|json)$/i;

/**
 * Lists spec files below `specsDir`, sorted so every run sees them in the same order. Symbolic
 * links are refused, not followed: `falgen update` rewrites spec files in place (which would
 * replace a link, or write outside the folder through it), the simulator's watcher does not see
 * through them, and a linked folder may loop. Every reader of a specs folder (generate, update,
 * the simulator, `falgen run`) lists it here, so none skips a link silently.
 * @throws {InputError} when `specsDir` is missing or not a folder, or holds a symbolic link to a
 *   folder or to a spec file (`.yaml`, `.yml`, `.json`), naming the link and its target.
 */
export async function listSpecFiles(specsDir: string, what = "specs folder"): Promise<string[]> {
  assertFolder(specsDir, what);
  const entries = readdirSync(specsDir, { recursive: true, withFileTypes: true });
  const links = entries.filter((entry) => entry.isSymbolicLink()).map((entry) => path.join(entry.parentPath, entry.name));
  const refused = links.filter((link) => SPEC_FILE.test(link) || isFolderLink(link)).sort();
  if (refused.length > 0) {
    const shown = refused.map((link) => `${displayPath(link)} -> ${linkTarget(link)}`).join(", ");
    throw new InputError(
      `${what} ${specsDir}: ${refused.length === 1 ? "a symbolic link" : "symbolic links"} (${shown}); falgen reads only real files and folders there (it rewrites spec files in place): replace each link with a copy of what it points to`,
    );
  }
  return entries
    .filter((entry) => entry.isFile() && SPEC_FILE.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

function isFolderLink(link: string): boolean {
  try {
    return statSync(link).isDirectory();
  } catch {
    return false; // a broken link to a non-spec name: nothing would have been read from it
  }
}

function linkTarget(link: string): string {
  try {
    statSync(link);
  } catch {
    return `${readlinkSync(link)} (missing)`;
  }
  return readlinkSync(link);
}

/** Throws an InputError naming `dir` (as `what`) unless it is an existing folder. */
export function assertFolder(dir: string, what: string): void {
  let isFolder: boolean;
  try {
    isFolder = statSync(dir).isDirectory();
  } catch (error) {
    throw new InputError(`${what} ${dir}: ${fileProblem(error)}`);
  }
  if (!isFolder) throw new InputError(`${what} ${dir}: a file, not a folder (give the folder that holds the files)`);
}

/** A spec file found on disk, before parsing. */
export interface SpecFile extends SpecOrigin {
  /** Its bytes, read when first asked for: a spec the cache serves is never read. */
  bytes(): Uint8Array;
}

/** Every spec file below `specsDir`, in sorted order, hashed by `hasher`. */
export async function readSpecFiles(specsDir: string, hasher: FileHasher = readingHasher): Promise<SpecFile[]> {
  const belowCwd = relativePaths(process.cwd());
  const belowSpecs = relativePaths(specsDir);
  return (await listSpecFiles(specsDir)).flatMap((absolute) => {
    const hashed = hasher.hash(absolute);
    if (!hashed) return []; // removed since it was listed
    let bytes = hashed.bytes;
    return [
      {
        file: displayPath(absolute, belowCwd),
        sourcePath: belowSpecs(absolute),
        sha256: hashed.sha256,
        bytes: () => (bytes ??= readFileSync(absolute)),
      },
    ];
  });
}

/** Decodes, parses and validates one spec file; a broken one throws a located SpecError. */
export function loadSpecFile({ file, sourcePath, sha256, bytes }: SpecFile): LoadedSpec {
  const unsafe = UNSAFE_PATH_CHARACTER.exec(sourcePath);
  if (unsafe) {
    throw new SpecError(
      { file },
      `the spec's path holds ${describeCharacter(unsafe[0])} at character ${unsafe.index + 1}: generated files cite the path, so it must be plain text on one line; rename the file or folder`,
    );
  }
  const source = decodeSpec(file, bytes());
  return { ...validateSpec(source, parseSpecText(source)), sourcePath, sha256 };
}

/**
 * Reads, parses and validates every spec below `specsDir`, but those `known` knows; each broken
 * one becomes a located SpecError, and so does each spec sharing its endpoint id with another.
 * @throws {InputError} when `specsDir` is missing or not a folder.
 */
export async function loadSpecs<Known extends KnownSpec = never>(specsDir: string, options: LoadOptions<Known> = {}): Promise<LoadResult<Known>> {
  const specs: LoadedSpec[] = [];
  const known: LoadResult<Known>["known"] = [];
  const errors: SpecError[] = [];
  for (const spec of await readSpecFiles(specsDir, options.hasher)) {
    const found = options.known?.(spec);
    if (found) {
      known.push({ spec, known: found });
      continue;
    }
    try {
      specs.push(loadSpecFile(spec));
    } catch (error) {
      if (!(error instanceof SpecError)) throw error;
      errors.push(error);
    }
  }
  const ids = [...specs, ...known.map(({ spec, known }) => ({ file: spec.file, endpointId: known.endpointId }))];
  errors.push(...duplicateIdErrors(ids), ...caseClashErrors(ids), ...fileFolderClashErrors(ids));
  const duplicated = new Set(errors.map((error) => error.file));
  return { specs: specs.filter((spec) => !duplicated.has(spec.file)), known: known.filter(({ spec }) => !duplicated.has(spec.file)), errors };
}

/**
 * Characters a spec's path may not hold: controls (line breaks among them), Unicode line and
 * paragraph separators (line breaks to JavaScript), invisible format characters (bidi overrides),
 * lone surrogates and U+FFFD (a file name that was not UTF-8).
 */
const UNSAFE_PATH_CHARACTER = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\uFFFD]/u;

function describeCharacter(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** The path as messages show it: relative when inside the working directory, unsafe characters as `\u{...}`. */
function displayPath(absolute: string, belowCwd: (file: string) => string = relativePaths(process.cwd())): string {
  const relative = belowCwd(absolute);
  const shown = relative.startsWith("..") ? absolute.split(path.sep).join("/") : relative;
  return shown.replace(new RegExp(UNSAFE_PATH_CHARACTER, "gu"), (character) => `\\u{${character.codePointAt(0)!.toString(16)}}`);
}

/** One error per file that shares its endpoint id with another file. */
function duplicateIdErrors(specs: readonly { file: string; endpointId: string }[]): SpecError[] {
  const byId = new Map<string, (typeof specs)[number][]>();
  for (const spec of specs) byId.set(spec.endpointId, [...(byId.get(spec.endpointId) ?? []), spec]);
  return [...byId.values()]
    .filter((group) => group.length > 1)
    .flatMap((group) =>
      group.map(
        (spec) =>
          new SpecError(
            { file: spec.file, pointer: "/info/x-fal-metadata/endpointId" },
            `duplicate endpoint id ${JSON.stringify(spec.endpointId)}, also in ${group.filter((other) => other !== spec).map((other) => other.file).join(", ")}`,
          ),
      ),
    );
}

/**
 * One error per file whose endpoint id, or a folder of it (`fal-ai/FLUX` of `fal-ai/FLUX/dev`),
 * differs only in letter case from another's: each id names files of the output and its prefixes
 * folders, and on case-insensitive file systems (macOS, Windows) the two would be one, so one
 * endpoint's files would overwrite or join the other's. Exact duplicates are `duplicateIdErrors`'.
 */
export function caseClashErrors(specs: readonly { file: string; endpointId: string }[]): SpecError[] {
  // Per case-folded prefix of an id, the first spec that has it and how it spells it.
  const seen = new Map<string, { spelling: string; spec: (typeof specs)[number] }>();
  const clashes = new Map<(typeof specs)[number], string[]>();
  const note = (spec: (typeof specs)[number], reason: string) => clashes.set(spec, [...(clashes.get(spec) ?? []), reason]);
  for (const spec of specs) {
    const segments = spec.endpointId.split("/");
    for (let depth = 1; depth <= segments.length; depth++) {
      const spelling = segments.slice(0, depth).join("/");
      const first = seen.get(spelling.toLowerCase());
      if (first === undefined) seen.set(spelling.toLowerCase(), { spelling, spec });
      else if (first.spelling !== spelling) {
        // Whole ids when they are alike but for case, else the folders that are.
        const whole = spec.endpointId.toLowerCase() === first.spec.endpointId.toLowerCase();
        const what = (id: string, prefix: string) => (whole ? `endpoint id ${JSON.stringify(id)}` : `${JSON.stringify(prefix)} of endpoint id ${JSON.stringify(id)}`);
        note(spec, `${what(spec.endpointId, spelling)} differs only in letter case from ${what(first.spec.endpointId, first.spelling)} in ${first.spec.file}`);
        note(first.spec, `${what(first.spec.endpointId, first.spelling)} differs only in letter case from ${what(spec.endpointId, spelling)} in ${spec.file}`);
        break;
      }
    }
  }
  return [...clashes].map(
    ([spec, reasons]) =>
      new SpecError(
        { file: spec.file, pointer: "/info/x-fal-metadata/endpointId" },
        `${reasons.join("; ")}: their generated folders would be one on case-insensitive file systems (macOS, Windows); spell them alike`,
      ),
  );
}

/**
 * One error per file whose endpoint's file would be a folder of another's output: a segment spelled
 * like the other's module or doc (`acme/b.js/c` beside `acme/b`, whose module is `acme/b.js`).
 * Compared case-folded, as case-insensitive file systems would.
 */
function fileFolderClashErrors(specs: readonly { file: string; endpointId: string }[]): SpecError[] {
  const owners = new Map<string, { owner: (typeof specs)[number]; file: string }>();
  for (const spec of specs) for (const file of endpointFiles(spec.endpointId)) owners.set(file.toLowerCase(), { owner: spec, file });
  const clashes = new Map<(typeof specs)[number], string[]>();
  const note = (spec: (typeof specs)[number], reason: string) => clashes.set(spec, [...(clashes.get(spec) ?? []), reason]);
  for (const spec of specs) {
    const folders = new Set(endpointFiles(spec.endpointId).flatMap((file) => file.split("/").slice(0, -1).map((_, index, segments) => segments.slice(0, index + 1).join("/"))));
    for (const folder of folders) {
      const found = owners.get(folder.toLowerCase());
      if (found === undefined) continue;
      const { owner, file } = found;
      note(spec, `endpoint id ${JSON.stringify(spec.endpointId)} needs a folder ${folder}, a file of endpoint id ${JSON.stringify(owner.endpointId)} (${owner.file})`);
      note(owner, `endpoint id ${JSON.stringify(owner.endpointId)} has a file ${file}, a folder endpoint id ${JSON.stringify(spec.endpointId)} needs (${spec.file})`);
    }
  }
  return [...clashes].map(([spec, reasons]) => new SpecError({ file: spec.file, pointer: "/info/x-fal-metadata/endpointId" }, `${reasons.join("; ")}: one of the two must change its id`));
}

/** Turns a parsed document into a LoadedSpec, or throws the first problem found, located. */
export function validateSpec(source: SpecSource, document: unknown): Omit<LoadedSpec, "sourcePath" | "sha256"> {
  const fail = (finding: Finding): never => {
    throw new SpecError(pointerLocation(source, finding.pointer), finding.reason);
  };
  const unreadable = findUnreadable(document);
  if (unreadable) fail(unreadable);
  if (!isPlainObject(document)) fail({ pointer: "", reason: `a spec must be an OpenAPI document (an object), found ${describe(document)}` });
  const root = document as Record<string, unknown>;
  if (typeof root.openapi !== "string" || !root.openapi.startsWith("3.")) {
    fail({ pointer: "/openapi", reason: `not an OpenAPI 3 document: "openapi" is ${describe(root.openapi)}` });
  }
  for (const [pointer, what] of [["/info", "info"], ["/paths", "paths"], ["/components/schemas", "components.schemas"]] as const) {
    const value = getAtPointer(root, pointer);
    if (!isPlainObject(value)) fail({ pointer, reason: `${what} must be an object, found ${describe(value)}` });
  }

  const metadataId = getAtPointer(root, "/info/x-fal-metadata/endpointId");
  if (typeof metadataId !== "string") {
    fail({ pointer: "/info/x-fal-metadata/endpointId", reason: `missing endpoint id: info.x-fal-metadata.endpointId must be a string, found ${describe(metadataId)}` });
  }
  const endpointId = metadataId as string;
  const parsedId = parseEndpointId(endpointId);
  if ("invalid" in parsedId) fail({ pointer: "/info/x-fal-metadata/endpointId", reason: parsedId.invalid });

  const findings: Finding[] = [];
  const warnings: Finding[] = [];
  checkFiniteNumbers(root, findings);
  checkRefs(root, findings);
  const schemas = getAtPointer(root, "/components/schemas") as Record<string, unknown>;
  const allOfMembers = new Set(collectRefs(root).flatMap(({ at, ref }) => (/\/allOf\/\d+$/.test(at) ? [ref.slice(1)] : [])));
  for (const [name, schema] of Object.entries(schemas)) checkSchema(schema, ["components", "schemas", name], findings, { warnings, allOfMembers });
  const [first] = findings;
  if (first) fail(first);

  const inputSchemaName = operationSchemaName(root, endpointId, "input", fail);
  const outputSchemaName = operationSchemaName(root, endpointId, "output", fail);
  return {
    file: source.file,
    endpointId,
    document: root as OpenApiDocument,
    inputSchemaName,
    outputSchemaName,
    warnings: warnings.map(({ pointer, reason }) => new SpecWarning(pointerLocation(source, pointer), reason)),
  };
}

/**
 * The schema name of the submit body (input) or the result (output), read from the queue paths;
 * documents without those paths fall back to fal's `<Name>Input` / `<Name>Output`.
 */
function operationSchemaName(root: Record<string, unknown>, endpointId: string, role: "input" | "output", fail: (finding: Finding) => never): string {
  const operation = role === "input" ? ["paths", `/${endpointId}`, "post"] : ["paths", `/${endpointId}/requests/{request_id}`, "get"];
  const media = role === "input" ? ["requestBody", "content", "application/json", "schema"] : ["responses", "200", "content", "application/json", "schema"];
  const fallback = `${endpointBaseName(endpointId)}${role === "input" ? "Input" : "Output"}`;
  const operationPointer = encodePointer(operation);
  if (getAtPointer(root, operationPointer) === undefined) {
    if (getAtPointer(root, `/components/schemas/${fallback}`) !== undefined) return fallback;
    fail({
      pointer: operationPointer,
      reason: `no ${role === "input" ? "Input" : "Output"} schema: the document has no ${role === "input" ? `POST /${endpointId}` : `GET /${endpointId}/requests/{request_id}`} operation and no components.schemas.${fallback}`,
    });
  }
  const schemaPointer = encodePointer([...operation, ...media]);
  const schema = getAtPointer(root, schemaPointer);
  const ref = isPlainObject(schema) ? schema.$ref : undefined;
  const prefix = "#/components/schemas/";
  if (typeof ref !== "string" || !ref.startsWith(prefix) || ref.slice(prefix.length).includes("/")) {
    fail({ pointer: schemaPointer, reason: `the ${role} schema must be a $ref to ${prefix}<Name>, found ${describe(schema)}` });
  }
  const name = decodePointer(`/${(ref as string).slice(prefix.length)}`)[0]!;
  const target = getAtPointer(root, encodePointer(["components", "schemas", name]));
  if (!isPlainObject(target)) fail({ pointer: `${schemaPointer}/$ref`, reason: `unresolved $ref ${ref}: the ${role} schema is not defined` });
  return name;
}
