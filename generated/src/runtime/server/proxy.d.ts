// falgen's runtime (runtime/server/proxy.ts), written by `falgen generate`. Do not edit.
import type { Credentials } from "../index.js";
export interface ProxyHandlerOptions {
	/** Endpoint ids the proxy may submit to (and whose requests it may read and cancel). */
	allowedEndpoints: string[];
	/** Defaults to FAL_KEY (or FAL_KEY_ID and FAL_KEY_SECRET) of the server. */
	credentials?: Credentials;
	/** @default "https://queue.fal.run" */
	queueUrl?: string;
	/** @default "https://rest.fal.ai" */
	storageUrl?: string;
	/** Where `run` and `stream` go. @default "https://fal.run" */
	runUrl?: string;
	fetch?: typeof fetch;
	/**
	* The largest request body forwarded, in bytes; a larger one (by its Content-Length, or while it
	* is read) is answered 413 `{detail}` without being buffered. Submits carry JSON: files go to
	* storage directly (the upload URL needs no key), and small ones inline as data URIs.
	* @default 4194304 (4 MiB)
	*/
	maxBodyBytes?: number;
}
/** The default of `ProxyHandlerOptions.maxBodyBytes`: 4 MiB. */
export declare const DEFAULT_PROXY_BODY_LIMIT_BYTES: number;
/**
* A handler for fetch-style servers (`(Request) => Promise<Response>`) that lets browsers use a
* FalClient created with `proxyUrl`: it forwards to the URL in `x-fal-target-url` with the server's
* key, but only submits to `allowedEndpoints`, their requests' status/result/cancel, their `run`
* and `stream` calls, and storage upload initiation. Anything else is refused with 403 `{detail}`,
* a body over `maxBodyBytes` with 413, and a target that redirects or cannot be reached with 502:
* redirects are never followed (they would carry the key), and no answer ever contains the key.
*/
export declare function createProxyHandler(options: ProxyHandlerOptions): (request: Request) => Promise<Response>;
