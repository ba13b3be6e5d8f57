import { NEVER_ABORTED } from "./abort.js";
import { splitEndpointId } from "./endpoint-id.js";
import { FalError } from "./errors.js";
import { send } from "./http.js";
/** Seconds a realtime token lives, as fal's own client asks for. */
export const REALTIME_TOKEN_SECONDS = 120;
/**
 * A realtime token for the endpoint's app, fetched with the client's key from fal's token endpoint
 * (`POST <rest>/tokens/`). Server-side only: the key must never reach a browser.
 */
export async function fetchRealtimeToken(client, endpointId, expirationSeconds = REALTIME_TOKEN_SECONDS) {
    // Through `client.send` itself rather than `callFal`: a page that only uses realtime bundles no query serialiser.
    const body = JSON.stringify({ allowed_apps: [splitEndpointId(endpointId).app], token_expiration: expirationSeconds });
    const token = await send(client.retry, NEVER_ABORTED, true, () => client.send(`${client.storageUrl}/tokens/`, { method: "POST", headers: { "content-type": "application/json" }, body }));
    if (typeof token !== "string" || token === "")
        throw new FalError("fal's token endpoint answered without a token");
    return token;
}
//# sourceMappingURL=realtime-token.js.map