import { serializePrimitiveParam } from "openapi-fetch";
import type { FalClient, RetryOptions } from "../index.js";
import { apiErrorFromResponse, FalError, FalNetworkError, FalResponseError, tooLargeError } from "../errors.js";
import { abortError, fetchSignal } from "./abort.js";
import { readLimited, TOO_LARGE } from "./read-limited.js";
import { backoff } from "./retry.js";
import { neverSent } from "#undici";

/**
 * The largest response body the runtime reads, in bytes (256 MiB): a larger one (submit, status,
 * result, cancel, run, error, storage or token answer, a stream route's single JSON answer, an
 * output stream's event) fails its call with a FalResponseError, without reading the rest. fal
 * outputs may carry files inline as `data:` URIs (`sync_mode`), so the limit is far above any
 * answer fal sends, and safely below the longest string JavaScript engines make (V8: 512 Mi
 * characters), which a larger body would crash the process on.
 */
export const RESPONSE_BODY_LIMIT_BYTES: number = 256 * 2 ** 20;

/**
 * What a client holds besides its public options: how requests reach fal. Kept under a symbol, so
 * it is neither part of `FalClient`'s type nor in the way of users' code, while reading it costs a
 * property access per request.
 */
export interface Transport {
  /**
   * Sends a fal API request (its body a string or absent, its header names lower case): with the
   * configured headers and the key added, or through the proxy. `init` and its headers are
   * completed in place, so each must be the call's own. May throw (a custom fetch that does), not
   * only reject: `request` treats both alike.
   */
  send(url: string, init: RequestInit & { headers: HeaderRecord }): Promise<Response>;
  /** Plain fetch, for uploads to the signed storage URL (which must not receive the key). */
  fetch: typeof fetch;
}

export const TRANSPORT: unique symbol = Symbol("fal transport");

/** The transport `createFalClient` put on the client; a FalError for an object it did not make. */
export function transport(client: FalClient): Transport {
  const found = (client as FalClient & { [TRANSPORT]?: Transport })[TRANSPORT];
  if (!found) throw new FalError("Not a fal client: pass what createFalClient() returns");
  return found;
}

/** The header a proxy reads the real destination from. */
export const TARGET_URL_HEADER = "x-fal-target-url";

/**
 * Request headers as fetch reads them fastest: a plain object (a Headers instance is validated
 * and copied once more). Names are lower case, so a later value replaces an earlier one of any
 * case, as Headers.set would.
 */
export type HeaderRecord = Record<string, string>;

/** Adds `headers` (names lower-cased, undefined values skipped) to `target`, replacing what it had under the same names. */
export function addHeaders(target: HeaderRecord, headers: Record<string, string | number | undefined> | undefined): HeaderRecord {
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) target[name.toLowerCase()] = String(value);
  }
  return target;
}

/**
 * What a call expects a success body to be: `read` returns the body (parsed JSON) as the call
 * returns it, or undefined when it is not what fal sends (then a FalResponseError naming `what`
 * is thrown). A body that is not JSON is never handed to `read`.
 */
export interface BodyReader<D> {
  /** What the body should be, for the error message, e.g. "a queue status". */
  what: string;
  read(body: unknown): D | undefined;
}

/** Any JSON body. */
export const JSON_BODY: BodyReader<unknown> = { what: "JSON", read: (body) => body };

/** One request to fal, and how to treat its answer. */
export interface RequestOptions<D> {
  url: string;
  /** @default "GET" */
  method?: "GET" | "POST" | "PUT";
  /** Added to the URL; undefined values are left out. Flat: fal's query parameters are all primitives. */
  query?: Record<string, string | number | undefined>;
  /** Undefined values are left out. */
  headers?: Record<string, string | number | undefined>;
  /** Sent as JSON; a Blob is sent as it is (an upload). */
  body?: unknown;
  /** Aborts the request, and the waits between its attempts (its `deadline`, if any, bounds them). */
  signal: AbortSignal;
  /**
   * Whether the request may be repeated once it may have arrived: true for status, stream, result,
   * cancel and uploads; false for submit, run and stream, which are resent only when they provably
   * never left (see `isRetryable`).
   */
  idempotent: boolean;
  /** @default the client's retry policy; `false` tries once */
  retry?: RetryOptions | false;
  /** Return the raw body of a success (an event stream) instead of reading it. */
  stream?: boolean;
  /** What a success body must be (anything else is a FalResponseError); without it, JSON or the text that is not JSON. */
  reader?: BodyReader<D>;
  /** Sent with the client's plain fetch: no key, no configured headers, no proxy (a signed upload URL). */
  plain?: boolean;
  /** Called with each response, before its body is read (for its headers). */
  onResponse?: (response: Response) => void;
}

/**
 * Sends a request under the retry policy and returns its body: with `reader` the JSON it expects,
 * without it parsed JSON or the text that is not JSON, or with `stream` the raw body. Every fal
 * request goes through here: a rejected fetch, or a body cut off mid-way, becomes `requestError`,
 * an error response `apiErrorFromResponse`, and `backoff` decides whether and when to try again.
 */
