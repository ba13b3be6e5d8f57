// falgen's runtime (runtime/server/token-handler.ts), written by `falgen generate`. Do not edit.
import { createFalClient } from "../client.js";
import { FalApiError, FalError } from "../errors.js";
import { readLimited, TOO_LARGE } from "../internal/read-limited.js";
import { fetchRealtimeToken, REALTIME_TOKEN_SECONDS } from "../internal/realtime-token.js";
import { REDACTED, sentKeyList } from "../internal/redact.js";
import { keyFormsPattern } from "./key-forms.js";
/** The largest request body the token handler reads (its JSON names one endpoint id): 64 KiB; beyond it, 413. */
const TOKEN_REQUEST_LIMIT_BYTES = 64 * 1024;
/**
* A handler for fetch-style servers (`(Request) => Promise<Response>`) that gives browsers the
* short-lived realtime tokens `realtime`'s `tokenProvider` asks for, so the key stays on the
* server. It takes `POST` with JSON `{"endpointId": "<endpoint id>"}` (fal's client's `{"app": ...}`,
* with or without its `/realtime` suffix, works too) and answers the token as a JSON string, as
* fal's token endpoint does; an endpoint outside `allowedEndpoints` gets 403 `{detail}`, a body over
* 64 KiB 413 `{detail}` (read no further).
*
* In the page: `tokenProvider: async (endpointId) => (await fetch("/api/fal/token", { method: "POST",
* body: JSON.stringify({ endpointId }) })).json()`.
*/
export function createTokenHandler(options) {
	const allowed = new Set(options.allowedEndpoints);
	const client = createFalClient({
		credentials: options.credentials,
		storageUrl: options.storageUrl,
		fetch: options.fetch
	});
	const expiration = options.expirationSeconds ?? REALTIME_TOKEN_SECONDS;
	return async (request) => {
		if (request.method !== "POST") return reply(405, { detail: "Use POST" });
		// Read up to a limit, as every server-side handler here: the body is a few bytes of JSON.
		const bytes = await readLimited(request, TOKEN_REQUEST_LIMIT_BYTES);
		if (bytes === TOO_LARGE) return reply(413, { detail: `The request body is larger than this token handler's limit of ${TOKEN_REQUEST_LIMIT_BYTES} bytes` });
		let endpointId;
		try {
			const body = JSON.parse(new TextDecoder().decode(bytes));
			endpointId = body?.endpointId ?? (typeof body?.app === "string" ? body.app.replace(/\/realtime$/, "") : undefined);
		} catch {
			endpointId = undefined;
		}
		if (typeof endpointId !== "string") return reply(400, { detail: "Expected a JSON body {\"endpointId\": \"<endpoint id>\"}" });
		if (!allowed.has(endpointId)) return reply(403, { detail: `No realtime tokens for ${endpointId} from this server` });
		try {
			const token = await fetchRealtimeToken(client, endpointId, expiration);
			// The page gets the token, so it must not be the key in any form (a hostile or broken token endpoint).
			if (keyFormsPattern(sentKeyList())?.test(token)) return reply(502, { detail: "fal's token endpoint answered with the key itself (in some form): not handed to the page" });
			return reply(200, token);
		} catch (error) {
			// fal's answer (or the network failure) as a 502: the page learns what failed, never the key.
			const detail = error instanceof FalApiError ? `fal's token endpoint answered ${error.status}` : error instanceof FalError ? error.message : "Token request failed";
			const keys = keyFormsPattern(sentKeyList());
			return reply(502, { detail: keys ? detail.replace(keys, REDACTED) : detail });
		}
	};
}
function reply(status, body) {
	return new Response(JSON.stringify(body), {
		status,
		headers: {
			"content-type": "application/json",
			"cache-control": "no-store"
		}
	});
}
