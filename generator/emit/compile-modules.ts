import ts from "typescript";
import type { EmittedFile } from "./emit-all.js";

/**
 * The last emit stage: each emitted TypeScript module becomes the two files a consumer loads, ESM
 * JavaScript and its declarations with the TSDoc kept, so the package works right after
 * `falgen generate` with no build step of its own. Each file is compiled alone (TypeScript's
 * `transpileModule` and, with `isolatedDeclarations`, `transpileDeclaration`): no program, no
 * type-check, so the output of a file depends on that file only and can be cached with it.
 */

const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  // Type-only imports go, every other import stays as written (the emitters and the runtime say which is which).
  verbatimModuleSyntax: true,
  declaration: true,
  isolatedDeclarations: true,
  newLine: ts.NewLineKind.LineFeed,
};

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
  // The header is detached first: TypeScript drops a comment together with the type-only import it sits on.
  const header = HEADER.exec(source)?.[0] ?? "";
  const body = source.slice(header.length);
  const declarations = ts.transpileDeclaration(body, { fileName: file, compilerOptions: COMPILER_OPTIONS, reportDiagnostics: true });
  const problems = declarations.diagnostics ?? [];
  if (problems.length > 0) {
    const where = (problem: ts.Diagnostic) => (problem.file && problem.start !== undefined ? `:${problem.file.getLineAndCharacterOfPosition(problem.start).line + 1}` : "");
    const messages = problems.map((problem) => `${file}${where(problem)}: ${ts.flattenDiagnosticMessageText(problem.messageText, " ")}`);
    throw new Error(`falgen cannot derive the declarations of ${file} on its own:\n${messages.join("\n")}`);
  }
  const javascript = ts.transpileModule(body, { fileName: file, compilerOptions: COMPILER_OPTIONS }).outputText;
  const stem = file.slice(0, -".ts".length);
  return [
    [`${stem}.js`, header + javascript],
    [`${stem}.d.ts`, header + declarations.outputText],
  ];
}
