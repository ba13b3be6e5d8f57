// falgen's runtime (runtime/internal/queue-calls.ts), written by `falgen generate`. Do not edit.
import type { CompletedStatus, FalClient, QueueStatus, Result, SubmitOptions } from "../index.js";
import { type FileStep } from "./prepare-input.js";
import { type BodyReader } from "./request.js";
/** The queue's answer to a submit. */
export interface SubmitResponse {
	request_id: string;
	response_url: string;
	status_url: string;
	cancel_url: string;
	queue_position: number;
}
/**
* `requestUrl` for an id the caller passed (status, result, cancel, streamStatus); an id the queue
* never makes is refused before anything is sent. (A submit answer's id was checked as it arrived.)
*/
export declare function givenRequestUrl(client: FalClient, endpointId: string, requestId: string): string;
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
/** Checks the input when asked and hands it to `files` (see `FileStep`), then queues the request once (never retried unless it provably did not arrive). */
export declare function submitWithin(client: FalClient, endpointId: string, input: unknown, options: Omit<SubmitOptions, "signal">, signal: AbortSignal, files: FileStep | undefined): Promise<SubmitResponse>;
/** The request's status (`url` as from `requestUrl`). */
export declare function fetchStatus(client: FalClient, url: string, logs: boolean | undefined, signal: AbortSignal): Promise<QueueStatus>;
/**
* The request's output. `completed`, its COMPLETED status when known: one carrying `error` (the
* request failed) reports the result's error response at once, unretried, and an answer 200 then
* is no success either: a FalError saying the status's `error` and `error_type`, the status its `cause`.
*/
export declare function fetchResult<O>(client: FalClient, url: string, requestId: string, signal: AbortSignal, completed?: CompletedStatus): Promise<Result<O>>;
/** Whether a COMPLETED status says the request failed: it carries `error` (or `error_type`). */
export declare function hasFailed(completed: CompletedStatus | undefined): completed is CompletedStatus;
