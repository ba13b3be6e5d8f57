import { open } from "node:fs/promises";
import { fileProblem, InputError, SpecError } from "../errors.js";
import { readLimited, TOO_LARGE } from "../runtime/internal/read-limited.js";
import { refuseUserInfo } from "../shared/base-url.js";
import { decodeSpec, type SpecSource } from "../load/parse-spec.js";

const FETCH_TIMEOUT_MS = 30_000;

/**
 * The largest document read or fetched: fal's queue documents are under 1 MB, and a file or server
 * that never ends (`/dev/zero`, a hostile URL) must end in an error, not in all the memory there is.
 */
export const MAX_DOCUMENT_BYTES = 32 * 1024 * 1024;
const tooLarge = (location: string) => new SpecError({ file: location }, `the document is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB; fal's are under 1 MB`);

/** Where fal serves every endpoint's queue document (`/api/openapi/queue/openapi.json?endpoint_id=<id>`). */
export const FAL_DOCUMENTS_URL = "https://fal.ai";

/** The URL of an endpoint's queue document on `from` (fal.ai, or a simulator's URL). */
export function queueDocumentUrl(endpointId: string, from: string = FAL_DOCUMENTS_URL): string {
  const url = new URL(`${from.replace(/\/+$/, "")}/api/openapi/queue/openapi.json`);
  url.searchParams.set("endpoint_id", endpointId);
  return url.href;
}

/** A document the server answered with an HTTP error status (404: no such endpoint). */
export class DocumentHttpError extends SpecError {
  readonly status: number;
  constructor(location: string, response: Response) {
    // After a redirect the status is the last URL's: name it, or the error blames the first.
    const where = response.redirected ? ` from ${response.url}, where ${location} redirected` : "";
    super({ file: location }, `cannot fetch the document: HTTP ${`${response.status} ${response.statusText}`.trimEnd()}${where}`);
    this.status = response.status;
  }
}

/**
 * A served document, from a file or an http(s) URL such as
 * `https://fal.ai/api/openapi/queue/openapi.json?endpoint_id=<id>`. JSON unless the name ends in
 * .yaml/.yml; decoded strictly as UTF-8 by the generator's own reader.
 * @throws {SpecError} for a document that cannot be fetched or decoded, and an InputError for a
 * file that is not there or cannot be read (a usage error, as a missing folder is everywhere) and
 * for a URL with a user name or password.
 */
export async function readDocument(location: string): Promise<SpecSource> {
  if (!/^https?:\/\//i.test(location)) return { ...decodeSpec(location, await readDocumentFile(location)), isJson: !isYamlName(location) };
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    throw new SpecError({ file: location }, "not a valid URL");
  }
  refuseUserInfo(`document ${url.protocol}//${url.host}${url.pathname}`, url);
  let response: Response;
  const signal = AbortSignal.timeout(FETCH_TIMEOUT_MS);
  try {
    response = await fetch(location, { signal, headers: { accept: "application/json" } });
  } catch (error) {
    const cause = (error as Error & { cause?: Error }).cause;
    throw new SpecError({ file: location }, `cannot fetch the document (${cause?.message ?? (error as Error).message})`);
  }
  if (!response.ok) throw new DocumentHttpError(location, response);
  let bytes: Uint8Array | typeof TOO_LARGE;
  try {
    // Within the same time limit: a body that stalls after its headers ends too, its connection let go.
    bytes = await readLimited(response, MAX_DOCUMENT_BYTES, signal);
  } catch (error) {
    const reason = signal.aborted ? `no whole answer within ${FETCH_TIMEOUT_MS / 1000} s` : `the connection broke mid-answer: ${(error as Error).message}`;
    throw new SpecError({ file: location }, `cannot fetch the document (${reason})`);
  }
  if (bytes === TOO_LARGE) throw tooLarge(location);
  return { ...decodeSpec(location, bytes), isJson: !isYamlName(new URL(location).pathname) };
}

/**
 * A document file's bytes: a regular file of at most MAX_DOCUMENT_BYTES (not a device, a pipe or a
 * folder). A path that names no readable file is an InputError.
 */
async function readDocumentFile(location: string): Promise<Uint8Array> {
  const unreadable = (why: string) => new InputError(`${location}: cannot read the document (${why})`);
  const refuse = (error: NodeJS.ErrnoException) => {
    throw unreadable(fileProblem(error));
  };
  const file = await open(location).catch(refuse);
  try {
    const stats = await file.stat();
    if (!stats.isFile()) throw unreadable(stats.isDirectory() ? "a folder, not a file" : "not a regular file");
    if (stats.size > MAX_DOCUMENT_BYTES) throw tooLarge(location);
    return await file.readFile().catch(refuse);
  } finally {
    await file.close();
  }
}

function isYamlName(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}
