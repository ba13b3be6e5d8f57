// The ESM build: the UMD one (package.json "main") requires its parts at run time, which a bundle cannot follow.
import { createScanner, parse, printParseErrorCode, type ParseError } from "jsonc-parser/lib/esm/main.js";

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

/** jsonc-parser's `SyntaxKind` values the scan needs: its types declare a const enum, which verbatimModuleSyntax cannot import. */
const TOKEN = { OpenBrace: 1, CloseBrace: 2, OpenBracket: 3, CloseBracket: 4, Comma: 5, String: 10, Number: 11, EOF: 17 } as const;

/**
 * The first key given twice in one object of `text` (valid JSON), or undefined: JSON.parse keeps
 * the last value without a word. A scan of its tokens with a stack of its own, not a recursive
 * parse: an input nested as deep as JSON.parse allows must not overflow the call stack here.
 */
export function repeatedKey(text: string): RepeatedKey | undefined {
  /** Each open object (its keys so far, the key last read) or array (its item count), outermost first. */
  const open: ({ keys: Set<string>; key: string | undefined; awaitingKey: boolean } | { items: number })[] = [];
  const scanner = createScanner(text, true);
  const pointer = () =>
    open
      .slice(0, -1)
      .map((level) => `/${("items" in level ? String(level.items) : level.key!).replace(/~/g, "~0").replace(/\//g, "~1")}`)
      .join("");
  for (let token: number = scanner.scan(); token !== TOKEN.EOF; token = scanner.scan()) {
    const top = open.at(-1);
    if (token === TOKEN.OpenBrace || token === TOKEN.OpenBracket) {
      if (top && "items" in top && top.items === -1) top.items = 0;
      open.push(token === TOKEN.OpenBrace ? { keys: new Set(), key: undefined, awaitingKey: true } : { items: -1 });
    } else if (token === TOKEN.CloseBrace || token === TOKEN.CloseBracket) {
      open.pop();
    } else if (token === TOKEN.Comma && top) {
      if ("items" in top) top.items++;
      else top.awaitingKey = true;
    } else if (top && "items" in top && top.items === -1) {
      top.items = 0;
    } else if (token === TOKEN.String && top && "keys" in top && top.awaitingKey) {
      const key = scanner.getTokenValue();
      top.awaitingKey = false;
      top.key = key;
      if (top.keys.has(key)) {
        const within = pointer();
        return { key, line: scanner.getTokenStartLine() + 1, column: scanner.getTokenStartCharacter() + 1, within: within === "" ? "the top level" : `the object at ${within}` };
      }
      top.keys.add(key);
    }
  }
  return undefined;
}

/**
 * Whether `literal` (a decimal number's text) writes an integer that a JavaScript number cannot
 * hold exactly (beyond ±2^53 - 1: `12345678901234567890` reads as 12345678901234567000), so the
 * JSON sent would carry another value than the one written. Fractions and exponents are a
 * floating-point value by their writing and are not judged.
 */
export function isInexactInteger(literal: string): boolean {
  return /^[+-]?\d+$/.test(literal.trim()) && !Number.isSafeInteger(Number(literal));
}

/** The first integer literal of `text` (valid JSON) that {@link isInexactInteger} judges inexact, and its place (1-based); undefined if none. */
export function inexactInteger(text: string): { literal: string; line: number; column: number } | undefined {
  const scanner = createScanner(text, true);
  for (let token: number = scanner.scan(); token !== TOKEN.EOF; token = scanner.scan()) {
    if (token === TOKEN.Number && isInexactInteger(scanner.getTokenValue())) {
      return { literal: scanner.getTokenValue(), line: scanner.getTokenStartLine() + 1, column: scanner.getTokenStartCharacter() + 1 };
    }
  }
  return undefined;
}
