import { spawn, type ChildProcess } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { publint } from "publint";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { npmInstall, packAndInstall } from "../../scripts/pack-package.js";
import { consumerTsconfig } from "../helpers/packed-package.js";
import { run, runTsc, type RunResult } from "../helpers/run.js";
import { REPO_ROOT } from "../helpers/temp-dir.js";

/**
 * falgen as a team adopts it: `npm pack` of falgen, installed into a scratch project outside the
 * repository (its own package.json, no access to this repo's node_modules), then used only
 * through `npx falgen ...`: add two endpoints from the simulator, generate @acme/fal, type-check
 * and run a program against the simulator, then see --check and update --check catch changes.
 */
let project: string;
let tarball: string;
let upstream: string;
let simulator: { child: ChildProcess; url: string; output: () => string } | undefined;

const falgen = (args: string[]): Promise<RunResult> => run("npx", ["--no-install", "falgen", ...args], { cwd: project });

beforeAll(async () => {
  project = await mkdtemp(path.join(os.tmpdir(), "falgen-adopter-"));
  await writeFile(path.join(project, "package.json"), JSON.stringify({ name: "acme-app", private: true, type: "module" }, null, 2));
  tarball = await packAndInstall(REPO_ROOT, project);
  // The "fal" side: the simulator serves these specs' documents, as fal.ai serves its own.
  upstream = path.join(project, "upstream");
  await cp(path.join(REPO_ROOT, "specs"), upstream, { recursive: true });
  simulator = await startSimulator(["--specs", upstream, "--port", "0", "--queue-ms", "10", "--run-ms", "20", "--api-key", "acme-key"]);
}, 600_000);

afterAll(async () => {
  simulator?.child.kill("SIGTERM");
  if (project) await rm(project, { recursive: true, force: true });
});

/** `npx falgen simulator ...` in the scratch project, resolved once it prints its URL. */
function startSimulator(args: string[]): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(path.join(project, "node_modules/.bin/falgen"), ["simulator", ...args], { cwd: project, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const match = /^fal simulator listening on (http:\/\/127\.0\.0\.1:\d+)/m.exec(output);
      if (match) resolve({ child, url: match[1]!, output: () => output });
    });
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.on("exit", (code) => reject(new Error(`falgen simulator exited (${code}) before listening:\n${output}`)));
  });
}

const PROGRAM = [
  'import { createFalClient } from "@acme/fal";',
  'import * as qwen from "@acme/fal/fal-ai/qwen-image";',
  'import type { QwenImageOutput } from "@acme/fal/fal-ai/qwen-image";',
  "export async function main(queueUrl: string, storageUrl: string): Promise<string> {",
  '  const fal = createFalClient({ credentials: "acme-key", queueUrl, storageUrl });',
  '  const { data, requestId } = await qwen.subscribe(fal, { prompt: "a red fox", num_images: 1, output_format: "png" });',
  "  const output: QwenImageOutput = data;",
  "  return `${requestId} ${output.images[0]!.url}`;",
  "}",
].join("\n");

