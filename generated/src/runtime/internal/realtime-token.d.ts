// falgen's runtime (runtime/internal/realtime-token.ts), written by `falgen generate`. Do not edit.
import type { FalClient } from "../index.js";
/** Seconds a realtime token lives, as fal's own client asks for. */
export declare const REALTIME_TOKEN_SECONDS = 120;
/**
* A realtime token for the endpoint's app, fetched with the client's key from fal's token endpoint
* (`POST <rest>/tokens/`). Server-side only: the key must never reach a browser.
*/
export declare function fetchRealtimeToken(client: FalClient, endpointId: string, expirationSeconds?: number): Promise<string>;
