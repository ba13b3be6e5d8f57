// falgen's runtime (runtime/internal/request.ts), written by `falgen generate`. Do not edit.
import type { FalClient, RetryOptions } from "../index.js";
import { FalError } from "../errors.js";
/**
* The largest response body the runtime reads, in bytes (256 MiB): a larger one (submit, status,
* result, cancel, run, error, storage or token answer, a stream route's single JSON answer, an
* output stream's event) fails its call with a FalResponseError, without reading the rest. fal
* outputs may carry files inline as `data:` URIs (`sync_mode`), so the limit is far above any
* answer fal sends, and safely below the longest string JavaScript engines make (V8: 512 Mi
* characters), which a larger body would crash the process on.
*/
export declare const RESPONSE_BODY_LIMIT_BYTES: number;
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
	send(url: string, init: RequestInit & {
		headers: HeaderRecord;
	}): Promise<Response>;
	/** Plain fetch, for uploads to the signed storage URL (which must not receive the key). */
	fetch: typeof fetch;
}
export declare const TRANSPORT: unique symbol;
/** The transport `createFalClient` put on the client; a FalError for an object it did not make. */
export declare function transport(client: FalClient): Transport;
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
export declare function request<D>(client: FalClient, options: RequestOptions<D>): Promise<D>;
/**
* A response's body as text, read up to RESPONSE_BODY_LIMIT_BYTES (a larger one is a
* FalResponseError, the rest unread); with `onChunk`, an event stream's chunks go to it instead,
* without a limit on their total (its reader limits each event). An abort of `signal` cancels the
* read, which frees the connection: nothing keeps downloading once the call ended. A failed read is
* `requestError`.
*/
export declare function readText(response: Response, signal: AbortSignal, onChunk?: (chunk: Uint8Array) => void): Promise<string>;
/** A fetch failure as a FalError: the abort reason when the call was aborted, else a FalNetworkError. */
export declare function requestError(error: unknown, signal: AbortSignal): FalError;
