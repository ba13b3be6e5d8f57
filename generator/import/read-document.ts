import { readFile } from "node:fs/promises";
import { SpecError } from "../errors.js";
import { decodeSpec, type SpecSource } from "../load/parse-spec.js";

const FETCH_TIMEOUT_MS = 30_000;

/**
 * A served document, from a file or an http(s) URL such as
 * `https://fal.ai/api/openapi/queue/openapi.json?endpoint_id=<id>`. JSON unless the name ends in
 * .yaml/.yml; decoded strictly as UTF-8 by the generator's own reader.
 */
export async function readDocument(location: string): Promise<SpecSource> {
  if (!/^https?:\/\//i.test(location)) {
    const bytes = await readFile(location).catch((error: NodeJS.ErrnoException) => {
      throw new SpecError({ file: location }, `cannot read the document (${error.code ?? error.message})`);
    });
    return { ...decodeSpec(location, bytes), isJson: !isYamlName(location) };
  }
  let response: Response;
  try {
    response = await fetch(location, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: "application/json" } });
  } catch (error) {
    const cause = (error as Error & { cause?: Error }).cause;
    throw new SpecError({ file: location }, `cannot fetch the document (${cause?.message ?? (error as Error).message})`);
  }
  if (!response.ok) throw new SpecError({ file: location }, `cannot fetch the document: HTTP ${response.status} ${response.statusText}`.trimEnd());
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { ...decodeSpec(location, bytes), isJson: !isYamlName(new URL(location).pathname) };
}

function isYamlName(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}
