import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { publint } from "publint";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { consumerTsconfig, installPackedPackage, type ScratchProject } from "../helpers/packed-package.js";
import { run, runTsc } from "../helpers/run.js";
import { REPO_ROOT } from "../helpers/temp-dir.js";
import { startSimulator } from "../../generator/simulator/start-simulator.js";
import { tsBlocks } from "../helpers/typecheck.js";

/** The published package as a user meets it: packed, installed from the tarball, outside the repo. */
let project: ScratchProject;
beforeAll(async () => {
  project = await installPackedPackage();
}, 600_000);
afterAll(() => project?.remove());

const installed = () => path.join(project.dir, "node_modules/@falgen/models");

async function typecheck(name: string, source: string, moduleResolution: "nodenext" | "bundler" = "nodenext") {
  await writeFile(path.join(project.dir, `${name}.ts`), source);
  await writeFile(path.join(project.dir, `tsconfig.${name}.json`), consumerTsconfig(moduleResolution, [`${name}.ts`]));
  return runTsc(["-p", `tsconfig.${name}.json`], project.dir);
}

/** A program a user would write: three endpoints, typed end to end. */
const THREE_ENDPOINTS = [
  'import { createFalClient, FalApiError, type EndpointInput, type EndpointOutput, type EndpointTypeMap } from "@falgen/models";',
  'import * as qwen from "@falgen/models/fal-ai/qwen-image";',
  'import * as seedream from "@falgen/models/fal-ai/bytedance/seedream/v4/text-to-image";',
  'import * as ideogram from "@falgen/models/fal-ai/ideogram/v3";',
  "export async function main(queueUrl: string, storageUrl: string): Promise<string[]> {",
  '  const fal = createFalClient({ credentials: "consumer-key", queueUrl, storageUrl });',
  '  const a = await qwen.subscribe(fal, { prompt: "a fox", num_images: 2, output_format: "png", seed: 7 });',
  '  const b = await seedream.subscribe(fal, { prompt: "a fox", image_size: { width: 2048, height: 2048 } }, { mode: "streaming" });',
  "  let enqueued = \"\";",
  '  const c = await ideogram.subscribe(fal, { prompt: "a fox" }, { onEnqueue: (id: string) => (enqueued = id) });',
  "  const url: string = a.data.images[0]!.url;",
  "  const seed: number = a.data.seed;",
  '  const output: EndpointTypeMap["fal-ai/ideogram/v3"]["output"] = c.data;',
  '  const same: EndpointOutput<"fal-ai/ideogram/v3"> = output;',
  '  const input: EndpointInput<"fal-ai/qwen-image"> = { prompt: "a fox" };',
  '  // @ts-expect-error: an endpoint id the program did not import has no types',
  '  const missing: EndpointInput<"fal-ai/not-imported"> = input;',
  "  if (enqueued !== c.requestId) throw new Error(`request id mismatch, not a ${FalApiError.name}`);",
  "  return [url, String(seed), String(b.data.images.length), String(same.images.length), input.prompt, String(missing)];",
  "}",
].join("\n");

describe("types, as a consumer compiles them", () => {
  test.each(["nodenext", "bundler"] as const)("a strict program using three endpoints type-checks (moduleResolution %s)", async (resolution) => {
    const result = await typecheck(`three-${resolution}`, THREE_ENDPOINTS, resolution);
    expect(result.stdout).toBe("");
    expect(result.code).toBe(0);
  });

  test("EndpointTypeMap holds the endpoints a program imports; @falgen/models/all adds every one", async () => {
    const keyed = (extraImport: string) =>
      [
        'import { createFalClient, subscribe, type EndpointId } from "@falgen/models";',
        'import "@falgen/models/fal-ai/qwen-image";',
        extraImport,
        'const fal = createFalClient({ credentials: "key" });',
        'const { data } = await subscribe(fal, "fal-ai/qwen-image", { prompt: "a fox" });',
        "const seed: number = data.seed;",
        'const ids: EndpointId[] = ["fal-ai/qwen-image", "fal-ai/ideogram/v3"];',
        "console.log(seed, ids);",
        "export {};",
      ].join("\n");
    const all = await typecheck("keyed-all", keyed('import "@falgen/models/all";'));
    expect(all.stdout).toBe("");
    const onlyQwen = await typecheck("keyed-qwen", keyed(""));
    expect(onlyQwen.stdout).toMatch(/keyed-qwen\.ts\(7,\d+\): error TS2322: Type '"fal-ai\/ideogram\/v3"' is not assignable to type '"fal-ai\/qwen-image"'/);
  });

  test("a missing prompt is a type error", async () => {
    const result = await typecheck(
      "missing-prompt",
      ['import { createFalClient } from "@falgen/models";', 'import * as qwen from "@falgen/models/fal-ai/qwen-image";',
        "await qwen.subscribe(createFalClient(), { num_images: 2 });", "export {};"].join("\n"),
    );
    expect(result.code).not.toBe(0);
    expect(result.stdout).toMatch(/missing-prompt\.ts\(3,\d+\): error TS\d+: [^\n]*\n\s+Property 'prompt' is missing/);
  });

  test("a wrong enum value is a type error", async () => {
    const result = await typecheck(
      "bad-enum",
      ['import { createFalClient } from "@falgen/models";', 'import * as qwen from "@falgen/models/fal-ai/qwen-image";',
        'await qwen.subscribe(createFalClient(), { prompt: "x", output_format: "gif" });', "export {};"].join("\n"),
    );
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain(`'"gif"' is not assignable`);
  });

  test("every TypeScript block of README.md and docs/*.md type-checks against the installed package", async () => {
    const docs = ["README.md", ...(await import("node:fs/promises").then((fs) => fs.readdir(path.join(installed(), "docs"), { recursive: true })))
      .filter((file) => file.endsWith(".md")).map((file) => `docs/${file}`)];
    const sources: string[] = [];
    for (const doc of docs) {
      for (const [index, block] of tsBlocks(await readFile(path.join(installed(), doc), "utf8")).entries()) {
        const name = `example_${doc.replace(/[/.-]/g, "_")}_${index}`;
        await writeFile(path.join(project.dir, `${name}.ts`), `${block}\nexport {};\n`);
        sources.push(`${name}.ts`);
      }
    }
    expect(sources.length).toBeGreaterThanOrEqual(docs.length);
    await writeFile(path.join(project.dir, "tsconfig.examples.json"), consumerTsconfig("nodenext", sources));
    const result = await runTsc(["-p", "tsconfig.examples.json"], project.dir);
    expect(result.stdout).toBe("");
    expect(result.code).toBe(0);
  });
});

