import path from "node:path";
import ts from "typescript";
import type { RunResult } from "./run.js";
import { REPO_ROOT } from "./temp-dir.js";

/**
 * The repository's node_modules (TypeScript's default libs among them: lib.dom.d.ts, and
 * @types/node, which examples importing a server framework pull in), parsed once per process for
 * every program checked here: they never change during a run, and parsing them is a good part of
 * a small program's check. Keyed by file and by what the parse depends on.
 */
const INSTALLED = path.join(REPO_ROOT, "node_modules") + path.sep;
const installed = new Map<string, ts.SourceFile>();

/**
 * `tsc -p <configPath> --noEmit --pretty false` in this process, its diagnostics formatted as tsc
 * prints them (paths relative to `cwd`), with tsc's exit code (0, or 1 with any diagnostic).
 * TypeScript is loaded once per test worker (the generator loads it too), where a tsc process
 * loads and compiles it again per check. With `ownFilesOnly`, only the program's own files are
 * diagnosed, not what is under node_modules (after symlinks are resolved: a package linked into
 * node_modules from elsewhere is checked) nor TypeScript's libs: those are not ours to check, and
 * with skipLibCheck off tsc spent about a third of its time on them (@types/node and hono, which
 * the packages' server examples import). Every other file is checked as tsc checks it, under the
 * config's options, .d.ts files included.
 */
export function checkProgram(configPath: string, cwd: string, { ownFilesOnly = false } = {}): RunResult {
  const configErrors: ts.Diagnostic[] = [];
  const config = ts.getParsedCommandLineOfConfigFile(path.resolve(cwd, configPath), {}, {
    ...ts.sys,
    getCurrentDirectory: () => cwd,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => configErrors.push(diagnostic),
  });
  const format = (diagnostics: readonly ts.Diagnostic[]) => ts.formatDiagnostics(ts.sortAndDeduplicateDiagnostics(diagnostics), { getCanonicalFileName: (name) => name, getCurrentDirectory: () => cwd, getNewLine: () => "\n" });
  if (!config) return { code: 1, stdout: format(configErrors), stderr: "" };
  const host = ts.createCompilerHost(config.options);
  host.getCurrentDirectory = () => cwd;
  const parse = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersionOrOptions, ...rest) => {
    if (!path.resolve(fileName).startsWith(INSTALLED)) return parse(fileName, languageVersionOrOptions, ...rest);
    const key = `${fileName}\0${JSON.stringify(languageVersionOrOptions)}\0${config.options.alwaysStrict ?? config.options.strict}`;
    let source = installed.get(key);
    if (!source) {
      source = parse(fileName, languageVersionOrOptions, ...rest);
      if (source) installed.set(key, source);
    }
    return source;
  };
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options, projectReferences: config.projectReferences, host, configFileParsingDiagnostics: config.errors });
  let diagnostics: ts.Diagnostic[];
  if (ownFilesOnly) {
    const own = program.getSourceFiles().filter((file) => !file.fileName.split("/").includes("node_modules") && !program.isSourceFileDefaultLibrary(file));
    diagnostics = [...config.errors, ...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
    for (const file of own) diagnostics.push(...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file));
  } else {
    // What tsc --noEmit reports: the config's errors, then those of options, syntax, globals, semantics.
    diagnostics = [...ts.getPreEmitDiagnostics(program)];
  }
  const stdout = format(diagnostics);
  return { code: diagnostics.length > 0 ? 1 : 0, stdout, stderr: "" };
}
