// falgen's runtime (runtime/server/webhook.ts), written by `falgen generate`. Do not edit.
import { FalWebhookError } from "../errors.js";
import { readLimited, TOO_LARGE } from "../internal/read-limited.js";
/** fal's public webhook signing keys. Fetch and cache them (fal suggests up to 24 hours) for `verifyWebhook`. */
export const FAL_WEBHOOK_JWKS_URL = "https://rest.alpha.fal.ai/.well-known/jwks.json";
/**
* An in-memory WebhookReplayStore of one process: entries are dropped once expired, as new ones
* are added (no timers), so it holds about the deliveries of one tolerance window.
*/
export function createMemoryReplayStore() {
	const seen = new Map();
	return { add(signature, ttlMs) {
		const now = Date.now();
		// Entries are kept in insertion order, which is about expiry order: prune from the front.
		for (const [key, expiry] of seen) {
			if (expiry > now) break;
			seen.delete(key);
		}
		if (seen.has(signature)) return false;
		seen.set(signature, now + ttlMs);
		return true;
	} };
}
/** The store `verifyWebhook` uses when given none: one per process (or worker). */
const defaultReplayStore = createMemoryReplayStore();
/** The default of `VerifyWebhookOptions.maxBodyBytes`: 16 MiB. */
export const DEFAULT_WEBHOOK_BODY_LIMIT_BYTES = 16 * 1024 * 1024;
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
export async function verifyWebhook(request, options) {
	const requestId = request.headers.get("x-fal-webhook-request-id");
	const userId = request.headers.get("x-fal-webhook-user-id");
	const timestamp = request.headers.get("x-fal-webhook-timestamp");
	const signatureHex = request.headers.get("x-fal-webhook-signature");
	const signature = parseHex(signatureHex);
	if (!requestId || !userId || !timestamp || !signature) throw new FalWebhookError("Missing or malformed fal webhook signature headers");
	const fail = (message, cause) => new FalWebhookError(message, {
		requestId,
		cause
	});
	const toleranceSeconds = options.toleranceSeconds ?? 300;
	const nowMs = (options.now ?? Date.now)();
	const ageSeconds = nowMs / 1e3 - Number(timestamp);
	if (!/^\d+$/.test(timestamp) || Math.abs(ageSeconds) > toleranceSeconds) {
		throw fail("The webhook timestamp is outside the accepted tolerance");
	}
	if (options.userId !== undefined && userId !== options.userId) throw fail("The webhook was sent for another fal user");
	const body = await readLimited(request, options.maxBodyBytes ?? DEFAULT_WEBHOOK_BODY_LIMIT_BYTES);
	if (body === TOO_LARGE) throw fail(`The webhook body is larger than ${options.maxBodyBytes ?? DEFAULT_WEBHOOK_BODY_LIMIT_BYTES} bytes`);
	const bodyHash = toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", body)));
	const message = new TextEncoder().encode([
		requestId,
		userId,
		timestamp,
		bodyHash
	].join("\n"));
	let keys;
	try {
		keys = (typeof options.jwks === "function" ? await options.jwks() : options.jwks)?.keys;
	} catch (error) {
		throw fail("Could not get fal's webhook keys (the jwks option failed)", error);
	}
	if (!Array.isArray(keys)) throw fail("fal's webhook keys are malformed: the JWKS has no `keys` list");
	const verdicts = await Promise.all(keys.map((key) => verifiesWith(key, signature, message)));
	if (!verdicts.includes(true)) throw fail("The webhook signature matches none of the keys");
	const store = options.replayStore ?? defaultReplayStore;
	// Expires once the timestamp is out of the tolerance: any replay after that fails the timestamp check.
	if (store && !await store.add(signatureHex.toLowerCase(), (Number(timestamp) + toleranceSeconds) * 1e3 - nowMs + 1e3)) {
		throw fail("The webhook delivery was already received (a replay)");
	}
	try {
		return JSON.parse(new TextDecoder().decode(body));
	} catch (error) {
		throw fail("The webhook body is not JSON", error);
	}
}
async function verifiesWith(key, signature, message) {
	const { kty, crv, x } = key ?? {};
	if (kty !== "OKP" || crv !== "Ed25519" || typeof x !== "string") return false;
	try {
		// Only the key material: runtimes disagree on which `alg` values they accept for Ed25519.
		const publicKey = await crypto.subtle.importKey("jwk", {
			kty: "OKP",
			crv: "Ed25519",
			x
		}, { name: "Ed25519" }, false, ["verify"]);
		return await crypto.subtle.verify({ name: "Ed25519" }, publicKey, signature, message);
	} catch {
		return false;
	}
}
function parseHex(value) {
	if (!value || !/^(?:[0-9a-f]{2})+$/i.test(value)) return undefined;
	return new Uint8Array(value.match(/../g)?.map((pair) => parseInt(pair, 16)) ?? []);
}
function toHex(bytes) {
	return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
