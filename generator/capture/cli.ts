import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { SpecError } from "../errors.js";
import { parseToolArgs, runSpecTool } from "../spec-files/spec-cli.js";
import { writeSpecs } from "../spec-files/write-specs.js";
import { captureSpecs } from "./capture.js";
import { loadOverrides } from "./overrides.js";
import { parsePages, type Page } from "./parse-page.js";

const DEFAULT_OVERRIDES = fileURLToPath(new URL("../../scripts/capture-overrides", import.meta.url));

const USAGE = `Usage: npm run capture -- <page.txt>... [--out DIR] [--overrides DIR]

Writes a spec per endpoint documented on fal model API pages saved as text (each page starts
with a line "About"), with the reviewed judgement calls of --overrides applied on top.

  --out DIR         where the specs go (default: specs)
  --overrides DIR   one YAML file per endpoint, <endpoint id>.yaml (default: scripts/capture-overrides)`;

async function main(argv: string[]): Promise<number> {
  const args = parseToolArgs("capture", USAGE, argv, { out: { type: "string", default: "specs" }, overrides: { type: "string", default: DEFAULT_OVERRIDES } });
  if (typeof args === "number") return args;
  const { values, inputs } = args;
  return runSpecTool("capture", async () => {
    const pages: Page[] = [];
    for (const file of inputs) pages.push(...parsePages(file, await readPage(file)));
    const captured = captureSpecs(pages, await loadOverrides(values.overrides));
    for (const { endpointId, overrides, warnings } of captured) {
      for (const warning of warnings) console.error(`warning: ${warning}`);
      if (!overrides) console.log(`note: ${endpointId} has no overrides file, so no field is required and it has no category`);
    }
    return writeSpecs(values.out, captured);
  });
}

async function readPage(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    throw new SpecError({ file }, `cannot read the page file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

process.exitCode = await main(process.argv.slice(2));
