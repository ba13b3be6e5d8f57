import { LineCounter, parseDocument, isCollection, isSeq, type Document, type Node } from "yaml";
import { SpecError, type SpecLocation } from "../errors.js";
import { decodePointer, encodePointer } from "../shared/json-pointer.js";
import { JsonSyntaxError, parseJsonText } from "../shared/json-text.js";
import { visit, type JSONPath } from "jsonc-parser/lib/esm/main.js";

/** A spec file as read: its display name and decoded text, kept to place errors on lines. */
export interface SpecSource {
  file: string;
  text: string;
  isJson: boolean;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Decodes strictly: a spec with bytes that are not UTF-8 is refused, never silently mangled. */
export function decodeSpec(file: string, bytes: Uint8Array): SpecSource {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    const offset = firstInvalidUtf8Offset(bytes);
    const before = bytes.subarray(0, offset);
    const line = before.filter((byte) => byte === 0x0a).length + 1;
    // The column counts characters, as an editor does (a sequence the bad byte cuts short as one).
    const column = new TextDecoder().decode(before.subarray(before.lastIndexOf(0x0a) + 1)).length + 1;
    throw new SpecError({ file, line, column }, `not valid UTF-8 (bad byte at offset ${offset})`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { file, text, isJson: file.endsWith(".json") };
}

function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let low = 0;
  let high = bytes.length;
  // Binary search for the shortest prefix that fails to decode.
  while (low < high) {
    const mid = (low + high) >> 1;
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, mid + 1), { stream: true });
      low = mid + 1;
    } catch {
      high = mid;
    }
  }
  return low;
}

/** Parses JSON with JSON.parse (fast) and YAML with the yaml package; syntax errors carry the line and column. */
export function parseSpecText(source: SpecSource): unknown {
  if (source.isJson) {
    try {
      return parseJsonText(source.text);
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      throw new SpecError({ file: source.file, line: error.line, column: error.column }, `invalid JSON: ${error.reason}`);
    }
  }
  let data = parsedYaml.get(source.text);
  if (data === undefined) {
    // One parse both places the first syntax error and gives the data.
    const document = parseYaml(source);
    try {
      data = document.toJS({ maxAliasCount: 100 }) as unknown;
    } catch (error) {
      // yaml refuses documents whose aliases expand exponentially ("billion laughs").
      throw new SpecError({ file: source.file, line: 1 }, `too many YAML aliases (${(error as Error).message})`);
    }
  }
  parsedYaml.delete(source.text);
  if (source.text.length <= YAML_KEPT_LENGTH) parsedYaml.set(source.text, data);
  if (parsedYaml.size > YAML_KEPT) parsedYaml.delete(parsedYaml.keys().next().value!);
  // Each caller gets data of its own to keep or change.
  return structuredClone(data);
}

/**
 * The data of the last YAML texts parsed well, newest last: a simulator's reload, `falgen run`
 * (which loads every spec to find its endpoint's) or another load in the same process parses
 * again only the texts it has not met. yaml's parse of a spec takes ~5 ms, 50 times a copy of
 * its data; it is most of a load of specs/. Texts up to 1 MB (a spec is tens of kB) are kept.
 */
const parsedYaml = new Map<string, unknown>();
const YAML_KEPT = 64;
const YAML_KEPT_LENGTH = 1_000_000;

/** A YAML spec's document, or a SpecError at its first syntax error. */
function parseYaml(source: SpecSource): Document.Parsed {
  const deepAt = flowNestingPast(source.text, FLOW_NESTING_LIMIT);
  if (deepAt !== undefined) throw new SpecError({ file: source.file, ...deepAt }, tooDeep());
  const lineCounter = new LineCounter();
  const document = parseDocument(source.text, { lineCounter, uniqueKeys: true, merge: false, prettyErrors: false });
  const [first] = document.errors;
  if (!first) return document;
  const { line, col: column } = lineCounter.linePos(first.pos[0]);
  // yaml's parser recurses per level and reports the overflow as an error of the document.
  if (first.message.startsWith("Maximum call stack size exceeded")) throw new SpecError({ file: source.file, line, column }, tooDeep());
  throw new SpecError({ file: source.file, line, column }, `invalid ${source.isJson ? "JSON" : "YAML"}: ${first.message.split("\n")[0]}`);
}

/** The deepest nesting of objects and lists a spec may have (fal's documents nest a few dozen levels). */
/**
 * Flow collections (`{...}`, `[...]`) nested past this many levels are refused before yaml parses
 * the text: yaml's parser recurses per level, and a second parse of a document nested tens of
 * thousands of levels deep in one process aborted Node (V8 ran out of memory compiling a regex), so
 * `generate()` called again by a watcher would crash. Above MAX_NESTING, which the model stage
 * enforces on what parses, so that brackets in a plain scalar's text never refuse a real spec.
 */
const FLOW_NESTING_LIMIT = 4 * 256;

