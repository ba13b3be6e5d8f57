// falgen's runtime (runtime/client.ts), written by `falgen generate`. Do not edit.
import { resolveCredentials } from "./internal/credentials.js";
import { addHeaders, TARGET_URL_HEADER, TRANSPORT } from "./internal/request.js";
import { directRequestInit } from "#undici";
/** See index.ts, which declares it for users. */
export const DEFAULT_RETRY_OPTIONS = {
	maxRetries: 3,
	baseDelayMs: 500,
	maxDelayMs: 1e4
};
/**
* See index.ts, which declares it for users. The client's requests go through its `Transport`
* (internal, under a symbol): `send` adds the configured headers and the key, or sends to the proxy.
*/
export function createFalClient({ fetch: custom, retry, credentials, proxyUrl, headers, validate = false, validators = [], ...urls } = {}) {
	// Called bare: browsers reject fetch invoked as a method of another object ("Illegal invocation").
	const fetch = (input, init) => (custom ?? globalThis.fetch)(input, init);
	// Lower-cased once; each request's own headers win over them.
	const defaults = Object.entries(addHeaders({}, headers));
	const direct = directRequestInit();
	const transport = {
		fetch,
		// Not async: it hands back fetch's own promise, rather than one more that waits on it. It
		// completes the caller's init in place instead of copying it, as this runs for every request.
		send(url, init) {
			const { headers } = init;
			for (const [name, value] of defaults) headers[name] ??= value;
			const withKey = (key) => {
				headers.authorization = `Key ${key}`;
				return fetch(url, Object.assign(init, direct));
			};
			try {
				if (proxyUrl !== undefined) {
					headers[TARGET_URL_HEADER] = url;
					return fetch(proxyUrl, init);
				}
				const key = resolveCredentials(credentials);
				return typeof key === "string" ? withKey(key) : key.then(withKey);
			} catch (error) {
				// A synchronous failure (no credentials, a custom fetch that throws) rejects, as a failed fetch does.
				return Promise.reject(error);
			}
		}
	};
	return {
		// `storageUrl` and `runUrl` as given (see FalClient.storageUrl); the queue's, which every call needs, resolved here.
		...urls,
		queueUrl: trimSlash(urls.queueUrl ?? "https://queue.fal.run"),
		retry: retry !== false && {
			...DEFAULT_RETRY_OPTIONS,
			...retry
		},
		validate,
		validators,
		[TRANSPORT]: transport
	};
}
/** Where files are uploaded and realtime tokens made: the client's `storageUrl`, else fal's storage host. */
export function storageBaseUrl(client) {
	return trimSlash(client.storageUrl ?? "https://rest.fal.ai");
}
/** Where `run` and `stream` call endpoints and `realtime` connects: the client's `runUrl`, else fal's run host. */
export function runBaseUrl(client) {
	return trimSlash(client.runUrl ?? "https://fal.run");
}
function trimSlash(url) {
	return url.replace(/\/+$/, "");
}
