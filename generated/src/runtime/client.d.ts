// falgen's runtime (runtime/client.ts), written by `falgen generate`. Do not edit.
import type { InputValidator } from "./validator.js";
/** A fal key (`key_id:key_secret`), or a function returning one (called per request, so it may rotate). */
export type Credentials = string | (() => string | Promise<string>);
/**
* Exponential backoff with full jitter: attempt n waits a random time in [0, min(maxDelayMs, baseDelayMs * 2^n)).
* A `Retry-After` of the server is honoured up to `maxDelayMs` (and the call's remaining `timeout`);
* a longer one fails the call at once with the server's error.
*/
export interface RetryOptions {
	/** Retries after the first attempt. */
	maxRetries: number;
	baseDelayMs: number;
	/** The longest wait before a retry, including one a `Retry-After` asks for. */
	maxDelayMs: number;
}
export declare const DEFAULT_RETRY_OPTIONS: RetryOptions;
export interface FalClientOptions {
	/** Defaults to `FAL_KEY`, or `FAL_KEY_ID` and `FAL_KEY_SECRET` joined by ":". Never needed with `proxyUrl`. */
	credentials?: Credentials;
	/** @default "https://queue.fal.run" */
	queueUrl?: string;
	/** @default "https://rest.fal.ai" */
	storageUrl?: string;
	/** Where `run` and `stream` call endpoints, and (as ws/wss) where `realtime` connects. @default "https://fal.run" */
	runUrl?: string;
	/**
	* Send every request to this URL instead, with the real URL in the `x-fal-target-url` header; the
	* proxy (see `createProxyHandler`) adds the key, so a browser never holds it.
	*/
	proxyUrl?: string;
	fetch?: typeof fetch;
	/** Retry policy for status, stream, result, cancel and uploads; `false` turns retries off. */
	retry?: Partial<RetryOptions> | false;
	/** Headers added to every queue and storage request. */
	headers?: Record<string, string>;
	/** Check every input before sending it, as if each call passed `validate: true`. @default false */
	validate?: boolean;
	/** The input validators `validate: true` uses (endpoint modules' `inputValidator`), found by their endpoint id. */
	validators?: readonly InputValidator<unknown>[];
}
/** A configured connection to fal; pass it to every endpoint function. */
export interface FalClient {
	readonly queueUrl: string;
	readonly storageUrl: string;
	/**
	* The `runUrl` option as given (`undefined` for fal's host): `run`, `stream` and `realtime` read it
	* through `runBaseUrl`, so a page that only queues carries neither its default nor its trimming.
	*/
	readonly runUrl?: string | undefined;
	readonly retry: RetryOptions | false;
	readonly validate: boolean;
	readonly validators: readonly InputValidator<unknown>[];
}
/**
* A client for the endpoint functions. Its requests (see `Transport`, internal) carry the
* configured headers and the key, or, with `proxyUrl`, all go to the proxy instead, naming the real
* URL in a header (the proxy adds the key).
*/
export declare function createFalClient({ fetch: custom, retry, credentials, proxyUrl, headers, validate, validators, ...urls }?: FalClientOptions): FalClient;
/** Where `run` and `stream` call endpoints and `realtime` connects: the client's `runUrl`, else fal's run host. */
export declare function runBaseUrl(client: FalClient): string;
