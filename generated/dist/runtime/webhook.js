import { FalWebhookError } from "./errors.js";
/** fal's public webhook signing keys. Fetch and cache them (fal suggests up to 24 hours) for `verifyWebhook`. */
export const FAL_WEBHOOK_JWKS_URL = "https://rest.alpha.fal.ai/.well-known/jwks.json";
/**
 * Checks that a webhook delivery comes from fal and returns its parsed body; throws a
 * FalWebhookError otherwise. fal signs, with ED25519, the lines `request id`, `user id`,
 * `timestamp` (unix seconds) and the hex SHA-256 of the raw body, joined by "\n", and sends them in
 * the X-Fal-Webhook-Request-Id, -User-Id, -Timestamp and -Signature (hex) headers.
 * Needs WebCrypto with Ed25519 (Node 20+, Deno, Bun, Cloudflare Workers, current browsers).
 */
export async function verifyWebhook(request, options) {
    const requestId = request.headers.get("x-fal-webhook-request-id");
    const userId = request.headers.get("x-fal-webhook-user-id");
    const timestamp = request.headers.get("x-fal-webhook-timestamp");
    const signature = parseHex(request.headers.get("x-fal-webhook-signature"));
    if (!requestId || !userId || !timestamp || !signature)
        throw new FalWebhookError("Missing or malformed fal webhook signature headers");
    const fail = (message) => new FalWebhookError(message, { requestId });
    const ageSeconds = (options.now ?? Date.now)() / 1000 - Number(timestamp);
    if (!/^\d+$/.test(timestamp) || Math.abs(ageSeconds) > (options.toleranceSeconds ?? 300)) {
        throw fail("The webhook timestamp is outside the accepted tolerance");
    }
    const body = new Uint8Array(await request.arrayBuffer());
    const bodyHash = toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", body)));
    const message = new TextEncoder().encode([requestId, userId, timestamp, bodyHash].join("\n"));
    const { keys } = typeof options.jwks === "function" ? await options.jwks() : options.jwks;
    const verdicts = await Promise.all(keys.map((key) => verifiesWith(key, signature, message)));
    if (!verdicts.includes(true))
        throw fail("The webhook signature matches none of the keys");
    try {
        return JSON.parse(new TextDecoder().decode(body));
    }
    catch (error) {
        throw new FalWebhookError("The webhook body is not JSON", { cause: error, requestId });
    }
}
async function verifiesWith(key, signature, message) {
    if (key.kty !== "OKP" || key.crv !== "Ed25519" || !key.x)
        return false;
    try {
        // Only the key material: runtimes disagree on which `alg` values they accept for Ed25519.
        const publicKey = await crypto.subtle.importKey("jwk", { kty: "OKP", crv: "Ed25519", x: key.x }, { name: "Ed25519" }, false, ["verify"]);
        return await crypto.subtle.verify({ name: "Ed25519" }, publicKey, signature, message);
    }
    catch {
        return false;
    }
}
function parseHex(value) {
    if (!value || !/^(?:[0-9a-f]{2})+$/i.test(value))
        return undefined;
    return new Uint8Array(value.match(/../g)?.map((pair) => parseInt(pair, 16)) ?? []);
}
function toHex(bytes) {
    return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
//# sourceMappingURL=webhook.js.map