import { mkdir, readFile, realpath, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { listTree } from "../../generator/write/output-tree.js";
import { checkProgram } from "./check-program.js";
import type { RunResult } from "./run.js";

/** The bodies of the ```ts blocks of a Markdown text. */
export function tsBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^(`{3,})ts\n([\s\S]*?)\n\1$/gm)].map((match) => match[2]!);
}

/** One consumer of a generated package: its folder, and files of its own beside the package's examples. */
export interface ConsumerCase {
  /** A folder name, unique among the cases: the key of its diagnostics. */
  name: string;
  packageDir: string;
  extraFiles?: Record<string, string>;
}

/** What tsc said: its exit code, all of its output, and each case's own diagnostics ("" when none). */
export interface TypecheckResult extends RunResult {
  byCase: Map<string, string>;
}

/**
 * Strict `tsc --noEmit` of generated packages as consumers meet them, with no build step, all in
 * ONE program (one run: TypeScript and its libs load once). Each case is a folder of `workDir`
 * with the package linked into its own node_modules (as a workspace or `file:` dependency is), a
 * module importing every subpath of the package's `exports` map, every TypeScript example of its
 * README and docs, and its extra files. `skipLibCheck` is off, so the packages' own `.d.ts` files
 * are checked too; third-party ones and TypeScript's libs are not (check-program.ts). Each
 * diagnostic goes to the case whose folder or package holds its file; one in neither goes to
 * every case.
 */
export async function typecheckPackages(cases: ConsumerCase[], workDir: string): Promise<TypecheckResult> {
  const owners: { name: string; dirs: string[] }[] = [];
  for (const { name, packageDir, extraFiles = {} } of cases) {
    const caseDir = path.join(workDir, name);
    await writeConsumer(packageDir, caseDir, extraFiles);
    owners.push({ name, dirs: [caseDir, await realpath(packageDir)].map((dir) => dir + path.sep) });
  }
  const config = {
    compilerOptions: {
      target: "ES2022",
      module: "NodeNext",
      moduleResolution: "NodeNext",
      lib: ["ES2022", "DOM", "DOM.Iterable"],
      types: [],
      strict: true,
      noUncheckedIndexedAccess: true,
      skipLibCheck: false,
      noEmit: true,
    },
    include: cases.map(({ name }) => `${name}/examples/**/*.ts`),
  };
  await writeFile(path.join(workDir, "package.json"), JSON.stringify({ type: "module", private: true }));
  await writeFile(path.join(workDir, "tsconfig.json"), JSON.stringify(config, null, 2));
  const result = checkProgram("tsconfig.json", workDir, { ownFilesOnly: true });
  const byCase = new Map(cases.map(({ name }) => [name, ""]));
  // A diagnostic is a line that starts with its file, and the indented lines after it.
  for (const diagnostic of result.stdout.split(/\n(?=\S)/).filter((text) => text.trim() !== "")) {
    const file = path.resolve(workDir, diagnostic.slice(0, Math.max(0, diagnostic.search(/\(\d+,\d+\): /))));
    const owner = owners.find(({ dirs }) => dirs.some((dir) => file.startsWith(dir)));
    for (const name of owner ? [owner.name] : byCase.keys()) byCase.set(name, `${byCase.get(name)}${diagnostic.trimEnd()}\n`);
  }
  return { ...result, byCase };
}

/** `typecheckPackages` of one package (with the given extra files) in `workDir`. */
export async function typecheckPackage(packageDir: string, workDir: string, extraFiles: Record<string, string> = {}): Promise<RunResult> {
  await mkdir(workDir, { recursive: true });
  const { byCase: _, ...result } = await typecheckPackages([{ name: "consumer", packageDir, extraFiles }], workDir);
  return result;
}

/** A consumer project's folder: the package linked as a dependency, and its examples. */
async function writeConsumer(packageDir: string, caseDir: string, extraFiles: Record<string, string>): Promise<void> {
  const manifest = JSON.parse(await readFile(path.join(packageDir, "package.json"), "utf8")) as { name: string; exports: Record<string, unknown> };
  const linked = path.join(caseDir, "node_modules", manifest.name);
  await mkdir(path.dirname(linked), { recursive: true });
  await symlink(path.resolve(packageDir), linked, "dir");

  const examplesDir = path.join(caseDir, "examples");
  await mkdir(examplesDir, { recursive: true });
  const docs = listTree(packageDir).filter((file) => file.endsWith(".md"));
  const examples: string[] = [];
  for (const doc of docs) {
    for (const [index, block] of tsBlocks(await readFile(path.join(packageDir, doc), "utf8")).entries()) {
      // Each example is a module of its own (top-level await needs one).
      await writeFile(path.join(examplesDir, `${doc.replace(/[/.]/g, "_")}_${index}.ts`), `${block}\nexport {};\n`);
      examples.push(doc);
    }
  }
  if (examples.length === 0) throw new Error(`no TypeScript examples in the docs of ${packageDir}`);
  const subpaths = Object.keys(manifest.exports).filter((subpath) => subpath !== "./package.json");
  const imports = subpaths.map((subpath, index) => `import * as export${index} from ${JSON.stringify(manifest.name + subpath.slice(1))};`);
  await writeFile(path.join(examplesDir, "every-export.ts"), `${imports.join("\n")}\nexport const everyExport = [${subpaths.map((_, index) => `export${index}`).join(", ")}];\n`);
  for (const [name, contents] of Object.entries(extraFiles)) await writeFile(path.join(examplesDir, name), contents);
}