test("the same program, compiled, runs under Node against the simulator", async () => {
  await writeFile(path.join(project.dir, "three-run.ts"), THREE_ENDPOINTS);
  const config = JSON.parse(consumerTsconfig("nodenext", ["three-run.ts"]));
  config.compilerOptions = { ...config.compilerOptions, noEmit: false, outDir: "build" };
  await writeFile(path.join(project.dir, "tsconfig.run.json"), JSON.stringify(config));
  expect((await runTsc(["-p", "tsconfig.run.json"], project.dir)).stdout).toBe("");

  const sim = await startSimulator({ specsDir: path.join(REPO_ROOT, "specs"), apiKeys: ["consumer-key"], queueMs: 10, runMs: 20 });
  try {
    const script = `import("./build/three-run.js").then((m) => m.main(${JSON.stringify(sim.url)}, ${JSON.stringify(sim.storageUrl)})).then((r) => console.log(JSON.stringify(r)))`;
    const result = await run(process.execPath, ["--input-type=module", "-e", script], { cwd: project.dir });
    expect(result.stderr).toBe("");
    const [url, seed, seedreamImages, ideogramImages] = JSON.parse(result.stdout) as string[];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(seed).toBe("7");
    expect(Number(seedreamImages)).toBeGreaterThan(0);
    expect(Number(ideogramImages)).toBeGreaterThan(0);
  } finally {
    await sim.close();
  }
});

