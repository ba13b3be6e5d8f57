import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import fc from "fast-check";
import { expect, test } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { listTree } from "../../generator/write/output-tree.js";
import { falSpec } from "../helpers/spec-factory.js";
import { run } from "../helpers/run.js";
import { REPO_ROOT, tempDir } from "../helpers/temp-dir.js";
import { typecheckPackage } from "../helpers/typecheck.js";

/**
 * Specs are input from outside. Whatever strings they hold (in names, descriptions, enum values,
 * defaults, examples), the generated package must type-check, its docs must render as written,
 * and nothing from a spec may ever run as code.
 */

const CANARY = "__falgenPwned";
const HOSTILE = [
  "*/", "/*", "/**", "`", "${", "}", `\${globalThis.${CANARY} = 1}`, '"', "'", "\\", "\n", "\r\n", "\u2028", "\u2029",
  "</script>", "<script>globalThis.x=1</script>", "<!--", "|", "||", "# heading", "```", "~~~", "[x](javascript:alert(1))",
  `*/ globalThis.${CANARY} = 1; /*`, `"; globalThis.${CANARY} = 1; "`, `'; globalThis.${CANARY} = 1; '`, `\`; globalThis.${CANARY} = 1; \``,
  "class", "function", "default", "__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "Input", "Output",
  "components", "$runtime", "endpointId", "0", "", " ", "null", "undefined", "Image", "image", "IMAGE", "im-age", "im_age", "é", "💥",
];

const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.array(fc.constantFrom(...HOSTILE), { minLength: 2, maxLength: 4 }).map((parts) => parts.join("")),
  fc.string({ maxLength: 12 }),
);
const name = hostileString.filter((value) => value !== "");

/** An endpoint spec whose Input has hostile property names, docs, enums, defaults and examples. */
const hostileEndpoint = fc.record({
  schemaNames: fc.uniqueArray(name, { minLength: 1, maxLength: 4 }),
  properties: fc.uniqueArray(
    fc.record({ name, description: hostileString, title: hostileString, value: hostileString, enumValues: fc.uniqueArray(hostileString, { minLength: 1, maxLength: 4 }), useEnum: fc.boolean() }),
    { minLength: 1, maxLength: 5, selector: (property) => property.name },
  ),
  description: hostileString,
});

type HostileEndpoint = typeof hostileEndpoint extends fc.Arbitrary<infer T> ? T : never;

