/**
 * The peer of falgen's generation: what a user would run instead, openapi-typescript turning each
 * document of the corpus into a `.ts` file of types. Its documented API (`openapiTS` then
 * `astToString`), in one process, one document after another: the fastest honest way (its CLI
 * takes one document per run, so 1,000 runs would mostly measure Node starting up).
 */
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";
import { childInput, replyToHarness } from "./protocol.js";

export interface OpenapiTypescriptCorpusInput {
  corpusDir: string;
  outDir: string;
}

export interface OpenapiTypescriptCorpusOutput {
  documents: number;
}

const { corpusDir, outDir } = childInput<OpenapiTypescriptCorpusInput>();
// Listed with plain fs rather than falgen's loader, so the peer's process loads none of falgen.
const files = (await readdir(corpusDir, { recursive: true })).filter((file) => file.endsWith(".json")).sort();
for (const file of files) {
  const document = JSON.parse(await readFile(path.join(corpusDir, file), "utf8")) as OpenAPI3;
  const types = astToString(await openapiTS(document, { silent: true }));
  const target = path.join(outDir, file.replace(/\.json$/, ".ts"));
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, types);
}
replyToHarness({ documents: files.length } satisfies OpenapiTypescriptCorpusOutput);
