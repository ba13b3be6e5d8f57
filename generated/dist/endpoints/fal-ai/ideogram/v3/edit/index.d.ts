import type { Input, Output } from "./types.js";
import * as $runtime from "../../../../../runtime/index.js";
export type { Input, Output, IdeogramV3EditInput, IdeogramV3EditOutput, ColorPalette, ColorPaletteMember, File, RGBColor } from "./types.js";
/** The fal endpoint id this module calls. */
export declare const endpointId = "fal-ai/ideogram/v3/edit";
/**
 * Queues a request to `fal-ai/ideogram/v3/edit` and returns its id and URLs without waiting.
 * File inputs (Blob, File, ArrayBuffer, Uint8Array) are uploaded first.
 */
export declare function submit(client: $runtime.FalClient, input: $runtime.InputWithFiles<Input>, options?: $runtime.SubmitOptions): Promise<$runtime.SubmitResult>;
/** Fetches the queue status of a request to `fal-ai/ideogram/v3/edit`. */
export declare function status(client: $runtime.FalClient, requestId: string, options?: $runtime.StatusOptions): Promise<$runtime.QueueStatus>;
/** Streams the status of a request to `fal-ai/ideogram/v3/edit` (Server-Sent Events) until it completes. */
export declare function streamStatus(client: $runtime.FalClient, requestId: string, options?: $runtime.StatusOptions): AsyncIterable<$runtime.QueueStatus>;
/** Fetches the output of a completed request to `fal-ai/ideogram/v3/edit`. */
export declare function result(client: $runtime.FalClient, requestId: string, options?: $runtime.ResultOptions): Promise<$runtime.Result<Output>>;
/** Asks the queue to cancel a request to `fal-ai/ideogram/v3/edit` that has not completed. */
export declare function cancel(client: $runtime.FalClient, requestId: string, options?: $runtime.CancelOptions): Promise<void>;
/**
 * Submits a request to `fal-ai/ideogram/v3/edit`, waits for it (polling, or streaming with `mode: "streaming"`) and returns its output.
 * `onEnqueue` receives the request id before any wait, and every error after submit carries it.
 */
export declare function subscribe(client: $runtime.FalClient, input: $runtime.InputWithFiles<Input>, options?: $runtime.SubscribeOptions): Promise<$runtime.Result<Output>>;
declare module "../../../../../index.js" {
    interface EndpointTypeMap {
        "fal-ai/ideogram/v3/edit": {
            input: Input;
            output: Output;
        };
    }
}
//# sourceMappingURL=index.d.ts.map