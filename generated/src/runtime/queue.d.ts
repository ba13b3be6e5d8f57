// falgen's runtime (runtime/queue.ts), written by `falgen generate`. Do not edit.
import type { FalClient } from "./client.js";
import { type BodyReader, type SubmitResponse } from "./http.js";
import type { RetryOptions } from "./retry.js";
import type { CancelOptions, QueueStatus, Result, ResultOptions, StatusOptions, SubmitOptions, SubmitResult } from "./types.js";
/**
* The URL a queued request's status, result and cancel routes hang off: they live under
* `[namespace/]owner/app`, whatever the endpoint's full id.
*/
export declare function requestUrl(client: FalClient, endpointId: string, requestId: string): string;
/**
* The URL the submit response points at (its `response_url` is `<app URL>/requests/<id>`) when it
* is on the client's queue origin, else the one built from the id: the key goes nowhere else.
*/
export declare function submittedUrl(client: FalClient, endpointId: string, { request_id, response_url }: SubmitResponse): string;
/**
* A status: it has a known `status`. fal sends `logs: null` when logs were not asked for; it is
* removed, so `logs` is an array or absent, as typed.
*/
export declare const STATUS_BODY: BodyReader<QueueStatus>;
export declare function submit(client: FalClient, endpointId: string, input: unknown, options?: SubmitOptions): Promise<SubmitResult>;
/** Checks the input when asked and uploads its files, then queues the request once (never retried unless it provably did not arrive). */
export declare function submitWithin(client: FalClient, endpointId: string, input: unknown, options: Omit<SubmitOptions, "signal">, signal: AbortSignal): Promise<SubmitResponse>;
export declare function status(client: FalClient, endpointId: string, requestId: string, options?: StatusOptions): Promise<QueueStatus>;
export declare function fetchStatus(client: FalClient, url: string, logs: boolean | undefined, signal: AbortSignal): Promise<QueueStatus>;
export declare function result<O>(client: FalClient, endpointId: string, requestId: string, options?: ResultOptions): Promise<Result<O>>;
/** `retry` is separate from the client's so a request already known to have failed reports its error at once. */
export declare function fetchResult<O>(client: FalClient, url: string, requestId: string, signal: AbortSignal, retry: RetryOptions | false): Promise<Result<O>>;
/**
* Asks the queue to cancel the request. Resolves once the cancellation is accepted (202); a request
* that already completed rejects with a FalApiError of status 400 (body `{status: "ALREADY_COMPLETED"}`).
*/
export declare function cancel(client: FalClient, endpointId: string, requestId: string, options?: CancelOptions): Promise<void>;
