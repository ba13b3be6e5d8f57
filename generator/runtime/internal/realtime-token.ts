import type { FalClient } from "../index.js";
import { storageBaseUrl } from "../client.js";
import { splitEndpointId } from "../endpoint-id.js";
import { NEVER_ABORTED } from "./abort.js";
import { request, type BodyReader } from "./request.js";

/** Seconds a realtime token lives, as fal's own client asks for. */
export const REALTIME_TOKEN_SECONDS = 120;

/**
 * A realtime token for the endpoint's app, fetched with the client's key from fal's token endpoint
 * (`POST <rest>/tokens/`). Server-side only: the key must never reach a browser.
 */
export function fetchRealtimeToken(client: FalClient, endpointId: string, expirationSeconds: number = REALTIME_TOKEN_SECONDS): Promise<string> {
  return request(client, {
    url: `${storageBaseUrl(client)}/tokens/`,
    method: "POST",
    body: { allowed_apps: [splitEndpointId(endpointId).app], token_expiration: expirationSeconds },
    signal: NEVER_ABORTED,
    idempotent: true,
    reader: TOKEN_BODY,
  });
}

/** fal's token endpoint answers the token as a JSON string. */
const TOKEN_BODY: BodyReader<string> = { what: "a token", read: (body) => (typeof body === "string" && body !== "" ? body : undefined) };
