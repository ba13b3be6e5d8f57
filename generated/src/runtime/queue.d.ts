// falgen's runtime (runtime/queue.ts), written by `falgen generate`. Do not edit.
import type { CancelOptions, FalClient, QueueStatus, Result, ResultOptions, StatusOptions, SubmitOptions, SubmitResult } from "./index.js";
import type { FileStep } from "./internal/prepare-input.js";
/**
* Queues `input` for the endpoint (`POST <queueUrl>/<endpoint id>`), file inputs uploaded first,
* and returns the request id and its URLs. Sent once: never resent unless it provably never left.
*/
export declare function submit(client: FalClient, endpointId: string, input: unknown, options?: SubmitOptions): Promise<SubmitResult>;
/** `submit` with the endpoint's file step: `uploadFiles`, or none for an endpoint without file inputs (see `FileStep`). */
export declare function submitWith(client: FalClient, endpointId: string, input: unknown, options?: SubmitOptions, files?: FileStep): Promise<SubmitResult>;
/** The request's status, with its logs when asked for. */
export declare function status(client: FalClient, endpointId: string, requestId: string, options?: StatusOptions): Promise<QueueStatus>;
/** The completed request's output; a failed request's error response is thrown as a FalApiError. */
export declare function result<O>(client: FalClient, endpointId: string, requestId: string, options?: ResultOptions): Promise<Result<O>>;
/**
* Asks the queue to cancel the request. Resolves once the cancellation is accepted (202); a request
* that already completed rejects with a FalApiError of status 400 (body `{status: "ALREADY_COMPLETED"}`).
*/
export declare function cancel(client: FalClient, endpointId: string, requestId: string, options?: CancelOptions): Promise<void>;
