import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Writes a cache file whole (a temporary file, then a rename), so a reader never sees half of one.
 * A cache that cannot be written only costs speed: failures are ignored.
 */
export function writeCacheFile(file: string, contents: string): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, contents);
    renameSync(partial, file);
  } catch {
    // see above
  }
}
