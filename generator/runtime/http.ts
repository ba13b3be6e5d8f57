import { createQuerySerializer, defaultBodySerializer } from "openapi-fetch";
import { abortError, fetchSignal } from "./abort.js";
import type { FalClient } from "./client.js";
import { apiErrorFromResponse, FalError, FalNetworkError, FalResponseError } from "./errors.js";
import { backoff, type RetryOptions } from "./retry.js";

/** The queue's answer to a submit. */
export interface SubmitResponse {
  request_id: string;
  response_url: string;
  status_url: string;
  cancel_url: string;
  queue_position: number;
}

/** One fal API call: the URL, and what to send with it. */
export interface FalCall {
  url: string;
  method?: "GET" | "POST" | "PUT";
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string | number | undefined>;
  /** Sent as JSON. */
  body?: unknown;
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

// Pure: a program that never calls `callFal` (a realtime-only page) drops it and openapi-fetch.
const serializeQuery = /* @__PURE__ */ createQuerySerializer();

/**
 * Sends a call through the client (which adds the key, or routes it through the proxy). Query and
 * JSON body go through openapi-fetch's serialisers. Its typed-path client is not used: fal's paths
 * carry endpoint ids (whose slashes it would percent-encode), auth and proxying are a fetch
 * wrapper, and its request pipeline would more than double the runtime's bundle.
 */
export function callFal(client: FalClient, { url, method = "GET", query, headers, body }: FalCall, signal: AbortSignal): Promise<Response> {
  const search = query ? serializeQuery(query) : "";
  const json = body !== undefined;
  return client.send(search ? `${url}?${search}` : url, {
    method,
    headers: addHeaders(json ? { "content-type": "application/json" } : {}, headers),
    body: json ? defaultBodySerializer(body) : undefined,
    signal: fetchSignal(signal),
  });
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

/**
 * Sends a call (made anew per attempt) under a retry policy and returns its body: with `reader`
 * the JSON it expects (anything else, e.g. an HTML page, is a FalResponseError), without it parsed
 * JSON or the text that is not JSON, or with `stream` the raw body. A rejected call, or a body cut
 * off mid-way, becomes `requestError`, an error response `apiErrorFromResponse`; `backoff` decides
 * whether and when to try again.
 */
export async function send<D>(
  retry: RetryOptions | false,
  signal: AbortSignal,
  idempotent: boolean,
  call: () => Promise<Response>,
  stream?: boolean,
  reader?: BodyReader<D>,
): Promise<D> {
  // The attempt loop is written out here, in the one function every call goes through, rather than
  // wrapped in a closure per call: one suspended function per request in flight, not three.
  for (let attempt = 0; ; attempt++) {
    // Only a rejected call is a request error: one that throws before it sends stays what it is.
    const pending = call();
    try {
      let response: Response;
      try {
        response = await pending;
      } catch (cause) {
        throw requestError(cause, signal);
      }
      if (stream && response.ok) return response.body as D;
      const requestId = response.headers.get("x-fal-request-id") ?? undefined;
      let text: string;
      try {
        text = await response.text();
      } catch (cause) {
        // The connection dropped after the headers: the request did arrive, and its id may be known.
        throw requestError(cause, signal, requestId);
      }
      // Parsed JSON, or the text itself when it is not JSON (which no reader accepts).
      let body: unknown = text;
      let json = true;
      try {
        body = JSON.parse(text);
      } catch {
        json = false;
      }
      if (!response.ok) throw apiErrorFromResponse(response, body);
      if (!reader) return body as D;
      const data = json ? reader.read(body) : undefined;
      if (data === undefined) throw new FalResponseError(response.status, reader.what, text, { requestId });
      return data;
    } catch (error) {
      await backoff(retry, signal, idempotent, error, attempt);
    }
  }
}

const setImmediateIfAny = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;

/**
 * Resolves once the connection a response just ended on can carry another request: await it
 * before a request that follows a response at once. Node's fetch (undici) hands an HTTP/1.1
 * connection back to its pool only in the event-loop turn after the response ends (a
 * setImmediate), so a request sent sooner takes another connection, or opens a new one: with many
 * calls in flight, one more socket (and on fal's HTTPS, one more TLS handshake) per call. Where
 * there is no setImmediate (browsers pool connections themselves) nothing is awaited.
 */
export function connectionFreed(): Promise<void> | undefined {
  return setImmediateIfAny && new Promise((resolve) => setImmediateIfAny(resolve));
}

// Connection-level failures before any byte left (Node/undici codes). Elsewhere nothing proves
// that, so those errors count as sent.
const NEVER_SENT_CODE = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH|UND_ERR_CONNECT_TIMEOUT)$/;

/**
 * A fetch failure as a FalError: the abort reason when the call was aborted, else a
 * FalNetworkError (with `requestId` when the response's headers named it).
 */
export function requestError(error: unknown, signal: AbortSignal, requestId?: string): FalError {
  if (signal.aborted) return abortError(signal);
  if (error instanceof FalError) return error;
  const cause = (error as { cause?: { code?: unknown } } | null | undefined)?.cause;
  const message = error instanceof Error ? error.message : String(error);
  return new FalNetworkError(`Network error: ${message}${cause instanceof Error ? ` (${cause.message})` : ""}`, {
    cause: error,
    requestId,
    requestSent: !NEVER_SENT_CODE.test(String(cause?.code)),
  });
}