describe("falgen installed from its tarball into a project of its own", () => {
  test("the tarball holds the built command and API only, and passes publint", async () => {
    const listing = await run("tar", ["-tzf", tarball]);
    const files = listing.stdout.trim().split("\n").map((file) => file.replace(/^package\//, ""));
    expect(files).toContain("bin/falgen.js");
    expect(files).toContain("dist/cli.cjs");
    expect(files).toContain("dist/index.js");
    expect(files).toContain("dist/types/index.d.ts");
    expect(files.filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts") && !file.startsWith("dist/runtime/"))).toEqual([]);
    expect(files.some((file) => file.startsWith("generator/") || file.startsWith("test/") || file === "package-lock.json")).toBe(false);
    const { messages } = await publint({ pkgDir: path.join(project, "node_modules/falgen"), level: "suggestion", pack: false });
    expect(messages).toEqual([]);
    // Scripts npm would run on installing the tarball (npm 11 asks the user to approve each): falgen needs none.
    const { scripts = {} } = JSON.parse(await readFile(path.join(project, "node_modules/falgen/package.json"), "utf8")) as { scripts?: Record<string, string> };
    expect(Object.keys(scripts).filter((name) => ["preinstall", "install", "postinstall", "prepare"].includes(name))).toEqual([]);
  });

  test("are-the-types-wrong reports no problems for ESM consumers of the API", async () => {
    const result = await run(process.execPath, [path.join(REPO_ROOT, "node_modules/@arethetypeswrong/cli/dist/index.js"), tarball, "--profile", "esm-only", "--format", "json"]);
    expect(result.code, result.stdout).toBe(0);
    const { analysis } = JSON.parse(result.stdout) as { analysis: { problems: { kind: string; resolutionKind?: string }[] } };
    expect(analysis.problems.filter((problem) => problem.resolutionKind !== "node10" && problem.resolutionKind !== "node16-cjs")).toEqual([]);
  });

  test("the API, imported from the installed package: typed under strict, and generate runs", async () => {
    const program = [
      'import { add, capturePages, defineConfig, generate, importSpecs, startSimulator, update, type GenerateReport } from "falgen";',
      'const config = defineConfig({ specs: "api-specs", out: "api-out", name: "@acme/api" });',
      "export async function main(): Promise<GenerateReport> {",
      "  void [add, capturePages, importSpecs, startSimulator, update];",
      '  return generate({ specsDir: config.specs!, outDir: config.out!, name: config.name!, cacheDir: false });',
      "}",
    ].join("\n");
    await writeFile(path.join(project, "api.ts"), program);
    await writeFile(path.join(project, "tsconfig.api.json"), consumerTsconfig("nodenext", ["api.ts"]));
    const typed = await runTsc(["-p", "tsconfig.api.json"], project);
    expect(typed.stdout).toBe("");
    await cp(path.join(REPO_ROOT, "specs/fal-ai/qwen-image.yaml"), path.join(project, "api-specs/fal-ai/qwen-image.yaml"));
    const script = 'import("falgen").then(async ({ generate }) => { const r = await generate({ specsDir: "api-specs", outDir: "api-out", name: "@acme/api", cacheDir: false }); console.log(JSON.stringify({ ok: r.ok, endpoints: r.endpoints })); })';
    const ran = await run(process.execPath, ["--input-type=module", "-e", script], { cwd: project });
    expect(ran.stderr).toBe("");
    expect(JSON.parse(ran.stdout)).toEqual({ ok: true, endpoints: ["fal-ai/qwen-image"] });
    expect(JSON.parse(await readFile(path.join(project, "api-out/package.json"), "utf8"))).toMatchObject({ name: "@acme/api" });
  });

  test("npx falgen --help lists every command", async () => {
    const result = await falgen(["--help"]);
    expect(result.code).toBe(0);
    for (const command of ["generate", "add", "update", "import", "capture", "simulator"]) expect(result.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
  });

  test("add two endpoints from the simulator, generate @acme/fal, type-check and run a program, then --check and update --check catch changes", async () => {
    // A typed config file, loaded from the installed package; the flag --name overrides nothing in it.
    await writeFile(path.join(project, "falgen.config.ts"), 'import { defineConfig } from "falgen";\n\nexport default defineConfig({ specs: "specs", out: "fal" });\n');
    const added = await falgen(["add", "fal-ai/qwen-image", "fal-ai/ideogram/v3", "--from", simulator!.url, "--no-generate"]);
    expect(added.stderr).toBe("");
    expect(added.code).toBe(0);
    expect(added.stdout).toContain("wrote     specs/fal-ai/qwen-image.yaml");
    expect(added.stdout).toContain("wrote     specs/fal-ai/ideogram/v3.yaml");

    const generated = await falgen(["generate", "--name", "@acme/fal"]);
    expect(generated.stderr).toBe("");
    expect(generated.code).toBe(0);
    expect(generated.stdout).toMatch(/^falgen: 2 endpoints, \d+ files/m);
    expect(JSON.parse(await readFile(path.join(project, "fal/package.json"), "utf8"))).toMatchObject({ name: "@acme/fal" });

    // Used right after generating, with no build step: a file: dependency of the project.
    await npmInstall(project, "./fal");

    await writeFile(path.join(project, "app.ts"), PROGRAM);
    const config = JSON.parse(consumerTsconfig("nodenext", ["app.ts"]));
    config.compilerOptions = { ...config.compilerOptions, noEmit: false, outDir: "build" };
    await writeFile(path.join(project, "tsconfig.json"), JSON.stringify(config));
    const compiled = await runTsc(["-p", "tsconfig.json"], project);
    expect(compiled.stdout).toBe("");
    expect(compiled.code).toBe(0);

    const script = `import("./build/app.js").then((m) => m.main(${JSON.stringify(simulator!.url)}, ${JSON.stringify(`${simulator!.url}/_rest`)})).then(console.log)`;
    const ran = await run(process.execPath, ["--input-type=module", "-e", script], { cwd: project });
    expect(ran.stderr).toBe("");
    expect(ran.stdout.trim()).toMatch(/^\S+ http:\/\/127\.0\.0\.1:\d+\/_files\/\S+$/);

    // A spec edited by hand: the generated package is stale, and --check says so.
    const current = await falgen(["generate", "--name", "@acme/fal", "--check"]);
    expect(current.code, current.stderr).toBe(0);
    const spec = path.join(project, "specs/fal-ai/qwen-image.yaml");
    await writeFile(spec, (await readFile(spec, "utf8")).replace("            - jpeg\n            - png\n", "            - jpeg\n            - png\n            - webp\n"));
    const stale = await falgen(["generate", "--name", "@acme/fal", "--check"]);
    expect(stale.code).toBe(1);
    expect(stale.stderr, stale.stderr).toMatch(/^stale: +fal\/src\/endpoints\/fal-ai\/qwen-image\.d\.ts$/m);
    // ...with a unified diff of what would change.
    expect(stale.stderr).toMatch(/^--- .*qwen-image.*\n\+\+\+ .*qwen-image.*\n@@ /m);
    expect(stale.stderr).toMatch(/^\+.*webp/m);
    expect(stale.stderr).toContain("run `falgen generate`");

    // fal adds a required input field: update --check reports it as breaking and exits 1, writing nothing.
    const served = path.join(upstream, "fal-ai/qwen-image.yaml");
    const before = await readFile(served, "utf8");
    await writeFile(served, before.replace("      required:\n        - prompt\n", "      required:\n        - prompt\n        - style\n").replace("        output_format:\n", "        style:\n          type: string\n          description: The style.\n        output_format:\n"));
    await waitFor(async () => JSON.stringify(await (await fetch(`${simulator!.url}/api/openapi/queue/openapi.json?endpoint_id=fal-ai/qwen-image`)).json()).includes('"style"'));
    const specBefore = await readFile(spec, "utf8");
    const update = await falgen(["update", "--check", "--from", simulator!.url]);
    expect(update.code).toBe(1);
    expect(update.stdout).toMatch(/^ {2}BREAKING {2}QwenImageInput\.style: added \(string, required\) \[input\]$/m);
    // The hand edit (webp) is not in fal's document: dropping it would break senders too.
    expect(update.stdout).toMatch(/^ {2}BREAKING {2}QwenImageInput\.output_format: enum values removed \("webp"\) \[input\]$/m);
    expect(update.stdout).toMatch(/^fal-ai\/ideogram\/v3: unchanged$/m);
    expect(update.stdout).toContain("falgen update: 1 of 2 endpoint(s) changed");
    expect(await readFile(spec, "utf8")).toBe(specBefore);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("timed out waiting for the simulator to reload");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
