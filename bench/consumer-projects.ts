import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { generate } from "../generator/pipeline.js";
import { MINIMAL_PACKAGE } from "./consumer-apps.js";
import { npmInstall, packAndInstall } from "../scripts/pack-package.js";
import { REPO_ROOT, SPECS_DIR } from "./paths.js";
import type { Scratch } from "./scratch.js";

/** Scratch projects outside the repo, each resolving only what it installed. */
export interface ConsumerProjects {
  /** `@falgen/models` generated from specs/ by the current generator and runtime, packed and installed. */
  falgenDir: string;
  /** `@fal-ai/client`, the version the repo has, installed from npm's cache. */
  peerDir: string;
  /** Nothing installed: the baseline every type-check figure is taken above. */
  emptyDir: string;
  /** Nothing installed either: the program with its declarations inline (see NODE_APP_FLOOR). */
  floorDir: string;
  /** MINIMAL_PACKAGE in its node_modules, as an install would place it. */
  minimalPackageDir: string;
}

/**
 * Builds the projects the consumer-side benchmarks (type-check, bundle, runtime, latency, memory)
 * share. The package is generated afresh rather than taken from generated/, so the figures
 * belong to the generator and runtime as they are now, even before anyone regenerates.
 */
export async function prepareConsumerProjects(scratch: Scratch): Promise<ConsumerProjects> {
  const [falgenDir, peerDir] = await Promise.all([installFalgenPackage(scratch), installPeer(scratch)]);
  return {
    falgenDir,
    peerDir,
    emptyDir: await newProject(scratch, "empty"),
    floorDir: await newProject(scratch, "floor"),
    minimalPackageDir: await installMinimalPackage(scratch),
  };
}

async function installMinimalPackage(scratch: Scratch): Promise<string> {
  const projectDir = await newProject(scratch, "minimal-package-consumer");
  const packageDir = path.join(projectDir, "node_modules/@falgen/models");
  await mkdir(packageDir, { recursive: true });
  for (const [file, text] of Object.entries(MINIMAL_PACKAGE)) await writeFile(path.join(packageDir, file), `${text}\n`);
  return projectDir;
}

async function installFalgenPackage(scratch: Scratch): Promise<string> {
  const packageDir = scratch.insideRepo("package");
  const report = await generate({ specsDir: SPECS_DIR, outDir: packageDir });
  if (!report.ok) throw new Error(`generating the package from specs/ failed: ${report.errors.map((error) => error.message).join("; ")}`);
  const projectDir = await newProject(scratch, "falgen-consumer");
  await packAndInstall(packageDir, projectDir);
  return projectDir;
}

async function installPeer(scratch: Scratch): Promise<string> {
  const manifest = JSON.parse(await readFile(path.join(REPO_ROOT, "node_modules/@fal-ai/client/package.json"), "utf8")) as { version: string };
  const projectDir = await newProject(scratch, "peer-consumer");
  await npmInstall(projectDir, `@fal-ai/client@${manifest.version}`);
  return projectDir;
}

async function newProject(scratch: Scratch, name: string): Promise<string> {
  const dir = scratch.outsideRepo(name);
  await writeFile(path.join(dir, "package.json"), JSON.stringify({ name, private: true, type: "module" }));
  return dir;
}
