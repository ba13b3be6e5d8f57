import { SpecError, SpecErrors } from "../errors.js";
import { parseToolArgs, runSpecTool } from "../spec-files/spec-cli.js";
import { writeSpecs } from "../spec-files/write-specs.js";
import { normalizeDocument, type ImportedSpec } from "./normalize.js";
import { readDocument } from "./read-document.js";

const USAGE = `Usage: npm run import -- <openapi.json | URL>... [--out DIR]

Writes <DIR>/<endpoint id>.yaml from fal's queue OpenAPI document for an endpoint, e.g.
https://fal.ai/api/openapi/queue/openapi.json?endpoint_id=fal-ai/flux/dev

  --out DIR   where the specs go (default: specs)`;

async function main(argv: string[]): Promise<number> {
  const args = parseToolArgs("import", USAGE, argv, { out: { type: "string", default: "specs" } });
  if (typeof args === "number") return args;
  const { values, inputs } = args;
  return runSpecTool("import", async () => {
    // Every document is read and checked before anything is written, and every refusal is reported.
    const imported: ImportedSpec[] = [];
    const errors: SpecError[] = [];
    for (const location of inputs) {
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
