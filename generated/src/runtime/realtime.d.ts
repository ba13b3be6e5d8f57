// falgen's runtime (runtime/realtime.ts), written by `falgen generate`. Do not edit.
import { type FalClient } from "./client.js";
import { FalError } from "./errors.js";
export interface RealtimeOptions<O> {
	/**
	* Returns a short-lived token for the endpoint (called with its id for every connection, so each
	* reconnection gets a fresh one). In a browser this asks the app's own server, whose
	* `createTokenHandler` holds the key. Without it the client fetches the token itself with its key
	* (server-side code only).
	*/
	tokenProvider?: (endpointId: string) => Promise<string>;
	/** Minimum milliseconds between two inputs sent; `0` sends each at once. @default 128 */
	throttleInterval?: number;
	/**
	* Whether an input waiting for its turn (throttled, or the connection not open) is replaced by a
	* newer one, as `@fal-ai/client` does: right for live inputs (a canvas, a slider), where only the
	* latest matters. `false` sends every input, in order. @default true
	*/
	dropStale?: boolean;
	/** Called with each output; without it, iterate the connection. */
	onResult?: (output: O) => void;
	/**
	* Called with each error: an input the endpoint rejected (a FalValidationError for field errors,
	* else a FalApiError), and the error that ended the connection. Without it, the iteration throws
	* the first error and the connection closes.
	*/
	onError?: (error: FalError) => void;
	/** Reconnections in a row (each with a fresh token) before giving up. @default the client's `retry.maxRetries` */
	maxReconnects?: number;
	/** The WebSocket class to use where the platform has none (Node 20 and older: the `ws` package). @default globalThis.WebSocket */
	WebSocket?: new (url: string) => object;
	/** Seconds of inputs fal may buffer for the app (`max_buffering`, 1 to 60). */
	maxBuffering?: number;
	/** Closes the connection; the iteration then throws a FalAbortError. */
	signal?: AbortSignal;
}
/**
* An open realtime session: `send` inputs, receive outputs (`for await`, or `onResult`), `close()`
* when done. A dropped connection is reopened with a fresh token, and the inputs it had not
* answered are sent again (fal's realtime apps answer each input with one output, in order).
*/
export interface RealtimeConnection<
	I,
	O
> extends AsyncIterable<O> {
	/**
	* Queues an input (sent as a msgpack frame, throttled); throws a FalError once the connection has
	* ended, or when the input cannot be encoded (nested more than 100 levels deep, a BigInt too large).
	*/
	send(input: I): void;
	/** Closes the connection; an iteration ends after the outputs already received. */
	close(): void;
}
/**
* Opens fal's realtime WebSocket for the endpoint (`wss://<run host>/<endpoint id>/realtime`,
* authenticated by a token in the URL, msgpack frames both ways) and returns the connection.
* Throws a FalError when the platform has no WebSocket and none was given.
*/
export declare function realtime<
	I,
	O
>(client: FalClient, endpointId: string, options?: RealtimeOptions<O>): RealtimeConnection<I, O>;
