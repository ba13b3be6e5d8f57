// falgen's runtime (runtime/types.ts), written by `falgen generate`. Do not edit.
import type { FalError } from "./errors.js";
import type { InputValidator } from "./validator.js";
/**
* A call's `validate` option: `true` checks the input with the endpoint's validator registered on
* the client (`createFalClient({ validators: [endpoint.inputValidator] })`), a validator checks it
* with that one, `false` not at all. Unset, the client's `validate` decides.
*/
export type ValidateOption = boolean | InputValidator<unknown>;
/** One log line of a request, as the queue reports it. */
export interface RequestLog {
	message: string;
	/** e.g. "INFO", "WARN", "ERROR", "DEBUG", "STDOUT", "STDERR". */
	level: string;
	/** e.g. "USER". */
	source: string;
	/** ISO 8601. */
	timestamp: string;
}
interface QueueStatusFields {
	request_id: string;
	/** Present when asked for with `logs: true`. */
	logs?: RequestLog[];
	/** e.g. `{ inference_time: 1.2 }` once completed. */
	metrics?: Record<string, unknown>;
	/** Requests ahead of this one; only while IN_QUEUE. */
	queue_position?: number;
	response_url?: string;
	status_url?: string;
	cancel_url?: string;
}
export interface InQueueStatus extends QueueStatusFields {
	status: "IN_QUEUE";
	queue_position: number;
}
export interface InProgressStatus extends QueueStatusFields {
	status: "IN_PROGRESS";
}
export interface CompletedStatus extends QueueStatusFields {
	status: "COMPLETED";
	/** Set when the request failed; the result call then throws the endpoint's error. */
	error?: string;
	error_type?: string;
}
/** Where a queued request is, discriminated on `status`. */
export type QueueStatus = InQueueStatus | InProgressStatus | CompletedStatus;
/** A completed request's output and the id it ran under. */
export interface Result<T> {
	data: T;
	requestId: string;
}
/** What a submit returns: the request id and where its status, result and cancel live. */
export interface SubmitResult {
	requestId: string;
	statusUrl: string;
	responseUrl: string;
	cancelUrl: string;
	queuePosition: number;
}
export interface SubmitOptions {
	/** fal POSTs the result here when the request completes (see `verifyWebhook`). */
	webhookUrl?: string;
	/** Queue priority; "low" requests yield to "normal" ones. @default "normal" */
	priority?: "low" | "normal";
	/** Seconds the request may wait for a runner to start before it fails (`x-fal-request-timeout`). */
	startTimeout?: number;
	/** Routes the request to runners with this hint (`x-fal-runner-hint`). */
	hint?: string;
	signal?: AbortSignal;
	/** Extra request headers. */
	headers?: Record<string, string>;
	/**
	* Check the input before sending anything: `true` with the endpoint's validator registered in
	* `createFalClient({ validators })`, or the validator given (the endpoint module's `inputValidator`).
	* An invalid input throws a FalValidationError with fal's 422 field errors. @default the client's `validate`
	*/
	validate?: ValidateOption;
}
export interface StatusOptions {
	/** Include the request's logs. @default false */
	logs?: boolean;
	signal?: AbortSignal;
}
export interface ResultOptions {
	signal?: AbortSignal;
}
export interface CancelOptions {
	signal?: AbortSignal;
}
export interface SubscribeOptions extends SubmitOptions {
	/** Poll the status, or follow its Server-Sent Events stream. @default "polling" */
	mode?: "polling" | "streaming";
	/** Milliseconds between polls. @default 500 */
	pollInterval?: number;
	/** Include logs in the statuses passed to `onQueueUpdate` (accumulated in streaming mode). @default false */
	logs?: boolean;
	/** Called with the request id right after submit, before any wait: keep it to fetch a paid result later. */
	onEnqueue?: (requestId: string) => void;
	onQueueUpdate?: (status: QueueStatus) => void;
	/** Milliseconds for the whole call (uploads, submit, waiting, result); then a FalTimeoutError. */
	timeout?: number;
	/** Aborts the whole call with a FalAbortError; the request stays queued (use `cancel` to stop it). */
	signal?: AbortSignal;
}
/** Options of `run` and `stream`: one synchronous call to the endpoint on the run host. */
export interface RunOptions {
	/** Milliseconds for the whole call (uploads included); then a FalTimeoutError. */
	timeout?: number;
	/** Aborts the call with a FalAbortError. The endpoint may still run (and bill) what it received. */
	signal?: AbortSignal;
	/** Seconds the request may wait for a runner to start before it fails (`x-fal-request-timeout`). */
	startTimeout?: number;
	/** Extra request headers. */
	headers?: Record<string, string>;
	/** Check the input before sending anything, as for `submit` (see `SubmitOptions.validate`). @default the client's `validate` */
	validate?: ValidateOption;
}
export interface StreamOptions extends RunOptions {
	/**
	* Milliseconds the stream may go without an event once its response arrived (the first event
	* included; keep-alive comments do not count) before it ends with a FalTimeoutError. The wait
	* for the response itself (a runner starting) is bounded by `timeout`. `0` waits forever.
	* @default 15000
	*/
	idleTimeout?: number;
}
/**
* A streaming call in flight: iterate it for the partial outputs (`for await`), and await `done()`
* for the final one. It ends, never hangs, on the first of: the last event, an error event or
* status, `abort()`, the `signal`, the `timeout`, or `idleTimeout` without an event.
*/
export interface FalStream<
	P,
	O
