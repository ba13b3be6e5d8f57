import { mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { listTree } from "../../generator/write/output-tree.js";
import { runTsc, type RunResult } from "./run.js";

/** The bodies of the ```ts blocks of a Markdown text. */
export function tsBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^(`{3,})ts\n([\s\S]*?)\n\1$/gm)].map((match) => match[2]!);
}

/**
 * Strict `tsc --noEmit` of a generated package as a consumer meets it, with no build step: a
 * project in `workDir` that depends on the package (linked into its node_modules, as a workspace
 * or `file:` dependency is) and imports every subpath of its `exports` map, plus every TypeScript
 * example of its README and docs. `skipLibCheck` is off, so the package's own `.d.ts` files are
 * checked too.
 */
export async function typecheckPackage(packageDir: string, workDir: string, extraFiles: Record<string, string> = {}): Promise<RunResult> {
  const manifest = JSON.parse(await readFile(path.join(packageDir, "package.json"), "utf8")) as { name: string; exports: Record<string, unknown> };
  const linked = path.join(workDir, "node_modules", manifest.name);
  await mkdir(path.dirname(linked), { recursive: true });
  await symlink(path.resolve(packageDir), linked, "dir");

  const examplesDir = path.join(workDir, "examples");
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
    include: ["examples/**/*.ts"],
  };
  await writeFile(path.join(workDir, "package.json"), JSON.stringify({ type: "module", private: true }));
  await writeFile(path.join(workDir, "tsconfig.json"), JSON.stringify(config, null, 2));
  return runTsc(["-p", path.join(workDir, "tsconfig.json")]);
}