function specOf(index: number, endpoint: HostileEndpoint): Record<string, unknown> {
  const id = `fal-ai/hostile${index}`;
  const document = falSpec(id) as any;
  const input = document.components.schemas[`Hostile${index}Input`];
  input.description = endpoint.description;
  for (const property of endpoint.properties) {
    const values = property.useEnum ? property.enumValues : undefined;
    input.properties[property.name] = {
      type: "string",
      title: property.title,
      description: property.description,
      default: values ? values[0] : property.value,
      examples: [values ? values[0] : property.value],
      ...(values ? { enum: values } : {}),
    };
  }
  // Extra schemas under hostile names, each referenced from the Output so they matter.
  const output = document.components.schemas[`Hostile${index}Output`];
  for (const [position, schemaName] of endpoint.schemaNames.entries()) {
    if (schemaName in document.components.schemas) continue;
    document.components.schemas[schemaName] = { type: "object", description: endpoint.description, properties: { [endpoint.properties[0]!.name]: { type: "string" } } };
    const pointer = schemaName.replace(/~/g, "~0").replace(/\//g, "~1");
    output.properties[`extra_${position}`] = { $ref: `#/components/schemas/${pointer}` };
  }
  // A recursive tree: circular schemas must give working recursive types.
  document.components.schemas.TreeNode = { type: "object", properties: { label: { type: "string" }, children: { type: "array", items: { $ref: "#/components/schemas/TreeNode" } } }, required: ["label"] };
  output.properties.tree = { $ref: "#/components/schemas/TreeNode" };
  return document;
}

/** Cells per row of every Markdown table: each row must have as many as its header. */
function brokenTableRows(markdown: string): string[] {
  const broken: string[] = [];
  let columns = 0;
  for (const line of markdown.split("\n")) {
    if (!line.startsWith("|")) {
      columns = 0;
      continue;
    }
    const cells = line.replace(/\\\\/g, "").replace(/\\\|/g, "").split("|").length;
    if (columns === 0) columns = cells;
    else if (cells !== columns) broken.push(line);
  }
  return broken;
}

test("hostile strings never break the package, its docs, or turn into code", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(hostileEndpoint, { minLength: 3, maxLength: 3 }), async (endpoints) => {
      const specs = await tempDir("hostile-specs");
      await mkdir(path.join(specs, "fal-ai"), { recursive: true });
      for (const [index, endpoint] of endpoints.entries()) {
        await writeFile(path.join(specs, "fal-ai", `hostile${index}.json`), JSON.stringify(specOf(index, endpoint), null, 2));
      }
      const out = path.join(await tempDir("hostile-out"), "generated");
      const report = await generate({ specsDir: specs, outDir: out, cacheDir: false });
      expect(report.errors.map((error) => error.message)).toEqual([]);

      // Types and doc examples: strict tsc, no errors.
      const tsc = await typecheckPackage(out, await tempDir("hostile-tsc"));
      expect(tsc.stdout).toBe("");

      // Docs: every table row keeps its columns; no live HTML from a spec.
      for (const file of (await listTree(out)).filter((file) => file.endsWith(".md"))) {
        const markdown = await readFile(path.join(out, file), "utf8");
        expect(brokenTableRows(markdown), file).toEqual([]);
        // Code blocks and code spans show their text literally; everywhere else HTML must be inert.
        const prose = markdown.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, "").replace(/(?<!\\)(`+)[\s\S]*?\1/g, "");
        expect(prose, file).not.toMatch(/<script|<!--/);
      }

      // Code: bundle and run every module; nothing from a spec executes or adds an export.
      const bundle = path.join(await tempDir("hostile-bundle"), "bundle.mjs");
      const entries = endpoints.map((_, index) => path.join(out, `src/endpoints/fal-ai/hostile${index}.js`));
      await build({ entryPoints: entries, bundle: true, format: "esm", platform: "neutral", outdir: path.dirname(bundle), outExtension: { ".js": ".mjs" }, logLevel: "silent", mainFields: ["module", "main"] });
      for (const [index] of endpoints.entries()) {
        const module = await import(pathToFileURL(path.join(path.dirname(bundle), `hostile${index}.mjs`)).href);
        expect(Object.keys(module).sort()).toEqual(["cancel", "endpointId", "inputSchema", "inputValidator", "outputSchema", "realtime", "result", "run", "status", "stream", "streamStatus", "submit", "subscribe"]);
        expect(module.endpointId).toBe(`fal-ai/hostile${index}`);
      }
      expect((globalThis as Record<string, unknown>)[CANARY]).toBeUndefined();
    }),
    { numRuns: 4, seed: 20261123, endOnFailure: true },
  );
}, 300_000);

// A watcher calls generate() again and again in one Node process: yaml's parser, given a document
// nested tens of thousands of levels deep a second time, aborted Node (V8 out of memory compiling a
// regex), which no try/catch survives. Only a plain Node process showed it (not a vitest worker).
test("specs nested 50,000 levels deep (JSON, YAML flow), generated three times in one process: refused each time", async () => {
  const specs = await tempDir("deep-again");
  const levels = 50_000;
  const deepSchema = `${'{"type":"object","properties":{"a":'.repeat(levels)}{"type":"string"}${"}}".repeat(levels)}`;
  await writeFile(path.join(specs, "deep.json"), JSON.stringify(falSpec("fal-ai/deep")).replace(/"components":\{"schemas":\{/, `"components":{"schemas":{"Deep":${deepSchema},`));
  await writeFile(path.join(specs, "deep.yaml"), `openapi: 3.0.4\nx: ${"[".repeat(levels)}${"]".repeat(levels)}\n`);
  // Beside the specs, in a folder of its own, so it is removed with it when the test ends.
  const script = path.join(await tempDir("deep-again-script"), "generate.mts");
  await writeFile(
    script,
    [
      `import { generate } from ${JSON.stringify(pathToFileURL(path.join(REPO_ROOT, "generator/pipeline.ts")).href)};`,
      "for (let run = 0; run < 3; run++) {",
      `  const report = await generate({ specsDir: ${JSON.stringify(specs)}, outDir: ${JSON.stringify(`${specs}-out`)}, cacheDir: false });`,
      "  console.log(report.errors.map((error) => error.message).join(\"\\n\"));",
      "}",
    ].join("\n"),
  );
  const result = await run(process.execPath, ["--import", "tsx", script], { cwd: REPO_ROOT });
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  const lines = result.stdout.trim().split("\n");
  expect(lines).toHaveLength(6);
  for (const line of lines) expect(line).toMatch(/deep-again-\w+\/deep\.(json:\d+:\d+ \(at #\/components\/schemas\/Deep\)|yaml:2:\d+): nested more than 256 levels deep/);
});
