import { NEVER_ABORTED } from "./abort.js";
import type { FalClient } from "./client.js";
import { splitEndpointId } from "./endpoint-id.js";
import { send, type BodyReader } from "./http.js";

/** Seconds a realtime token lives, as fal's own client asks for. */
export const REALTIME_TOKEN_SECONDS = 120;

/**
 * A realtime token for the endpoint's app, fetched with the client's key from fal's token endpoint
 * (`POST <rest>/tokens/`). Server-side only: the key must never reach a browser.
 */
export async function fetchRealtimeToken(client: FalClient, endpointId: string, expirationSeconds: number = REALTIME_TOKEN_SECONDS): Promise<string> {
  // Through `client.send` itself rather than `callFal`: a page that only uses realtime bundles no query serialiser.
  const body = JSON.stringify({ allowed_apps: [splitEndpointId(endpointId).app], token_expiration: expirationSeconds });
  return send(
    client.retry,
    NEVER_ABORTED,
    true,
    () => client.send(`${client.storageUrl}/tokens/`, { method: "POST", headers: { "content-type": "application/json" }, body }),
    false,
    TOKEN_BODY,
  );
}

/** fal's token endpoint answers the token as a JSON string. */
const TOKEN_BODY: BodyReader<string> = { what: "a token", read: (body) => (typeof body === "string" && body !== "" ? body : undefined) };