> extends AsyncIterable<P> {
	/**
	* The final output (the stream's last event) once it ends. Rejects with what ended it otherwise:
	* a FalApiError (an error status or an `x-fal-error` event; FalValidationError for field errors), a FalNetworkError
	* (the connection dropped), a FalTimeoutError, or a FalAbortError (also when a `for await` over
	* the stream stops early). Every error carries `requestId` once the response named it.
	*/
	done(): Promise<O>;
	/** Stops the stream and frees its connection; `done()` rejects with a FalAbortError. */
	abort(reason?: unknown): void;
	/** The `x-fal-request-id` of the response, once it arrived. */
	readonly requestId: string | undefined;
}
export interface RealtimeOptions<O> {
	/**
	* Returns a short-lived token for the endpoint (called with its id for every connection, so each
	* reconnection gets a fresh one). In a browser this asks the app's own server, whose
	* `createTokenHandler` holds the key. Without it the client fetches the token itself with its key
	* (server-side code only).
	*/
	tokenProvider?: (endpointId: string) => Promise<string>;
	/** Minimum milliseconds between two inputs sent; `0` sends each at once. @default 128 */
	throttleInterval?: number;
	/**
	* Whether an input waiting for its turn (throttled, or the connection not open) is replaced by a
	* newer one, as `@fal-ai/client` does: right for live inputs (a canvas, a slider), where only the
	* latest matters. `false` sends every input, in order. @default true
	*/
	dropStale?: boolean;
	/** Called with each output; without it, iterate the connection. */
	onResult?: (output: O) => void;
	/**
	* Called with each error: an input the endpoint rejected (a FalValidationError for field errors,
	* else a FalApiError), and the error that ended the connection. Without it, the iteration throws
	* the first error and the connection closes.
	*/
	onError?: (error: FalError) => void;
	/** Reconnections in a row (each with a fresh token) before giving up. @default the client's `retry.maxRetries` */
	maxReconnects?: number;
	/** The WebSocket class to use where the platform has none (Node 20 and older: the `ws` package). @default globalThis.WebSocket */
	WebSocket?: new (url: string) => object;
	/** Seconds of inputs fal may buffer for the app (`max_buffering`, 1 to 60). */
	maxBuffering?: number;
	/** Closes the connection; the iteration then throws a FalAbortError. */
	signal?: AbortSignal;
}
/**
* An open realtime session: `send` inputs, receive outputs (`for await`, or `onResult`), `close()`
* when done. A dropped connection is reopened with a fresh token, and the inputs it had not
* answered are sent again (fal's realtime apps answer each input with one output, in order).
*/
export interface RealtimeConnection<
	I,
	O
> extends AsyncIterable<O> {
	/**
	* Queues an input (sent as a msgpack frame, throttled); throws a FalError once the connection has
	* ended, or when the input cannot be encoded (nested more than 100 levels deep, a BigInt too large).
	*/
	send(input: I): void;
	/** Closes the connection; an iteration ends after the outputs already received. */
	close(): void;
}
export {};