/** The line and column where `[`/`{` first nest deeper than `limit` outside quoted scalars and comments, if they do. */
function flowNestingPast(text: string, limit: number): { line: number; column: number } | undefined {
  let depth = 0;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const character = text[i];
    if (character === "\n") line++;
    else if (character === "#" && (i === 0 || /\s/.test(text[i - 1]!))) {
      const end = text.indexOf("\n", i);
      i = (end === -1 ? text.length : end) - 1;
    } else if ((character === '"' || character === "'") && (i === 0 || /[\s[{,:]/.test(text[i - 1]!))) {
      // A quoted scalar (a quote that opens one, not an apostrophe in a word): to its closing quote ('' and \" do not close it).
      for (i++; i < text.length; i++) {
        if (text[i] === "\n") line++;
        else if (character === '"' && text[i] === "\\") i++;
        else if (text[i] === character && !(character === "'" && text[i + 1] === "'")) break;
        else if (text[i] === "'" && character === "'") i++;
      }
    } else if (character === "[" || character === "{") {
      if (++depth > limit) return { line, column: i - text.lastIndexOf("\n", i) };
    } else if ((character === "]" || character === "}") && depth > 0) depth--;
  }
  return undefined;
}

export const MAX_NESTING = 256;

export function tooDeep(): string {
  return `nested more than ${MAX_NESTING} levels deep (objects and lists): falgen refuses such specs`;
}

/**
 * The first thing in a parsed document falgen cannot take as data, before anything walks it
 * recursively: nesting deeper than MAX_NESTING (reported at the schema it is in), or a string or
 * key holding a lone UTF-16 surrogate (it cannot be written as UTF-8 without being changed).
 * Iterative, so no document can overflow the stack here.
 */
export function findUnreadable(document: unknown): { pointer: string; reason: string } | undefined {
  // Each entry links to its parent: the path is built only for what is reported.
  type Entry = { value: unknown; key: string; parent: Entry | undefined; depth: number };
  const pathOf = (entry: Entry | undefined): string[] => (entry?.parent ? [...pathOf(entry.parent), entry.key] : []);
  const stack: Entry[] = [{ value: document, key: "", parent: undefined, depth: 0 }];
  while (stack.length > 0) {
    const entry = stack.pop()!;
    const { value } = entry;
    if (typeof value === "string") {
      if (LONE_SURROGATE.test(value)) return { pointer: encodePointer(pathOf(entry)), reason: `a string holds a lone UTF-16 surrogate (${describeSurrogate(value)}), which is not text` };
      continue;
    }
    if (typeof value !== "object" || value === null) continue;
    if (entry.depth > MAX_NESTING) {
      // The pointer names the schema the nesting is in; the full one would be thousands of characters.
      return { pointer: encodePointer(pathOf(entry).slice(0, 3)), reason: tooDeep() };
    }
    for (const key of Object.keys(value)) {
      if (LONE_SURROGATE.test(key)) return { pointer: encodePointer(pathOf(entry)), reason: `a key holds a lone UTF-16 surrogate (${describeSurrogate(key)}), which is not text` };
      stack.push({ value: (value as Record<string, unknown>)[key], key, parent: entry, depth: entry.depth + 1 });
    }
  }
  return undefined;
}

const LONE_SURROGATE = /\p{Cs}/u;

function describeSurrogate(text: string): string {
  const unit = LONE_SURROGATE.exec(text)![0].charCodeAt(0);
  return `\\u${unit.toString(16).toUpperCase()} at character ${text.search(LONE_SURROGATE) + 1}`;
}

/** A line and column in a text, both 1-based. */
interface Position {
  line: number;
  column: number;
}

/**
 * Where `pointer` is in a spec: the 1-based line and column where its value starts; for a pointer
 * to something missing, those of its nearest existing parent (where the author has to add it).
 * No line or column for the root.
 */
export function pointerLocation(source: SpecSource, pointer: string): SpecLocation {
  if (pointer === "") return { file: source.file, pointer };
  const path = decodePointer(pointer);
  return { file: source.file, pointer, ...(source.isJson ? jsonPositionOf(source.text, path) : yamlPositionOf(source.text, path)) };
}

/**
 * A JSON spec's position of `path`, read with jsonc-parser's visitor, which builds nothing: only values
 * on the path reach the callbacks. (yaml's parser builds the whole document for this, and a second
 * such build of a document nested tens of thousands of levels deep in one process aborted Node: V8
 * ran out of memory compiling one of its regexes.)
 */
function jsonPositionOf(text: string, path: string[]): Position | undefined {
  // As for YAML below: the position of the value at `path`, else of its deepest ancestor there is.
  let position: Position | undefined;
  let depth = -1;
  const onPath = (at: JSONPath) => at.length <= path.length && at.every((segment, i) => String(segment) === path[i]);
  // jsonc-parser counts lines and characters from 0.
  const meet = (at: JSONPath, startLine: number, startCharacter: number): boolean => {
    if (!onPath(at)) return false;
    if (at.length > depth) [depth, position] = [at.length, { line: startLine + 1, column: startCharacter + 1 }];
    return at.length < path.length;
  };
  try {
    visit(
      text,
      {
        // false silences the callbacks inside the object or array (its end callback must exist to
        // end that): only values on the path are looked at.
        onObjectBegin: (_offset, _length, startLine, startCharacter, at) => meet(at(), startLine, startCharacter),
        onObjectEnd: () => {},
        onArrayBegin: (_offset, _length, startLine, startCharacter, at) => meet(at(), startLine, startCharacter),
        onArrayEnd: () => {},
        onLiteralValue: (_value, _offset, _length, startLine, startCharacter, at) => void meet(at(), startLine, startCharacter),
      },
      { disallowComments: true },
    );
  } catch {
    // jsonc-parser recurses per level along the path: past the stack, the position found so far.
  }
  return position;
}

function yamlPositionOf(text: string, path: string[]): Position | undefined {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, keepSourceTokens: true });
  let node: unknown = document.contents;
  for (const segment of path) {
    if (!isCollection(node)) break;
    const key = isSeq(node) ? Number(segment) : segment;
    const next = node.get(key, true) as Node | undefined;
    if (next === undefined) break;
    node = next;
  }
  const range = (node as Node | null)?.range;
  if (!range) return undefined;
  const { line, col } = lineCounter.linePos(range[0]);
  return { line, column: col };
}
