import type { components } from "./types.js";
import * as $runtime from "../../../../../runtime/index.js";
/** The fal endpoint id this module calls. */
export declare const endpointId = "fal-ai/ideogram/character/edit";
/** The input of `fal-ai/ideogram/character/edit`. */
export type IdeogramCharacterEditInput = components["schemas"]["IdeogramCharacterEditInput"];
/** The output of `fal-ai/ideogram/character/edit`. */
export type IdeogramCharacterEditOutput = components["schemas"]["IdeogramCharacterEditOutput"];
/** The `ColorPalette` type of `fal-ai/ideogram/character/edit`. */
export type ColorPalette = components["schemas"]["ColorPalette"];
/** The `ColorPaletteMember` type of `fal-ai/ideogram/character/edit`. */
export type ColorPaletteMember = components["schemas"]["ColorPaletteMember"];
/** The `File` type of `fal-ai/ideogram/character/edit`. */
export type File = components["schemas"]["File"];
/** The `QueueStatus` type of `fal-ai/ideogram/character/edit`. */
export type QueueStatus = components["schemas"]["QueueStatus"];
/** The `RGBColor` type of `fal-ai/ideogram/character/edit`. */
export type RGBColor = components["schemas"]["RGBColor"];
/** What `fal-ai/ideogram/character/edit` takes: the same type as {@link IdeogramCharacterEditInput}. */
export type Input = IdeogramCharacterEditInput;
/** What `fal-ai/ideogram/character/edit` returns: the same type as {@link IdeogramCharacterEditOutput}. */
export type Output = IdeogramCharacterEditOutput;
/**
 * Queues a request to `fal-ai/ideogram/character/edit` and returns its id and URLs without waiting.
 * File inputs (Blob, File, ArrayBuffer, Uint8Array) are uploaded first.
 */
export declare function submit(client: $runtime.FalClient, input: $runtime.InputWithFiles<Input>, options?: $runtime.SubmitOptions): Promise<$runtime.SubmitResult>;
/** Fetches the queue status of a request to `fal-ai/ideogram/character/edit`. */
export declare function status(client: $runtime.FalClient, requestId: string, options?: $runtime.StatusOptions): Promise<$runtime.QueueStatus>;
/** Streams the status of a request to `fal-ai/ideogram/character/edit` (Server-Sent Events) until it completes. */
export declare function streamStatus(client: $runtime.FalClient, requestId: string, options?: $runtime.StatusOptions): AsyncIterable<$runtime.QueueStatus>;
/** Fetches the output of a completed request to `fal-ai/ideogram/character/edit`. */
export declare function result(client: $runtime.FalClient, requestId: string, options?: $runtime.ResultOptions): Promise<$runtime.Result<Output>>;
/** Asks the queue to cancel a request to `fal-ai/ideogram/character/edit` that has not completed. */
export declare function cancel(client: $runtime.FalClient, requestId: string, options?: $runtime.CancelOptions): Promise<void>;
/**
 * Submits a request to `fal-ai/ideogram/character/edit`, waits for it (polling, or streaming with `mode: "streaming"`) and returns its output.
 * `onEnqueue` receives the request id before any wait, and every error after submit carries it.
 */
export declare function subscribe(client: $runtime.FalClient, input: $runtime.InputWithFiles<Input>, options?: $runtime.SubscribeOptions): Promise<$runtime.Result<Output>>;
/**
 * Calls `fal-ai/ideogram/character/edit` synchronously (`POST https://fal.run/<endpoint id>`, not queued) and returns its output.
 * Never sent twice: a dropped connection loses the result, so prefer `subscribe` for long or costly calls.
 */
export declare function run(client: $runtime.FalClient, input: $runtime.InputWithFiles<Input>, options?: $runtime.RunOptions): Promise<$runtime.Result<Output>>;
/**
 * Calls the streaming route of `fal-ai/ideogram/character/edit` (`POST https://fal.run/<endpoint id>/stream`, Server-Sent Events).
 * Iterate the result for the partial outputs; `done()` resolves with the final one. Ends on `idleTimeout` (default 15 s) without an event.
 */
export declare function stream(client: $runtime.FalClient, input: $runtime.InputWithFiles<Input>, options?: $runtime.StreamOptions): $runtime.FalStream<Partial<Output>, Output>;
/**
 * Opens a realtime session with `fal-ai/ideogram/character/edit` (fal's WebSocket, msgpack frames): `send` inputs, iterate the outputs, `close()`.
 * In a browser, pass a `tokenProvider` that asks your server (see `createTokenHandler`): the key never reaches the page.
 */
export declare function realtime(client: $runtime.FalClient, options?: $runtime.RealtimeOptions<Output>): $runtime.RealtimeConnection<Input, Output>;
declare module "../../../../../index.js" {
    interface EndpointTypeMap {
        "fal-ai/ideogram/character/edit": {
            input: Input;
            output: Output;
        };
    }
}
//# sourceMappingURL=index.d.ts.map