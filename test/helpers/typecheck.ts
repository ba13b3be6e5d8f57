import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { listTree } from "../../generator/write/output-tree.js";
import { runTsc, type RunResult } from "./run.js";

/** The bodies of the ```ts blocks of a Markdown text. */
export function tsBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^(`{3,})ts\n([\s\S]*?)\n\1$/gm)].map((match) => match[2]!);
}

/**
 * Strict `tsc --noEmit` of a generated package's sources together with every TypeScript example of
 * its README and docs, which import "@falgen/models/..." mapped onto the package's sources.
 */
export async function typecheckPackage(packageDir: string, workDir: string, extraFiles: Record<string, string> = {}): Promise<RunResult> {
  const examplesDir = path.join(workDir, "examples");
  await mkdir(examplesDir, { recursive: true });
  const docs = (await listTree(packageDir)).filter((file) => file.endsWith(".md"));
  const examples: string[] = [];
  for (const doc of docs) {
    for (const [index, block] of tsBlocks(await readFile(path.join(packageDir, doc), "utf8")).entries()) {
      // Each example is a module of its own (top-level await needs one).
      await writeFile(path.join(examplesDir, `${doc.replace(/[/.]/g, "_")}_${index}.ts`), `${block}\nexport {};\n`);
      examples.push(doc);
    }
  }
  if (examples.length === 0) throw new Error(`no TypeScript examples in the docs of ${packageDir}`);
  for (const [name, contents] of Object.entries(extraFiles)) await writeFile(path.join(examplesDir, name), contents);
  const source = path.relative(workDir, path.join(packageDir, "src"));
  const config = {
    extends: path.relative(workDir, path.join(packageDir, "tsconfig.json")),
    compilerOptions: {
      noEmit: true,
      // The package sources and the examples live in different folders: a common root for both.
      rootDir: path.relative(workDir, commonAncestor(packageDir, workDir)) || ".",
      module: "NodeNext",
      moduleResolution: "NodeNext",
      baseUrl: ".",
      paths: { "@falgen/models": [`${source}/index.ts`], "@falgen/models/*": [`${source}/endpoints/*/index.ts`] },
    },
    include: [`${source}/**/*.ts`, "examples/**/*.ts"],
  };
  await writeFile(path.join(workDir, "package.json"), JSON.stringify({ type: "module", private: true }));
  await writeFile(path.join(workDir, "tsconfig.json"), JSON.stringify(config, null, 2));
  return runTsc(["-p", path.join(workDir, "tsconfig.json")]);
}

function commonAncestor(a: string, b: string): string {
  const left = path.resolve(a).split(path.sep);
  const right = path.resolve(b).split(path.sep);
  let shared = 0;
  while (shared < left.length && left[shared] === right[shared]) shared++;
  return left.slice(0, shared).join(path.sep) || path.sep;
}
