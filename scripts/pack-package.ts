import { execFile } from "node:child_process";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";

const exec = promisify(execFile);
const TIMEOUT_MS = 300_000;

/**
 * What a user of the published package gets: `npm pack` of `packageDir`
 * into `projectDir`, then `npm install` of that tarball there, with no workspace links.
 * Returns the tarball's path.
 */
export async function packAndInstall(packageDir: string, projectDir: string): Promise<string> {
  await npm(["pack", "--pack-destination", projectDir, "--silent"], packageDir, "npm pack");
  const tarball = (await readdir(projectDir)).find((name) => name.endsWith(".tgz"));
  if (!tarball) throw new Error(`npm pack wrote no tarball into ${projectDir}`);
  await npmInstall(projectDir, path.join(projectDir, tarball));
  return path.join(projectDir, tarball);
}

/** `npm install <spec>...` into a scratch project, from npm's cache where it can. */
export function npmInstall(projectDir: string, spec: string | readonly string[]): Promise<void> {
  const specs = typeof spec === "string" ? [spec] : spec;
  return npm(["install", ...specs, "--prefer-offline", "--no-audit", "--no-fund", "--no-package-lock"], projectDir, `npm install ${specs.join(" ")}`);
}

async function npm(args: string[], cwd: string, what: string): Promise<void> {
  try {
    await exec("npm", args, { cwd, timeout: TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`${what} failed in ${cwd}:\n${stdout}\n${stderr}`);
  }
}
