// `node check-program.mjs <tsconfig>`: `tsc -p <tsconfig> --noEmit --pretty false`, but diagnosing
// only the program's own files, not third-party ones: what is under node_modules (after symlinks
// are resolved: a package linked into node_modules from elsewhere is checked) and TypeScript's
// default libs. Those are not ours to check, and with skipLibCheck off tsc spent about a third
// of its time on them (@types/node and hono, which the packages' server examples import). Every
// other file is checked as tsc checks it, under the config's options, .d.ts files included.
// Prints the diagnostics as tsc does (relative to the working directory) and exits 1 when any.
import path from "node:path";
import ts from "typescript";

const configPath = path.resolve(process.argv[2]);
const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
    throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
  },
});
const program = ts.createProgram({ rootNames: config.fileNames, options: config.options, projectReferences: config.projectReferences });
const own = program.getSourceFiles().filter((file) => !file.fileName.split("/").includes("node_modules") && !program.isSourceFileDefaultLibrary(file));
const diagnostics = [...config.errors, ...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
for (const file of own) diagnostics.push(...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file));
process.stdout.write(ts.formatDiagnostics(ts.sortAndDeduplicateDiagnostics(diagnostics), { getCanonicalFileName: (name) => name, getCurrentDirectory: () => process.cwd(), getNewLine: () => "\n" }));
process.exitCode = diagnostics.length > 0 ? 1 : 0;
