// falgen's runtime (runtime/client.ts), written by `falgen generate`. Do not edit.
import { type Credentials } from "./credentials.js";
import { type HeaderRecord } from "./http.js";
import { type RetryOptions } from "./retry.js";
import type { InputValidator } from "./validator.js";
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
	/** Plain fetch, for uploads to the signed storage URL (which must not receive the key). */
	readonly fetch: typeof fetch;
	/**
	* Sends a fal API request (its body a string or absent, its header names lower case): with the
	* configured headers and the key added, or through the proxy. `init` and its headers are
	* completed in place, so each must be the call's own.
	*/
	readonly send: (url: string, init: RequestInit & {
		headers: HeaderRecord;
	}) => Promise<Response>;
	readonly validate: boolean;
	readonly validators: readonly InputValidator<unknown>[];
}
/**
* The client's `send` adds the configured headers and the key, or, with `proxyUrl`, sends every
* request to the proxy instead, naming the real URL in a header (the proxy adds the key).
*/
export declare function createFalClient({ fetch: custom, retry, credentials, proxyUrl, headers, validate, validators, ...urls }?: FalClientOptions): FalClient;
/** Where `run` and `stream` call endpoints and `realtime` connects: the client's `runUrl`, else fal's run host. */
export declare function runBaseUrl(client: FalClient): string;
