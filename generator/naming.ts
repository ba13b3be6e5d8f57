/**
 * Every naming rule of falgen, in one place: endpoint ids, the schema names fal derives from
 * them, TypeScript identifiers for spec names, and where each endpoint's files go.
 */

import { ENDPOINT_NAMESPACES, splitEndpointId, type EndpointIdParts } from "./runtime/endpoint-id.js";

/** Each segment of an endpoint id starts with a letter or digit, then letters, digits, `.`, `_` or `-`. */
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** The longest segment and id accepted: far above fal's, well below file-name and path limits. */
const MAX_SEGMENT_LENGTH = 128;
const MAX_ID_LENGTH = 512;

/**
 * Splits an endpoint id by fal's rule (runtime/endpoint-id.ts: `[namespace/]owner/app[/path]`),
 * or returns a reason why it is not one.
 */
export function parseEndpointId(id: string): EndpointIdParts | { invalid: string } {
  const segments = id.split("/");
  const namespaced = ENDPOINT_NAMESPACES.includes(segments[0] ?? "");
  if (segments.length < (namespaced ? 3 : 2)) {
    return { invalid: `endpoint id ${JSON.stringify(id)} must have the form ${namespaced ? `${segments[0]}/owner/app[/path]` : "owner/app[/path]"}` };
  }
  const bad = segments.find((segment) => !SEGMENT.test(segment) || segment === "." || segment === "..");
  if (bad !== undefined) {
    return { invalid: `endpoint id ${JSON.stringify(id)} has an invalid segment ${JSON.stringify(bad)} (a letter or digit first, then letters, digits, ".", "_" and "-")` };
  }
  // Each segment becomes a folder or file name (at most 255 bytes on common file systems, with an extension added).
  const long = segments.find((segment) => segment.length > MAX_SEGMENT_LENGTH);
  if (long !== undefined) return { invalid: `endpoint id has a segment of ${long.length} characters ("${long.slice(0, 20)}..."): at most ${MAX_SEGMENT_LENGTH}` };
  if (id.length > MAX_ID_LENGTH) return { invalid: `endpoint id is ${id.length} characters long: at most ${MAX_ID_LENGTH}` };
  return splitEndpointId(id);
}

/**
 * fal's base name for an endpoint's schemas: the id without its owner, split on `/` and `-`,
 * each piece capitalised, `.` removed ("fal-ai/flux/dev" -> "FluxDev", "tripo3d/tripo/v2.5/image-to-3d"
 * -> "TripoV25ImageTo3d").
 */
export function endpointBaseName(id: string): string {
  return id
    .split("/")
    .slice(1)
    .flatMap((segment) => segment.split("-"))
    .map((piece) => piece.replace(/\./g, ""))
    .map((piece) => piece.charAt(0).toUpperCase() + piece.slice(1))
    .join("");
}

/** Where an endpoint's files go in the package, all following from its id. */
export interface EndpointPaths {
  /**
   * Its module inside the package's `src/`, without an extension (`endpoints/<endpoint id>`): one
   * file per endpoint, `.js` and `.d.ts` (`fal-ai/flux/dev` -> `endpoints/fal-ai/flux/dev.js`).
   * An id that is a prefix of another is a file beside the other's folder (`character.js`, `character/`).
   */
  module: string;
  /** The package subpath users import (`./<endpoint id>`, i.e. `@falgen/models/<endpoint id>`). */
  subpath: string;
  /** Its Markdown doc (`docs/<endpoint id>.md`). */
  docPath: string;
}

/** Where an endpoint's files go in the package. */
export function endpointPaths(id: string): EndpointPaths {
  return { module: `endpoints/${id}`, subpath: `./${id}`, docPath: `docs/${id}.md` };
}

/** The endpoint id whose doc is the package-relative `file` (see `endpointPaths`), if it is one. */
export function endpointIdOfDoc(file: string): string | undefined {
  return file.startsWith("docs/") && file.endsWith(".md") ? file.slice("docs/".length, -".md".length) : undefined;
}

/** The package-relative files of an endpoint: its module's JavaScript and declarations, and its doc. */
export function endpointFiles(id: string): string[] {
  const { module, docPath } = endpointPaths(id);
  return [`src/${module}.js`, `src/${module}.d.ts`, docPath];
}

/**
 * Names an endpoint module defines beside the spec's types, which it declares in the same scope
 * (its own types and values, its namespace imports), and the root's `QueueStatus`; a spec schema
 * of the same name is renamed. (A schema may be named like a global its signatures use, such as
 * `Promise`: they then write `globalThis.Promise`.)
 */
export const RESERVED_TYPE_NAMES: ReadonlySet<string> = new Set([
  "Input", "Output", "components", "QueueStatus",
  "endpointId", "submit", "status", "streamStatus", "result", "cancel", "subscribe", "run", "stream", "realtime",
  "inputSchema", "outputSchema", "inputValidator",
  "$runtime", "$calls", "$realtime",
]);

const TS_RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for function " +
    "if import in instanceof new null return super switch this throw true try typeof var void while with as implements " +
    "interface let package private protected public static yield any boolean number string symbol bigint never unknown " +
    "object undefined type keyof infer is asserts readonly unique declare abstract await async of global module namespace require"
  ).split(" "),
);

/**
 * An ECMAScript IdentifierName: a Unicode ID_Start letter, `$` or `_`, then ID_Continue characters
 * (letters, digits, combining marks, `_`), `$`, ZWNJ or ZWJ. Reserved words match too.
 */
const IDENTIFIER_NAME = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u;

/** Whether `name` may be written bare as a property name or after a dot (`ñandú`, `$ref`, `class`). */
export function isIdentifierName(name: string): boolean {
  return IDENTIFIER_NAME.test(name);
}

/**
 * A TypeScript type identifier for a spec schema name. Names that already are identifiers (in
 * any script: `ñandú`, `画像`) keep their spelling; others become PascalCase of their pieces of
 * letters, digits and combining marks, with `_` before one that does not start with a letter.
 */
export function typeIdentifier(name: string): string {
  let identifier = isIdentifierName(name)
    ? name
    : name
        .split(/[^\p{ID_Continue}]+|_+/u)
        .filter(Boolean)
        .map((piece) => {
          const [first = "", ...rest] = piece;
          return first.toUpperCase() + rest.join("");
        })
        .join("");
  if (identifier === "") identifier = "Schema";
  if (!/^[\p{ID_Start}$_]/u.test(identifier)) identifier = `_${identifier}`;
  if (TS_RESERVED.has(identifier) || RESERVED_TYPE_NAMES.has(identifier)) identifier = `${identifier}Schema`;
  return identifier;
}

/**
 * Identifiers for all of a spec's schema names. Collisions (names that differ only in punctuation,
 * or a renamed reserved name meeting a real one) are settled in sorted order of the original names:
 * the first keeps the identifier, later ones get `_2`, `_3`, ... so the result never depends on
 * the order of keys in the file.
 */
export function typeIdentifiers(names: readonly string[]): Map<string, string> {
  const result = new Map<string, string>();
  const taken = new Set<string>();
  const sorted = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  // Names that are identifiers already claim themselves first, so well-formed specs never change.
  for (const name of sorted.filter((name) => typeIdentifier(name) === name)) {
    result.set(name, name);
    taken.add(name);
  }
  for (const name of sorted) {
    if (result.has(name)) continue;
    const base = typeIdentifier(name);
    let candidate = base;
    for (let suffix = 2; taken.has(candidate); suffix++) candidate = `${base}_${suffix}`;
    result.set(name, candidate);
    taken.add(candidate);
  }
  return result;
}
