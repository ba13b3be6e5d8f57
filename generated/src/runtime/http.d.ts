// falgen's runtime (runtime/http.ts), written by `falgen generate`. Do not edit.
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
export declare const JSON_BODY: BodyReader<unknown>;
/**
* Sends a call (made anew per attempt) under a retry policy and returns its body: with `reader`
* the JSON it expects (anything else, e.g. an HTML page, is a FalResponseError), without it parsed
* JSON or the text that is not JSON, or with `stream` the raw body. A rejected call, or a body cut
* off mid-way, becomes `requestError`, an error response `apiErrorFromResponse`; `backoff` decides
* whether and when to try again.
*/
export declare function send<D>(retry: RetryOptions | false, signal: AbortSignal, idempotent: boolean, call: () => Promise<Response>, stream?: boolean, reader?: BodyReader<D>): Promise<D>;
/**
* Resolves once the connection a response just ended on can carry another request: await it
* before a request that follows a response at once. Node's fetch (undici) hands an HTTP/1.1
* connection back to its pool only in the event-loop turn after the response ends (a
* setImmediate), so a request sent sooner takes another connection, or opens a new one: with many
* calls in flight, one more socket (and on fal's HTTPS, one more TLS handshake) per call. Where
* there is no setImmediate (browsers pool connections themselves) nothing is awaited.
*/
export declare function connectionFreed(): Promise<void> | undefined;
/**
* A fetch failure as a FalError: the abort reason when the call was aborted, else a
* FalNetworkError (with `requestId` when the response's headers named it).
*/
export declare function requestError(error: unknown, signal: AbortSignal, requestId?: string): FalError;
