// falgen's runtime (runtime/server/token-handler.ts), written by `falgen generate`. Do not edit.
import type { Credentials } from "../index.js";
export interface TokenHandlerOptions {
	/** Endpoint ids a token may be issued for. */
	allowedEndpoints: string[];
	/** Defaults to FAL_KEY (or FAL_KEY_ID and FAL_KEY_SECRET) of the server. */
	credentials?: Credentials;
	/** fal's REST API, where its token endpoint lives. @default "https://rest.fal.ai" */
	storageUrl?: string;
	/** Seconds each token lives. @default 120 */
	expirationSeconds?: number;
	fetch?: typeof fetch;
}
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
export declare function createTokenHandler(options: TokenHandlerOptions): (request: Request) => Promise<Response>;
