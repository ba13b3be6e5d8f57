// falgen's runtime (runtime/server/webhook.ts), written by `falgen generate`. Do not edit.
/** What fal POSTs to a submit's `webhookUrl` when the request completes. */
export interface WebhookPayload<T> {
	request_id: string;
	/** The id of the last attempt; differs from `request_id` when fal retried the request. */
	gateway_request_id: string;
	status: "OK" | "ERROR";
	/** The output when OK; on ERROR, the endpoint's error body. Null when it was not valid JSON. */
	payload: T | null;
	error?: string;
	/** Why `payload` is null. */
	payload_error?: string;
}
export interface Jwks {
	keys: JsonWebKey[];
}
/** fal's public webhook signing keys. Fetch and cache them (fal suggests up to 24 hours) for `verifyWebhook`. */
export declare const FAL_WEBHOOK_JWKS_URL = "https://rest.alpha.fal.ai/.well-known/jwks.json";
/**
* Remembers the deliveries already accepted, so a captured one cannot be replayed. `add` records a
* delivery (by its signature, hex) for `ttlMs` milliseconds (after that its timestamp is outside
* the tolerance anyway) and returns false when it was already there. Back it with a shared store
* (Redis `SET key 1 NX PX ttlMs`, a database) when several servers receive webhooks.
*/
export interface WebhookReplayStore {
	add(signature: string, ttlMs: number): boolean | Promise<boolean>;
}
/**
* An in-memory WebhookReplayStore of one process: entries are dropped once expired, as new ones
* are added (no timers), so it holds about the deliveries of one tolerance window.
*/
export declare function createMemoryReplayStore(): WebhookReplayStore;
/** The default of `VerifyWebhookOptions.maxBodyBytes`: 16 MiB. */
export declare const DEFAULT_WEBHOOK_BODY_LIMIT_BYTES: number;
export interface VerifyWebhookOptions {
	/** fal's key set (from FAL_WEBHOOK_JWKS_URL), or a function that returns it, e.g. from a cache. */
	jwks: Jwks | (() => Promise<Jwks>);
	/** Largest accepted distance between the delivery's timestamp and now. @default 300 */
	toleranceSeconds?: number;
	/** Current time in milliseconds. @default Date.now */
	now?: () => number;
	/**
	* Your fal user id: a delivery signed for another fal user (another account's webhook pointed at
	* your URL) is refused. Unchecked when absent.
	*/
	userId?: string;
	/**
	* Where accepted deliveries are remembered until their timestamp leaves the tolerance, so each is
	* accepted once: a replay (the same signed delivery sent again) is refused. `false` turns the
	* check off. @default an in-memory store of this process (see createMemoryReplayStore)
	*/
	replayStore?: WebhookReplayStore | false;
	/**
	* The largest body read, in bytes; a larger delivery is refused (by its Content-Length, or while
	* it is read) without being buffered. @default 16777216 (16 MiB)
	*/
	maxBodyBytes?: number;
}
/**
* Checks that a webhook delivery comes from fal and returns its parsed body; throws a
* FalWebhookError otherwise. fal signs, with ED25519, the lines `request id`, `user id`,
* `timestamp` (unix seconds) and the hex SHA-256 of the raw body, joined by "\n", and sends them in
* the X-Fal-Webhook-Request-Id, -User-Id, -Timestamp and -Signature (hex) headers. The headers, the
* timestamp and `userId` are checked before the body is read, the body's size while it is read,
* and a valid delivery is accepted once (`replayStore`). fal retries a delivery your server did
* not answer with 2xx as a new signed delivery, so answer 2xx once it is verified and stored.
* Needs WebCrypto with Ed25519 (Node 20+, Deno, Bun, Cloudflare Workers, current browsers).
*/
export declare function verifyWebhook<T = unknown>(request: Request, options: VerifyWebhookOptions): Promise<WebhookPayload<T>>;
