import { SpecError, SpecErrors } from "../generator/errors.js";
import type { WrittenSpec } from "./write-specs.js";

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
