// falgen's runtime (runtime/stream-output.ts), written by `falgen generate`. Do not edit.
import type { FalClient, FalStream, StreamOptions } from "./index.js";
import type { FileStep } from "./internal/prepare-input.js";
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
