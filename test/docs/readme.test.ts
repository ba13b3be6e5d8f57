import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { checkProgram } from "../helpers/check-program.js";
import { REPO_ROOT, SHARED_FIXTURES, tempDir } from "../helpers/temp-dir.js";
import { tsBlocks } from "../helpers/typecheck.js";

/**
 * Every TypeScript block of the root README type-checks under strict: the config file and the API
 * against falgen's own declarations (dist/types, what `import ... from "falgen"` loads), the
 * package examples against @falgen/models (generated/) and an @acme/fal generated here from the
 * endpoints the README names.
 */
test("every TypeScript block of README.md type-checks", async () => {
  const dir = await tempDir("readme-blocks");
  const specs = path.join(dir, "specs");
  await mkdir(specs);
  await cp(path.join(SHARED_FIXTURES, "fal-ai__flux__dev.json"), path.join(specs, "fal-ai__flux__dev.json"));
  await cp(path.join(REPO_ROOT, "specs/fal-ai/qwen-image.yaml"), path.join(specs, "qwen-image.yaml"));
  const report = await generate({ specsDir: specs, outDir: path.join(dir, "acme"), name: "@acme/fal", cacheDir: false });
  expect(report.errors).toEqual([]);

  const blocks = tsBlocks(await readFile(path.join(REPO_ROOT, "README.md"), "utf8"));
  expect(blocks.length).toBeGreaterThanOrEqual(4);
  const files = await Promise.all(
    blocks.map(async (block, index) => {
      const file = `block_${index}.ts`;
      await writeFile(path.join(dir, file), `${block}\nexport {};\n`);
      return file;
    }),
  );
  const relative = (to: string) => path.relative(dir, to).split(path.sep).join("/");
  const config = {
    compilerOptions: {
      target: "ES2022",
      module: "NodeNext",
      moduleResolution: "NodeNext",
      lib: ["ES2022", "DOM", "DOM.Iterable"],
      types: ["node"],
      typeRoots: [relative(path.join(REPO_ROOT, "node_modules/@types"))],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      allowImportingTsExtensions: true,
      baseUrl: ".",
      paths: {
        // What `import ... from "falgen"` gives a user: the build's declarations (test/global-setup.ts
        // rebuilds them when generator/ changed), not the sources, which tsc would check whole.
        falgen: [relative(path.join(REPO_ROOT, "dist/types/index.d.ts"))],
        "@falgen/models": [relative(path.join(REPO_ROOT, "generated/src/index.ts"))],
        "@falgen/models/*": [relative(path.join(REPO_ROOT, "generated/src/endpoints/*.ts"))],
        "@acme/fal": ["acme/src/index.ts"],
        "@acme/fal/*": ["acme/src/endpoints/*.ts"],
      },
    },
    files,
  };
  await writeFile(path.join(dir, "package.json"), JSON.stringify({ type: "module", private: true }));
  await writeFile(path.join(dir, "tsconfig.json"), JSON.stringify(config, null, 2));
  const result = checkProgram(path.join(dir, "tsconfig.json"), REPO_ROOT);
  expect(result.stdout).toBe("");
  expect(result.code).toBe(0);
});
