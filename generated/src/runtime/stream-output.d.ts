// falgen's runtime (runtime/stream-output.ts), written by `falgen generate`. Do not edit.
import type { FalClient } from "./client.js";
import type { FileStep } from "./internal/prepare-input.js";
import type { RunOptions } from "./run.js";
export interface StreamOptions extends RunOptions {
	/**
	* Milliseconds the stream may go without an event once its response arrived (the first event
	* included; keep-alive comments do not count) before it ends with a FalTimeoutError. The wait
	* for the response itself (a runner starting) is bounded by `timeout`. `0` waits forever.
	* @default 15000
	*/
	idleTimeout?: number;
}
/**
* A streaming call in flight: iterate it for the partial outputs (`for await`), and await `done()`
* for the final one. It ends, never hangs, on the first of: the last event, an error event or
* status, `abort()`, the `signal`, the `timeout`, or `idleTimeout` without an event.
*/
export interface FalStream<
	P,
	O
> extends AsyncIterable<P> {
	/**
	* The final output (the stream's last event) once it ends. Rejects with what ended it otherwise:
	* a FalApiError (an error status or an `x-fal-error` event; FalValidationError for field errors), a FalNetworkError
	* (the connection dropped), a FalTimeoutError, or a FalAbortError (also when a `for await` over
	* the stream stops early). Every error carries `requestId` once the response named it.
	*/
	done(): Promise<O>;
	/** Stops the stream and frees its connection; `done()` rejects with a FalAbortError. */
	abort(reason?: unknown): void;
	/** The `x-fal-request-id` of the response, once it arrived. */
	readonly requestId: string | undefined;
}
/**
* Calls the endpoint's streaming route (`POST <runUrl>/<endpoint id>/stream`, Server-Sent Events,
* one partial output per event; the last event is the output; an error arrives as an error status
* or as fal's in-band error message, `{type: "x-fal-error", ...}`). The request starts at once (file
* inputs uploaded first) and, like `run`, is never sent twice. Events arriving before the stream is
* iterated are kept for the iteration, unless `done()` was asked for first.
*/
export declare function stream<
	P,
	O
>(client: FalClient, endpointId: string, input: unknown, options?: StreamOptions): FalStream<P, O>;
/** `stream` with the endpoint's file step: `uploadFiles`, or none for an endpoint without file inputs (see `FileStep`). */
export declare function streamWith<
	P,
	O
>(client: FalClient, endpointId: string, input: unknown, options?: StreamOptions, files?: FileStep): FalStream<P, O>;
