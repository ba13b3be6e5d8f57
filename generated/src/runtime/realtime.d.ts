// falgen's runtime (runtime/realtime.ts), written by `falgen generate`. Do not edit.
import type { FalClient, RealtimeConnection, RealtimeOptions } from "./index.js";
/**
* Opens fal's realtime WebSocket for the endpoint (`wss://<run host>/<endpoint id>/realtime`,
* authenticated by a token in the URL, msgpack frames both ways) and returns the connection.
* Throws a FalError when the platform has no WebSocket and none was given.
*/
export declare function realtime<
	I,
	O
>(client: FalClient, endpointId: string, options?: RealtimeOptions<O>): RealtimeConnection<I, O>;