export async function request<D>(client: FalClient, options: RequestOptions<D>): Promise<D> {
  const { signal, reader, query, body } = options;
  const { send, fetch } = transport(client);
  let { url } = options;
  // The query through openapi-fetch's parameter serialiser. Its typed-path client is not used:
  // fal's paths carry endpoint ids (whose slashes it would percent-encode), auth and proxying are
  // the client's transport, and its request pipeline would more than double the runtime's bundle.
  // Only what fal's requests need goes into a page: the primitive serialiser, not
  // `createQuerySerializer` with the array and object styles no fal parameter has, and the body
  // as JSON.stringify, which is what `defaultBodySerializer` does with a JSON body after checking
  // for FormData and a form content type no fal request sends.
  const search: string[] = [];
  for (const name in query) if (query[name] !== undefined) search.push(serializePrimitiveParam(name, String(query[name])));
  if (search[0]) url += `?${search.join("&")}`;
  const json = body !== undefined && !(body instanceof Blob);
  let sent: string | Blob | undefined;
  try {
    sent = json ? JSON.stringify(body) : (body as Blob | undefined);
  } catch (cause) {
    // A BigInt, a cycle, a throwing toJSON: the input has no JSON form (the cause's message says why).
    throw new FalError(`Invalid input, nothing was sent: ${(cause as Error).message}`, { cause });
  }
  // The attempt loop is written out here, in the one function every call goes through, rather than
  // wrapped in a closure per call: one suspended function per request in flight, not three.
  for (let attempt = 0; ; attempt++) {
    // The id the response's headers name, once they arrived.
    let requestId: string | undefined;
    try {
      let response: Response;
      // Made anew per attempt: the client completes each init in place.
      const init = {
        method: options.method ?? "GET",
        headers: addHeaders(json ? { "content-type": "application/json" } : {}, options.headers),
        body: sent,
        signal: fetchSignal(signal),
      };
      try {
        response = await (options.plain ? fetch : send)(url, init);
      } catch (cause) {
        // A fetch that failed or threw; the client's own errors (no credentials) stay what they are.
        throw requestError(cause, signal);
      }
      options.onResponse?.(response);
      if (options.stream && response.ok) return response.body as D;
      requestId = response.headers.get("x-fal-request-id") ?? undefined;
      const text = await readText(response, signal);
      // Parsed JSON, or the text itself when it is not JSON (which no reader accepts).
      let parsed: unknown = text;
      let isJson: true | undefined;
      try {
        parsed = JSON.parse(text);
        isJson = true;
      } catch {}
      if (!response.ok) throw apiErrorFromResponse(response, parsed);
      if (!reader) return parsed as D;
      const data = isJson ? reader.read(parsed) : undefined;
      if (data === undefined) throw new FalResponseError(response.status, reader.what, text);
      return data;
    } catch (error) {
      // Whatever failed after the headers keeps the id they named, an abort's reason included: a
      // submit's or a run's request may have arrived, and the id is how to find it.
      if (error instanceof FalError) error.requestId ??= requestId;
      await backoff(options.retry ?? client.retry, signal, options.idempotent, error, attempt);
    }
  }
}

/**
 * A response's body as text, read up to RESPONSE_BODY_LIMIT_BYTES (a larger one is a
 * FalResponseError, the rest unread); with `onChunk`, an event stream's chunks go to it instead,
 * without a limit on their total (its reader limits each event). An abort of `signal` cancels the
 * read, which frees the connection: nothing keeps downloading once the call ended. A failed read is
 * `requestError`.
 */
export async function readText(response: Response, signal: AbortSignal, onChunk?: (chunk: Uint8Array) => void): Promise<string> {
  let bytes: Awaited<ReturnType<typeof readLimited>>;
  try {
    bytes = await readLimited(response, onChunk ? Infinity : RESPONSE_BODY_LIMIT_BYTES, fetchSignal(signal), onChunk);
  } catch (cause) {
    // The connection dropped after the headers: the request did arrive.
    throw requestError(cause, signal);
  }
  if (bytes === TOO_LARGE) throw tooLargeError(response.status, "a body", RESPONSE_BODY_LIMIT_BYTES);
  return new TextDecoder().decode(bytes);
}

/** A fetch failure as a FalError: the abort reason when the call was aborted, else a FalNetworkError. */
export function requestError(error: unknown, signal: AbortSignal): FalError {
  if (signal.aborted) return abortError(signal);
  if (error instanceof FalError) return error;
  const cause = (error as { cause?: { code?: unknown } } | null | undefined)?.cause;
  const message = error instanceof Error ? error.message : String(error);
  return new FalNetworkError(`Network error: ${message}${cause instanceof Error ? ` (${cause.message})` : ""}`, {
    cause: error,
    requestSent: !neverSent(error),
  });
}
