import { transformSync, type OxcError } from "oxc-transform";
import type { EmittedFile } from "./emit-all.js";

/**
 * The last emit stage: each emitted TypeScript module becomes the two files a consumer loads, ESM
 * JavaScript and its declarations with the TSDoc kept, so the package works right after
 * `falgen generate` with no build step of its own. Each file is compiled alone, with no program
 * and no type-check (isolated declarations: every export carries its type), so the output of a
 * file depends on that file only and is cached with it. oxc-transform does this natively, about a
 * hundred times faster than TypeScript's `transpileModule` plus `transpileDeclaration` (which
 * cost ~10 ms of CPU per module: most of a full run for a thousand endpoints).
 */

/** A generated module's header: the `//` lines that open it, repeated atop both outputs. */
const HEADER = /^(?:\/\/[^\n]*\n)+/;

/**
 * Replaces every `.ts` module of `files` with its `.js` and `.d.ts`; other files pass through.
 * Throws when a module's declarations cannot be derived from it alone (an export without an
 * explicit type): a fault of the generator or the runtime, never of a spec.
 */
export function compileModules(files: readonly EmittedFile[]): EmittedFile[] {
  return files.flatMap((file) => (file[0].endsWith(".ts") && !file[0].endsWith(".d.ts") ? compileModule(file) : [file]));
}

function compileModule([file, source]: EmittedFile): EmittedFile[] {
  // The header is detached first: a comment goes together with the type-only import it sits on.
  const header = HEADER.exec(source)?.[0] ?? "";
  const body = source.slice(header.length);
  const { code, declaration, errors } = transformSync(file, body, {
    lang: "ts",
    sourceType: "module",
    // Type-only imports go, every other import stays as written (the emitters and the runtime say which is which).
    typescript: { onlyRemoveTypeImports: true, declaration: {} },
    target: "es2022",
  });
  if (errors.length > 0 || declaration === undefined) {
    const line = (error: OxcError) => {
      const start = error.labels[0]?.start;
      return start === undefined ? "" : `:${header.split("\n").length - 1 + body.slice(0, start).split("\n").length}`;
    };
    const messages = errors.map((error) => `${file}${line(error)}: ${error.message}`);
    throw new Error(`falgen cannot derive the declarations of ${file} on its own:\n${messages.join("\n")}`);
  }
  const stem = file.slice(0, -".ts".length);
  return [
    [`${stem}.js`, header + code],
    [`${stem}.d.ts`, header + declaration],
  ];
}
