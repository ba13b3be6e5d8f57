import type { FalClient } from "./client.js";
import { FalError } from "./errors.js";
import { type RetryOptions } from "./retry.js";
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
export declare const TARGET_URL_HEADER = "x-fal-target-url";
/**
 * Request headers as fetch reads them fastest: a plain object (a Headers instance is validated
 * and copied once more). Names are lower case, so a later value replaces an earlier one of any
 * case, as Headers.set would.
 */
export type HeaderRecord = Record<string, string>;
/** Adds `headers` (names lower-cased, undefined values skipped) to `target`, replacing what it had under the same names. */
export declare function addHeaders(target: HeaderRecord, headers: Record<string, string | number | undefined> | undefined): HeaderRecord;
/**
 * Sends a call through the client (which adds the key, or routes it through the proxy). Query and
 * JSON body go through openapi-fetch's serialisers. Its typed-path client is not used: fal's paths
 * carry endpoint ids (whose slashes it would percent-encode), auth and proxying are a fetch
 * wrapper, and its request pipeline would more than double the runtime's bundle.
 */
export declare function callFal(client: FalClient, { url, method, query, headers, body }: FalCall, signal: AbortSignal): Promise<Response>;
/**
 * Sends a call (made anew per attempt) under a retry policy and returns its body: parsed JSON (or
 * text that is not JSON), or with `stream` the raw body. A rejected call becomes `requestError`,
 * an error response `apiErrorFromResponse`; `backoff` decides whether and when to try again.
 */
export declare function send<D>(retry: RetryOptions | false, signal: AbortSignal, idempotent: boolean, call: () => Promise<Response>, stream?: boolean): Promise<D>;
/**
 * Resolves once the connection a response just ended on can carry another request: await it
 * before a request that follows a response at once. Node's fetch (undici) hands an HTTP/1.1
 * connection back to its pool only in the event-loop turn after the response ends (a
 * setImmediate), so a request sent sooner takes another connection, or opens a new one: with many
 * calls in flight, one more socket (and on fal's HTTPS, one more TLS handshake) per call. Where
 * there is no setImmediate (browsers pool connections themselves) nothing is awaited.
 */
export declare function connectionFreed(): Promise<void> | undefined;
/** A fetch failure as a FalError: the abort reason when the call was aborted, else a FalNetworkError. */
export declare function requestError(error: unknown, signal: AbortSignal): FalError;
//# sourceMappingURL=http.d.ts.map