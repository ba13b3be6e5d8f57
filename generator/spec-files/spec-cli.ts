import type { WrittenSpec } from "./write-specs.js";
import { printOut } from "../shared/print.js";

/** What add, import, capture and update print for the specs they wrote: each file, then a count. */
export function printWrittenSpecs(command: string, written: readonly WrittenSpec[]): void {
  for (const { file, changed } of written) printOut(`${changed ? "wrote    " : "unchanged"} ${file}`, { oneLine: true });
  printOut(`falgen ${command}: ${written.length} spec(s), ${written.filter((file) => file.changed).length} changed.`);
}
