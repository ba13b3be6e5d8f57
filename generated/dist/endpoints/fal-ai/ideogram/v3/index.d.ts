import type { components } from "./types.js";
import * as $runtime from "../../../../runtime/index.js";
/** The fal endpoint id this module calls. */
export declare const endpointId = "fal-ai/ideogram/v3";
/** The input of `fal-ai/ideogram/v3`. */
export type IdeogramV3Input = components["schemas"]["IdeogramV3Input"];
/** The output of `fal-ai/ideogram/v3`. */
export type IdeogramV3Output = components["schemas"]["IdeogramV3Output"];
/** The `ColorPalette` type of `fal-ai/ideogram/v3`. */
export type ColorPalette = components["schemas"]["ColorPalette"];
/** The `ColorPaletteMember` type of `fal-ai/ideogram/v3`. */
export type ColorPaletteMember = components["schemas"]["ColorPaletteMember"];
/** The `File` type of `fal-ai/ideogram/v3`. */
export type File = components["schemas"]["File"];
/** The `ImageSize` type of `fal-ai/ideogram/v3`. */
export type ImageSize = components["schemas"]["ImageSize"];
/** The `QueueStatus` type of `fal-ai/ideogram/v3`. */
export type QueueStatus = components["schemas"]["QueueStatus"];
/** The `RGBColor` type of `fal-ai/ideogram/v3`. */
export type RGBColor = components["schemas"]["RGBColor"];
/** What `fal-ai/ideogram/v3` takes: the same type as {@link IdeogramV3Input}. */
export type Input = IdeogramV3Input;
/** What `fal-ai/ideogram/v3` returns: the same type as {@link IdeogramV3Output}. */
export type Output = IdeogramV3Output;
/**
 * Queues a request to `fal-ai/ideogram/v3` and returns its id and URLs without waiting.
 * File inputs (Blob, File, ArrayBuffer, Uint8Array) are uploaded first.
 */
export declare function submit(client: $runtime.FalClient, input: $runtime.InputWithFiles<Input>, options?: $runtime.SubmitOptions): Promise<$runtime.SubmitResult>;
/** Fetches the queue status of a request to `fal-ai/ideogram/v3`. */
export declare function status(client: $runtime.FalClient, requestId: string, options?: $runtime.StatusOptions): Promise<$runtime.QueueStatus>;
/** Streams the status of a request to `fal-ai/ideogram/v3` (Server-Sent Events) until it completes. */
export declare function streamStatus(client: $runtime.FalClient, requestId: string, options?: $runtime.StatusOptions): AsyncIterable<$runtime.QueueStatus>;
/** Fetches the output of a completed request to `fal-ai/ideogram/v3`. */
export declare function result(client: $runtime.FalClient, requestId: string, options?: $runtime.ResultOptions): Promise<$runtime.Result<Output>>;
/** Asks the queue to cancel a request to `fal-ai/ideogram/v3` that has not completed. */
export declare function cancel(client: $runtime.FalClient, requestId: string, options?: $runtime.CancelOptions): Promise<void>;
/**
 * Submits a request to `fal-ai/ideogram/v3`, waits for it (polling, or streaming with `mode: "streaming"`) and returns its output.
 * `onEnqueue` receives the request id before any wait, and every error after submit carries it.
 */
export declare function subscribe(client: $runtime.FalClient, input: $runtime.InputWithFiles<Input>, options?: $runtime.SubscribeOptions): Promise<$runtime.Result<Output>>;
/**
 * Calls `fal-ai/ideogram/v3` synchronously (`POST https://fal.run/<endpoint id>`, not queued) and returns its output.
 * Never sent twice: a dropped connection loses the result, so prefer `subscribe` for long or costly calls.
 */
export declare function run(client: $runtime.FalClient, input: $runtime.InputWithFiles<Input>, options?: $runtime.RunOptions): Promise<$runtime.Result<Output>>;
/**
 * Calls the streaming route of `fal-ai/ideogram/v3` (`POST https://fal.run/<endpoint id>/stream`, Server-Sent Events).
 * Iterate the result for the partial outputs; `done()` resolves with the final one. Ends on `idleTimeout` (default 15 s) without an event.
 */
export declare function stream(client: $runtime.FalClient, input: $runtime.InputWithFiles<Input>, options?: $runtime.StreamOptions): $runtime.FalStream<Partial<Output>, Output>;
/**
 * Opens a realtime session with `fal-ai/ideogram/v3` (fal's WebSocket, msgpack frames): `send` inputs, iterate the outputs, `close()`.
 * In a browser, pass a `tokenProvider` that asks your server (see `createTokenHandler`): the key never reaches the page.
 */
export declare function realtime(client: $runtime.FalClient, options?: $runtime.RealtimeOptions<Output>): $runtime.RealtimeConnection<Input, Output>;
declare module "../../../../index.js" {
    interface EndpointTypeMap {
        "fal-ai/ideogram/v3": {
            input: Input;
            output: Output;
        };
    }
}
//# sourceMappingURL=index.d.ts.map