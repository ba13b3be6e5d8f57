import { EXIT, runCommand } from "../cli/command-line.js";
import { CONFIG_OPTIONS, specsFolder } from "../cli/generate.js";
import { printWrittenSpecs } from "../spec-files/spec-cli.js";
import { capturePages } from "./capture-pages.js";
import { printError, printOut } from "../shared/print.js";

const COMMAND = {
  name: "capture",
  writesSpecs: true,
  options: { ...CONFIG_OPTIONS, overrides: { type: "string" } },
  positionals: { name: "<page.txt>", min: 1 },
  usage: `Usage: falgen capture <page.txt>... [--specs DIR] [--overrides DIR]

Writes a spec per endpoint documented on fal model API pages saved as text (each page starts
with a line "About"), with the reviewed judgement calls of --overrides applied on top.

  --specs DIR       where the specs go (default: specs, or the config's)
  --overrides DIR   one YAML file per endpoint, <endpoint id>.yaml: required fields, category, limits
  --config FILE     the config file (default: falgen.config.{ts,mts,mjs,js,json} in this folder)

Exit: 0 written, 1 a page or spec was refused (nothing written), 2 usage or input error.`,
} as const;

/** `falgen capture`: pages -> specs. */
export function captureCommand(argv: string[]): Promise<number> {
  return runCommand(COMMAND, argv, async ({ values, positionals, config }) => {
    const { written, withoutOverrides, warnings } = await capturePages({ pages: positionals, specsDir: specsFolder(values, config), ...(values.overrides !== undefined ? { overridesDir: values.overrides } : {}) });
    for (const warning of warnings) printError(`warning: ${warning}`);
    for (const endpointId of withoutOverrides) printOut(`note: ${endpointId} has no overrides file, so no field is required and it has no category`);
    printWrittenSpecs(COMMAND.name, written);
    return EXIT.ok;
  });
}
