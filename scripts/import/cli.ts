import { parseArgs } from "node:util";
import { SpecError, SpecErrors } from "../../generator/errors.js";
import { runSpecTool } from "../spec-cli.js";
import { writeSpecs } from "../write-specs.js";
import { normalizeDocument, type ImportedSpec } from "./normalize.js";
import { readDocument } from "./read-document.js";

const USAGE = `Usage: npm run import -- <openapi.json | URL>... [--out DIR]

Writes <DIR>/<endpoint id>.yaml from fal's queue OpenAPI document for an endpoint, e.g.
https://fal.ai/api/openapi/queue/openapi.json?endpoint_id=fal-ai/flux/dev

  --out DIR   where the specs go (default: specs)`;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { out: { type: "string", default: "specs" }, help: { type: "boolean", short: "h", default: false } },
    });
  } catch (error) {
    console.error(`import: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) {
    (values.help ? console.log : console.error)(USAGE);
    return values.help ? 0 : 2;
  }
  return runSpecTool("import", async () => {
    // Every document is read and checked before anything is written, and every refusal is reported.
    const imported: ImportedSpec[] = [];
    const errors: SpecError[] = [];
    for (const location of positionals) {
      try {
        imported.push(normalizeDocument(await readDocument(location)));
      } catch (error) {
        if (!(error instanceof SpecError)) throw error;
        errors.push(error);
      }
    }
    if (errors.length > 0) throw new SpecErrors(errors);
    return writeSpecs(values.out, imported);
  });
}

process.exitCode = await main(process.argv.slice(2));
