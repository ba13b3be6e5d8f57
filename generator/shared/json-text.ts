// The ESM build: the UMD one (package.json "main") requires its parts at run time, which a bundle cannot follow.
import { parse, printParseErrorCode, visit, type ParseError } from "jsonc-parser/lib/esm/main.js";

/** A JSON text that does not parse: where (1-based line and column) and why. */
export class JsonSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`${line}:${column}: ${reason}`);
    this.name = "JsonSyntaxError";
  }
}

/**
 * `JSON.parse(text)`, a syntax error placed at its line and column. JSON.parse decides (fast,
 * exact); V8 names at most an offset, so on failure jsonc-parser (strict: no comments, no trailing
 * commas) finds the place, else V8's offset, else the text's end.
 * @throws {JsonSyntaxError}
 */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const errors: ParseError[] = [];
    try {
      parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    } catch {
      // jsonc-parser recurses per level: past the stack, V8's offset (if any) is all there is.
    }
    const first = errors[0];
    const offset = first?.offset ?? Number(/at position (\d+)/.exec((error as Error).message)?.[1] ?? text.length);
    const before = text.slice(0, offset).split("\n");
    const reason = first ? describe(printParseErrorCode(first.error)) : (error as Error).message;
    throw new JsonSyntaxError(before.length, before.at(-1)!.length + 1, reason);
  }
}

/** jsonc-parser's error codes in words: `CommaExpected` -> "comma expected". */
function describe(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

/** A key an object of a JSON text holds twice: the second's place (1-based) and the object's JSON pointer ("the top level" for the root). */
export interface RepeatedKey {
  key: string;
  line: number;
  column: number;
  within: string;
}

/**
 * The first key given twice in one object of `text` (valid JSON), or undefined: JSON.parse keeps
 * the last value without a word.
 */
export function repeatedKey(text: string): RepeatedKey | undefined {
  const objects: Set<string>[] = [];
  let found: RepeatedKey | undefined;
  visit(text, {
    onObjectBegin: () => void objects.push(new Set()),
    onObjectEnd: () => void objects.pop(),
    onObjectProperty(key, _offset, _length, line, character, path) {
      const keys = objects.at(-1)!;
      if (found === undefined && keys.has(key)) {
        const pointer = path().map((part) => `/${String(part).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
        found = { key, line: line + 1, column: character + 1, within: pointer === "" ? "the top level" : `the object at ${pointer}` };
      }
      keys.add(key);
    },
  });
  return found;
}
