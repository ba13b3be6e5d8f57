import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { readFileSync } from "node:fs";
import { npmInstall, packAndInstall } from "../../scripts/pack-package.js";
import { REPO_ROOT } from "./temp-dir.js";

export interface ScratchProject {
  dir: string;
  tarball: string;
  remove(): Promise<void>;
}

/**
 * `npm pack` of generated/ as `falgen generate` wrote it (no build step), installed from the tarball into a
 * new project outside the repo: what a user of the published package gets, with no workspace links.
 */
export async function installPackedPackage(): Promise<ScratchProject> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "falgen-consumer-"));
  await writeFile(path.join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  const tarball = await packAndInstall(path.join(REPO_ROOT, "generated"), dir);
  await npmInstall(dir, DOC_EXAMPLE_LIBRARIES);
  return { dir, tarball, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * What the README's proxy examples import besides the package (Hono, Express, Node's types), at the
 * versions of the repo's lock file: a consumer type-checking them has them installed.
 */
const DOC_EXAMPLE_LIBRARIES = ((devDependencies: Record<string, string>) =>
  ["hono", "express", "@types/express", "@types/node"].map((name) => `${name}@${devDependencies[name]}`))(
  (JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { devDependencies: Record<string, string> }).devDependencies,
);

/**
 * A strict tsconfig for a consumer project, with the given module resolution: `strict`, and the
 * two options stricter projects add (the package and its docs' examples must hold under them too).
 */
export function consumerTsconfig(moduleResolution: "nodenext" | "bundler", files: string[]): string {
  return JSON.stringify({
    compilerOptions: {
      target: "ES2022",
      module: moduleResolution === "bundler" ? "ESNext" : "NodeNext",
      moduleResolution,
      lib: ["ES2022", "DOM"],
      types: [],
      strict: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      noEmit: true,
      skipLibCheck: false,
    },
    files,
  });
}
