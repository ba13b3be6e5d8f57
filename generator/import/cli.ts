import { EXIT, runCommand } from "../cli/command-line.js";
import { CONFIG_OPTIONS, specsFolder } from "../cli/generate.js";
import { printWrittenSpecs } from "../spec-files/spec-cli.js";
import { importSpecs } from "./import-specs.js";

const COMMAND = {
  name: "import",
  writesSpecs: true,
  options: CONFIG_OPTIONS,
  positionals: { name: "<openapi.json | URL>", min: 1 },
  usage: `Usage: falgen import <openapi.json | URL>... [--specs DIR]

Writes <specs>/<endpoint id>.yaml from fal's queue OpenAPI document for an endpoint, saved or at
its URL, e.g. https://fal.ai/api/openapi/queue/openapi.json?endpoint_id=fal-ai/flux/dev
Every document is checked first; if one is refused, none is written.

  --specs DIR       where the specs go (default: specs, or the config's)
  --config FILE     the config file (default: falgen.config.{ts,mts,mjs,js,json} in this folder)

Exit: 0 written, 1 a document was refused (nothing written), 2 usage or input error.`,
} as const;

/** `falgen import`: fal documents -> specs. */
export function importCommand(argv: string[]): Promise<number> {
  return runCommand(COMMAND, argv, async ({ values, positionals, config }) => {
    printWrittenSpecs(COMMAND.name, await importSpecs({ locations: positionals, specsDir: specsFolder(values, config) }));
    return EXIT.ok;
  });
}
