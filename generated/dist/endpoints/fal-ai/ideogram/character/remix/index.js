import * as $runtime from "../../../../../runtime/index.js";
import * as $realtime from "../../../../../runtime/realtime.js";
/** The fal endpoint id this module calls. */
export const endpointId = "fal-ai/ideogram/character/remix";
/**
 * Queues a request to `fal-ai/ideogram/character/remix` and returns its id and URLs without waiting.
 * File inputs (Blob, File, ArrayBuffer, Uint8Array) are uploaded first.
 */
export function submit(client, input, options) {
    return $runtime.submit(client, endpointId, input, options);
}
/** Fetches the queue status of a request to `fal-ai/ideogram/character/remix`. */
export function status(client, requestId, options) {
    return $runtime.status(client, endpointId, requestId, options);
}
/** Streams the status of a request to `fal-ai/ideogram/character/remix` (Server-Sent Events) until it completes. */
export function streamStatus(client, requestId, options) {
    return $runtime.streamStatus(client, endpointId, requestId, options);
}
/** Fetches the output of a completed request to `fal-ai/ideogram/character/remix`. */
export function result(client, requestId, options) {
    return $runtime.result(client, endpointId, requestId, options);
}
/** Asks the queue to cancel a request to `fal-ai/ideogram/character/remix` that has not completed. */
export function cancel(client, requestId, options) {
    return $runtime.cancel(client, endpointId, requestId, options);
}
/**
 * Submits a request to `fal-ai/ideogram/character/remix`, waits for it (polling, or streaming with `mode: "streaming"`) and returns its output.
 * `onEnqueue` receives the request id before any wait, and every error after submit carries it.
 */
export function subscribe(client, input, options) {
    return $runtime.subscribe(client, endpointId, input, options);
}
/**
 * Calls `fal-ai/ideogram/character/remix` synchronously (`POST https://fal.run/<endpoint id>`, not queued) and returns its output.
 * Never sent twice: a dropped connection loses the result, so prefer `subscribe` for long or costly calls.
 */
export function run(client, input, options) {
    return $runtime.run(client, endpointId, input, options);
}
/**
 * Calls the streaming route of `fal-ai/ideogram/character/remix` (`POST https://fal.run/<endpoint id>/stream`, Server-Sent Events).
 * Iterate the result for the partial outputs; `done()` resolves with the final one. Ends on `idleTimeout` (default 15 s) without an event.
 */
export function stream(client, input, options) {
    return $runtime.stream(client, endpointId, input, options);
}
/**
 * Opens a realtime session with `fal-ai/ideogram/character/remix` (fal's WebSocket, msgpack frames): `send` inputs, iterate the outputs, `close()`.
 * In a browser, pass a `tokenProvider` that asks your server (see `createTokenHandler`): the key never reaches the page.
 */
export function realtime(client, options) {
    return $realtime.realtime(client, endpointId, options);
}
//# sourceMappingURL=index.js.map