describe("package hygiene", () => {
  test("publint reports no problems", async () => {
    // The installed copy holds exactly the tarball's files.
    const { messages } = await publint({ pkgDir: installed(), level: "suggestion", pack: false });
    expect(messages).toEqual([]);
  });

  test("are-the-types-wrong reports no problems for ESM consumers", async () => {
    // ESM only by design: the CommonJS and node10 resolutions are out of scope (--profile esm-only).
    const result = await run(process.execPath, [path.join(REPO_ROOT, "node_modules/@arethetypeswrong/cli/dist/index.js"), project.tarball, "--profile", "esm-only", "--format", "json"]);
    expect(result.code, result.stdout).toBe(0);
    const { analysis } = JSON.parse(result.stdout) as { analysis: { entrypoints: Record<string, unknown>; problems: { kind: string; resolutionKind?: string }[] } };
    expect(Object.keys(analysis.entrypoints)).toContain("./fal-ai/qwen-image");
    expect(analysis.problems.filter((problem) => problem.resolutionKind !== "node10" && problem.resolutionKind !== "node16-cjs")).toEqual([]);
  });

  test("the tarball holds the JavaScript and declarations falgen wrote, the docs, and no sources, maps or tests", async () => {
    const listing = await run("tar", ["-tzf", project.tarball]);
    const files = listing.stdout.trim().split("\n").map((file) => file.replace(/^package\//, ""));
    expect(files).toContain("src/index.js");
    expect(files).toContain("src/index.d.ts");
    expect(files).toContain("src/endpoints/fal-ai/qwen-image.js");
    expect(files).toContain("src/endpoints/fal-ai/qwen-image.d.ts");
    expect(files).toContain("src/runtime/client.js");
    expect(files).toContain("docs/fal-ai/qwen-image.md");
    // Byte for byte what \`falgen generate\` wrote: nothing was built on the way.
    for (const file of ["src/index.js", "src/endpoints/fal-ai/qwen-image.d.ts"]) {
      expect(await readFile(path.join(installed(), file), "utf8"), file).toBe(await readFile(path.join(REPO_ROOT, "generated", file), "utf8"));
    }
    const topLevel = new Set(files.map((file) => file.split("/")[0]));
    expect([...topLevel].sort()).toEqual(["README.md", "docs", "package.json", "src"]);
    expect(files.filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"))).toEqual([]);
    expect(files.filter((file) => /(\.test\.|\.snap$|\.yaml$|\.map$|tsconfig|manifest)/.test(file))).toEqual([]);
    const manifest = JSON.parse(await readFile(path.join(installed(), "package.json"), "utf8"));
    expect(manifest).toMatchObject({ type: "module", sideEffects: false, engines: { node: ">=18" } });
    expect(manifest.files).toBeDefined();
    expect(manifest.scripts, "no build or prepack step").toBeUndefined();
  });
});

describe("runs beyond Node", () => {
  test("a browser bundle of one endpoint's subscribe builds and carries no other endpoint", async () => {
    await writeFile(
      path.join(project.dir, "browser-app.ts"),
      ['import { createFalClient } from "@falgen/models";', 'import * as qwen from "@falgen/models/fal-ai/qwen-image";',
        'const fal = createFalClient({ proxyUrl: "/api/fal/proxy" });',
        'document.querySelector("button")?.addEventListener("click", async () => {',
        '  const { data } = await qwen.subscribe(fal, { prompt: "a fox" });',
        '  document.querySelector("img")!.src = data.images[0]!.url;', "});"].join("\n"),
    );
    const result = await build({ entryPoints: [path.join(project.dir, "browser-app.ts")], bundle: true, minify: true, platform: "browser", format: "esm", write: false, absWorkingDir: project.dir, logLevel: "silent", metafile: true });
    const bundle = result.outputFiles[0]!.text;
    expect(bundle).toContain("fal-ai/qwen-image");
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((input) => input.includes("/endpoints/"))).toEqual([expect.stringContaining("endpoints/fal-ai/qwen-image.js")]);
    for (const other of ["fal-ai/ideogram", "fal-ai/bytedance", "fal-ai/gpt-image-1"]) expect(bundle).not.toContain(other);
    expect(inputs.some((input) => input.startsWith("node:"))).toBe(false);
    expect(gzipSync(bundle).length).toBeGreaterThan(0);
  });

  test("validators are tree-shaken: a page that never validates carries no validator or schema, one that validates carries only its endpoint's", async () => {
    const page = async (name: string, lines: string[]) => {
      await writeFile(path.join(project.dir, name), ['import { createFalClient } from "@falgen/models";', ...lines].join("\n"));
      const result = await build({ entryPoints: [path.join(project.dir, name)], bundle: true, minify: true, platform: "browser", format: "esm", write: false, absWorkingDir: project.dir, logLevel: "silent", metafile: true });
      // Inputs that put code into the bundle (a module tree-shaken away is listed with 0 bytes).
      const inputs = Object.values(result.metafile.outputs).flatMap((output) => Object.entries(output.inputs).filter(([, { bytesInOutput }]) => bytesInOutput > 0).map(([input]) => input));
      return { text: result.outputFiles[0]!.text, inputs };
    };
    const imports = ['import * as qwen from "@falgen/models/fal-ai/qwen-image";', 'import * as ideogram from "@falgen/models/fal-ai/ideogram/v3";'];
    const client = 'const fal = createFalClient({ proxyUrl: "/api/fal/proxy" });';
    const plain = await page("plain-page.ts", [...imports, client, 'await qwen.subscribe(fal, { prompt: "a" });', 'await ideogram.subscribe(fal, { prompt: "b" });']);
    const validating = await page("validating-page.ts", [...imports, client, 'await qwen.subscribe(fal, { prompt: "a" }, { validate: qwen.inputValidator });', 'await ideogram.subscribe(fal, { prompt: "b" });']);
    // qwen's acceleration levels, ideogram's rendering speeds: strings only their schemas hold.
    const qwenSchema = '"none","regular","high"', ideogramSchema = "TURBO", validatorCode = "union_tag_invalid";
    expect(plain.inputs.some((input) => input.endsWith("runtime/validator.js"))).toBe(false);
    for (const text of [validatorCode, qwenSchema, ideogramSchema]) expect(plain.text).not.toContain(text);
    expect(validating.inputs.some((input) => input.endsWith("runtime/validator.js"))).toBe(true);
    expect(validating.text).toContain(validatorCode);
    expect(validating.text).toContain(qwenSchema);
    expect(validating.text).not.toContain(ideogramSchema);
    // Only the validation keywords travel: no descriptions.
    expect(validating.text).not.toContain("The prompt to generate the image with");
  });
});
