import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The runtime's sources ship beside the generator: generator/runtime/ here, dist/runtime/ once built (scripts/build.ts). */
const RUNTIME_DIR = fileURLToPath(new URL("../runtime/", import.meta.url));

/** The runtime's sources (file name -> TypeScript), in name order: what `emitRuntimeFiles` compiles into the package. */
export function runtimeSources(): Map<string, string> {
  const names = readdirSync(RUNTIME_DIR).filter((name) => name.endsWith(".ts")).sort();
  return new Map(names.map((name) => [name, readFileSync(`${RUNTIME_DIR}${name}`, "utf8")]));
}
