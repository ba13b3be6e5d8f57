import { parseArgs, type ParseArgsConfig } from "node:util";
import { SpecError, SpecErrors } from "../errors.js";
import type { WrittenSpec } from "./write-specs.js";

type StringOptions = Record<string, { type: "string"; default: string }>;

/**
 * Parses a spec tool's command line: its string options, `--help`, and one or more inputs.
 * Returns the exit code instead when the words are off (2, usage on stderr) or help was asked (0).
 */
export function parseToolArgs<O extends StringOptions>(tool: string, usage: string, argv: string[], options: O): { values: { [K in keyof O]: string }; inputs: string[] } | number {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { ...options, help: { type: "boolean", short: "h", default: false } } as ParseArgsConfig["options"] });
  } catch (error) {
    console.error(`${tool}: ${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  const { positionals } = parsed;
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help || positionals.length === 0) {
    (values.help ? console.log : console.error)(usage);
    return values.help ? 0 : 2;
  }
  return { values: values as { [K in keyof O]: string }, inputs: positionals };
}

/**
 * What capture and import print, the same way: each written spec, or each located error and the
 * fact that nothing was written. Returns the exit code.
 */
export async function runSpecTool(tool: string, run: () => Promise<WrittenSpec[]>): Promise<number> {
  let written: WrittenSpec[];
  try {
    written = await run();
  } catch (error) {
    const errors = error instanceof SpecErrors ? error.errors : error instanceof SpecError ? [error] : undefined;
    if (!errors) throw error;
    for (const each of errors) console.error(`error: ${each.message}`);
    console.error(`${tool}: nothing was written.`);
    return 1;
  }
  for (const { file, changed } of written) console.log(`${changed ? "wrote    " : "unchanged"} ${file}`);
  console.log(`${tool}: ${written.length} spec(s), ${written.filter((file) => file.changed).length} changed.`);
  return 0;
}
