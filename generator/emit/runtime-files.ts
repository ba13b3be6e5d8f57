import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The runtime's sources ship beside the generator: generator/runtime/ here, dist/runtime/ once built (scripts/build.ts). */
const RUNTIME_DIR = fileURLToPath(new URL("../runtime/", import.meta.url));

/**
 * The runtime's sources (path below runtime/, with "/" -> TypeScript), in name order: what
 * `emitRuntimeFiles` compiles into the package. Its folders (internal/, server/) included, their
 * paths written as the package's imports write them, on any OS.
 */
export function runtimeSources(): Map<string, string> {
  const names = readdirSync(RUNTIME_DIR, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".ts"))
    .map((name) => name.replaceAll("\\", "/"))
    .sort();
  return new Map(names.map((name) => [name, readFileSync(`${RUNTIME_DIR}${name}`, "utf8")]));
}
