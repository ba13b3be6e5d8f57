export * from "./runtime/index.js";
import * as $runtime from "./runtime/index.js";
/**
 * Input and output types keyed by endpoint id. Each endpoint module a program imports adds its own entry, so the
 * map holds exactly the endpoints in use; import `@falgen/models/all` to add every endpoint of the package.
 */
export interface EndpointTypeMap {
}
/** The id of an endpoint in EndpointTypeMap. */
export type EndpointId = keyof EndpointTypeMap;
/**
 * Queues a request to the endpoint named at run time and returns its id and URLs without waiting.
 * File inputs (Blob, File, ArrayBuffer, Uint8Array) are uploaded first.
 */
export declare function submit<Id extends EndpointId>(client: $runtime.FalClient, endpointId: Id, input: $runtime.InputWithFiles<EndpointTypeMap[Id]["input"]>, options?: $runtime.SubmitOptions): Promise<$runtime.SubmitResult>;
/** Fetches the queue status of a request to the endpoint named at run time. */
export declare function status(client: $runtime.FalClient, endpointId: EndpointId, requestId: string, options?: $runtime.StatusOptions): Promise<$runtime.QueueStatus>;
/** Streams the status of a request to the endpoint named at run time (Server-Sent Events) until it completes. */
export declare function streamStatus(client: $runtime.FalClient, endpointId: EndpointId, requestId: string, options?: $runtime.StatusOptions): AsyncIterable<$runtime.QueueStatus>;
/** Fetches the output of a completed request to the endpoint named at run time. */
export declare function result<Id extends EndpointId>(client: $runtime.FalClient, endpointId: Id, requestId: string, options?: $runtime.ResultOptions): Promise<$runtime.Result<EndpointTypeMap[Id]["output"]>>;
/** Asks the queue to cancel a request to the endpoint named at run time that has not completed. */
export declare function cancel(client: $runtime.FalClient, endpointId: EndpointId, requestId: string, options?: $runtime.CancelOptions): Promise<void>;
/**
 * Submits a request to the endpoint named at run time, waits for it (polling, or streaming with `mode: "streaming"`) and returns its output.
 * `onEnqueue` receives the request id before any wait, and every error after submit carries it.
 */
export declare function subscribe<Id extends EndpointId>(client: $runtime.FalClient, endpointId: Id, input: $runtime.InputWithFiles<EndpointTypeMap[Id]["input"]>, options?: $runtime.SubscribeOptions): Promise<$runtime.Result<EndpointTypeMap[Id]["output"]>>;
/**
 * Calls the endpoint named at run time synchronously (`POST https://fal.run/<endpoint id>`, not queued) and returns its output.
 * Never sent twice: a dropped connection loses the result, so prefer `subscribe` for long or costly calls.
 */
export declare function run<Id extends EndpointId>(client: $runtime.FalClient, endpointId: Id, input: $runtime.InputWithFiles<EndpointTypeMap[Id]["input"]>, options?: $runtime.RunOptions): Promise<$runtime.Result<EndpointTypeMap[Id]["output"]>>;
/**
 * Calls the streaming route of the endpoint named at run time (`POST https://fal.run/<endpoint id>/stream`, Server-Sent Events).
 * Iterate the result for the partial outputs; `done()` resolves with the final one. Ends on `idleTimeout` (default 15 s) without an event.
 */
export declare function stream<Id extends EndpointId>(client: $runtime.FalClient, endpointId: Id, input: $runtime.InputWithFiles<EndpointTypeMap[Id]["input"]>, options?: $runtime.StreamOptions): $runtime.FalStream<Partial<EndpointTypeMap[Id]["output"]>, EndpointTypeMap[Id]["output"]>;
/**
 * Opens a realtime session with the endpoint named at run time (fal's WebSocket, msgpack frames): `send` inputs, iterate the outputs, `close()`.
 * In a browser, pass a `tokenProvider` that asks your server (see `createTokenHandler`): the key never reaches the page.
 */
export declare function realtime<Id extends EndpointId>(client: $runtime.FalClient, endpointId: Id, options?: $runtime.RealtimeOptions<EndpointTypeMap[Id]["output"]>): $runtime.RealtimeConnection<EndpointTypeMap[Id]["input"], EndpointTypeMap[Id]["output"]>;
//# sourceMappingURL=index.d.ts.map