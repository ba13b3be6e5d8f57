// falgen's runtime (runtime/server/token-handler.ts), written by `falgen generate`. Do not edit.
import { createFalClient } from "../client.js";
import { FalApiError, FalError } from "../errors.js";
import { fetchRealtimeToken, REALTIME_TOKEN_SECONDS } from "../internal/realtime-token.js";
/**
* A handler for fetch-style servers (`(Request) => Promise<Response>`) that gives browsers the
* short-lived realtime tokens `realtime`'s `tokenProvider` asks for, so the key stays on the
* server. It takes `POST` with JSON `{"endpointId": "<endpoint id>"}` (fal's client's `{"app": ...}`,
* with or without its `/realtime` suffix, works too) and answers the token as a JSON string, as
* fal's token endpoint does; an endpoint outside `allowedEndpoints` gets 403 `{detail}`.
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
		let endpointId;
		try {
			const body = await request.json();
			endpointId = body?.endpointId ?? (typeof body?.app === "string" ? body.app.replace(/\/realtime$/, "") : undefined);
		} catch {
			endpointId = undefined;
		}
		if (typeof endpointId !== "string") return reply(400, { detail: "Expected a JSON body {\"endpointId\": \"<endpoint id>\"}" });
		if (!allowed.has(endpointId)) return reply(403, { detail: `No realtime tokens for ${endpointId} from this server` });
		try {
			return reply(200, await fetchRealtimeToken(client, endpointId, expiration));
		} catch (error) {
			// fal's answer (or the network failure) as a 502: the page learns what failed, never the key.
			const detail = error instanceof FalApiError ? `fal's token endpoint answered ${error.status}` : error instanceof FalError ? error.message : "Token request failed";
			return reply(502, { detail });
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
