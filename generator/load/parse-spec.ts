import { LineCounter, parseDocument, isCollection, isSeq, type Node } from "yaml";
import { SpecError } from "../errors.js";
import { decodePointer } from "./json-pointer.js";

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
    const line = bytes.subarray(0, offset).filter((byte) => byte === 0x0a).length + 1;
    throw new SpecError({ file, line }, `not valid UTF-8 (bad byte at offset ${offset})`);
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

/** Parses JSON with JSON.parse (fast) and YAML with the yaml package; syntax errors carry the line. */
export function parseSpecText(source: SpecSource): unknown {
  if (source.isJson) {
    try {
      return JSON.parse(source.text);
    } catch (error) {
      // JSON.parse gives only an offset; YAML's parser (a JSON superset) finds the line.
      throw yamlSyntaxError(source) ?? new SpecError({ file: source.file }, `invalid JSON: ${(error as Error).message}`);
    }
  }
  const error = yamlSyntaxError(source);
  if (error) throw error;
  try {
    return parseDocument(source.text, { uniqueKeys: true, merge: false }).toJS({ maxAliasCount: 100 });
  } catch (error) {
    // yaml refuses documents whose aliases expand exponentially ("billion laughs").
    throw new SpecError({ file: source.file, line: 1 }, `too many YAML aliases (${(error as Error).message})`);
  }
}

function yamlSyntaxError(source: SpecSource): SpecError | undefined {
  const lineCounter = new LineCounter();
  const document = parseDocument(source.text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const [first] = document.errors;
  if (!first) return undefined;
  const line = lineCounter.linePos(first.pos[0]).line;
  return new SpecError({ file: source.file, line }, `invalid ${source.isJson ? "JSON" : "YAML"}: ${first.message.split("\n")[0]}`);
}

/**
 * The 1-based line where the value at `pointer` starts; for a pointer to something missing, the
 * line of its nearest existing parent (where the author has to add it). Undefined for the root.
 */
export function lineOfPointer(source: SpecSource, pointer: string): number | undefined {
  const lineCounter = new LineCounter();
  const document = parseDocument(source.text, { lineCounter, keepSourceTokens: true });
  let node: unknown = document.contents;
  if (pointer === "") return undefined;
  for (const segment of decodePointer(pointer)) {
    if (!isCollection(node)) break;
    const key = isSeq(node) ? Number(segment) : segment;
    const next = node.get(key, true) as Node | undefined;
    if (next === undefined) break;
    node = next;
  }
  const range = (node as Node | null)?.range;
  return range ? lineCounter.linePos(range[0]).line : undefined;
}
