import type { components } from "./types.js";
import * as $runtime from "../../../../../runtime/index.js";
/** The fal endpoint id this module calls. */
export declare const endpointId = "fal-ai/gpt-image-1/text-to-image/byok";
/** The input of `fal-ai/gpt-image-1/text-to-image/byok`. */
export type GptImage1TextToImageByokInput = components["schemas"]["GptImage1TextToImageByokInput"];
/** The output of `fal-ai/gpt-image-1/text-to-image/byok`. */
export type GptImage1TextToImageByokOutput = components["schemas"]["GptImage1TextToImageByokOutput"];
/** The `Image` type of `fal-ai/gpt-image-1/text-to-image/byok`. */
export type Image = components["schemas"]["Image"];
/** The `OpenAIUsage` type of `fal-ai/gpt-image-1/text-to-image/byok`. */
export type OpenAIUsage = components["schemas"]["OpenAIUsage"];
/** The `OpenAIUsageInputTokensDetails` type of `fal-ai/gpt-image-1/text-to-image/byok`. */
export type OpenAIUsageInputTokensDetails = components["schemas"]["OpenAIUsageInputTokensDetails"];
/** The `QueueStatus` type of `fal-ai/gpt-image-1/text-to-image/byok`. */
export type QueueStatus = components["schemas"]["QueueStatus"];
/** What `fal-ai/gpt-image-1/text-to-image/byok` takes: the same type as {@link GptImage1TextToImageByokInput}. */
export type Input = GptImage1TextToImageByokInput;
/** What `fal-ai/gpt-image-1/text-to-image/byok` returns: the same type as {@link GptImage1TextToImageByokOutput}. */
export type Output = GptImage1TextToImageByokOutput;
/**
 * Queues a request to `fal-ai/gpt-image-1/text-to-image/byok` and returns its id and URLs without waiting.
 * File inputs (Blob, File, ArrayBuffer, Uint8Array) are uploaded first.
 */
export declare function submit(client: $runtime.FalClient, input: $runtime.InputWithFiles<Input>, options?: $runtime.SubmitOptions): Promise<$runtime.SubmitResult>;
/** Fetches the queue status of a request to `fal-ai/gpt-image-1/text-to-image/byok`. */
export declare function status(client: $runtime.FalClient, requestId: string, options?: $runtime.StatusOptions): Promise<$runtime.QueueStatus>;
/** Streams the status of a request to `fal-ai/gpt-image-1/text-to-image/byok` (Server-Sent Events) until it completes. */
export declare function streamStatus(client: $runtime.FalClient, requestId: string, options?: $runtime.StatusOptions): AsyncIterable<$runtime.QueueStatus>;
/** Fetches the output of a completed request to `fal-ai/gpt-image-1/text-to-image/byok`. */
export declare function result(client: $runtime.FalClient, requestId: string, options?: $runtime.ResultOptions): Promise<$runtime.Result<Output>>;
/** Asks the queue to cancel a request to `fal-ai/gpt-image-1/text-to-image/byok` that has not completed. */
export declare function cancel(client: $runtime.FalClient, requestId: string, options?: $runtime.CancelOptions): Promise<void>;
/**
 * Submits a request to `fal-ai/gpt-image-1/text-to-image/byok`, waits for it (polling, or streaming with `mode: "streaming"`) and returns its output.
 * `onEnqueue` receives the request id before any wait, and every error after submit carries it.
 */
export declare function subscribe(client: $runtime.FalClient, input: $runtime.InputWithFiles<Input>, options?: $runtime.SubscribeOptions): Promise<$runtime.Result<Output>>;
/**
 * Calls `fal-ai/gpt-image-1/text-to-image/byok` synchronously (`POST https://fal.run/<endpoint id>`, not queued) and returns its output.
 * Never sent twice: a dropped connection loses the result, so prefer `subscribe` for long or costly calls.
 */
export declare function run(client: $runtime.FalClient, input: $runtime.InputWithFiles<Input>, options?: $runtime.RunOptions): Promise<$runtime.Result<Output>>;
/**
 * Calls the streaming route of `fal-ai/gpt-image-1/text-to-image/byok` (`POST https://fal.run/<endpoint id>/stream`, Server-Sent Events).
 * Iterate the result for the partial outputs; `done()` resolves with the final one. Ends on `idleTimeout` (default 15 s) without an event.
 */
export declare function stream(client: $runtime.FalClient, input: $runtime.InputWithFiles<Input>, options?: $runtime.StreamOptions): $runtime.FalStream<Partial<Output>, Output>;
/**
 * Opens a realtime session with `fal-ai/gpt-image-1/text-to-image/byok` (fal's WebSocket, msgpack frames): `send` inputs, iterate the outputs, `close()`.
 * In a browser, pass a `tokenProvider` that asks your server (see `createTokenHandler`): the key never reaches the page.
 */
export declare function realtime(client: $runtime.FalClient, options?: $runtime.RealtimeOptions<Output>): $runtime.RealtimeConnection<Input, Output>;
declare module "../../../../../index.js" {
    interface EndpointTypeMap {
        "fal-ai/gpt-image-1/text-to-image/byok": {
            input: Input;
            output: Output;
        };
    }
}
//# sourceMappingURL=index.d.ts.map