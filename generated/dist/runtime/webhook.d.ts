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
export interface VerifyWebhookOptions {
    /** fal's key set (from FAL_WEBHOOK_JWKS_URL), or a function that returns it, e.g. from a cache. */
    jwks: Jwks | (() => Promise<Jwks>);
    /** Largest accepted distance between the delivery's timestamp and now. @default 300 */
    toleranceSeconds?: number;
    /** Current time in milliseconds. @default Date.now */
    now?: () => number;
}
/**
 * Checks that a webhook delivery comes from fal and returns its parsed body; throws a
 * FalWebhookError otherwise. fal signs, with ED25519, the lines `request id`, `user id`,
 * `timestamp` (unix seconds) and the hex SHA-256 of the raw body, joined by "\n", and sends them in
 * the X-Fal-Webhook-Request-Id, -User-Id, -Timestamp and -Signature (hex) headers.
 * Needs WebCrypto with Ed25519 (Node 20+, Deno, Bun, Cloudflare Workers, current browsers).
 */
export declare function verifyWebhook<T = unknown>(request: Request, options: VerifyWebhookOptions): Promise<WebhookPayload<T>>;
//# sourceMappingURL=webhook.d.ts.map