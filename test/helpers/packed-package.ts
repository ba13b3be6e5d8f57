import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { run } from "./run.js";
import { REPO_ROOT } from "./temp-dir.js";

export interface ScratchProject {
  dir: string;
  tarball: string;
  remove(): Promise<void>;
}

/**
 * `npm pack` of generated/ (which builds dist/ on prepack), installed from the tarball into a
 * new project outside the repo: what a user of the published package gets, with no workspace links.
 */
export async function installPackedPackage(): Promise<ScratchProject> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "falgen-consumer-"));
  const packed = await run("npm", ["pack", "--pack-destination", dir, "--silent"], { cwd: path.join(REPO_ROOT, "generated"), timeoutMs: 300_000 });
  if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.stdout}\n${packed.stderr}`);
  const tarball = path.join(dir, (await readdir(dir)).find((name) => name.endsWith(".tgz"))!);
  await writeFile(path.join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  const installed = await run("npm", ["install", tarball, "--no-audit", "--no-fund", "--prefer-offline", "--no-package-lock"], { cwd: dir, timeoutMs: 300_000 });
  if (installed.code !== 0) throw new Error(`npm install of the tarball failed:\n${installed.stdout}\n${installed.stderr}`);
  return { dir, tarball, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** A strict tsconfig for a consumer project, with the given module resolution. */
export function consumerTsconfig(moduleResolution: "nodenext" | "bundler", files: string[]): string {
  return JSON.stringify({
    compilerOptions: {
      target: "ES2022",
      module: moduleResolution === "bundler" ? "ESNext" : "NodeNext",
      moduleResolution,
      lib: ["ES2022", "DOM"],
      types: [],
      strict: true,
      noEmit: true,
      skipLibCheck: false,
    },
    files,
  });
}
