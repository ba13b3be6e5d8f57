// falgen's runtime (runtime/errors.ts), written by `falgen generate`. Do not edit.
import type { FieldError } from "./index.js";
/**
* Base of every error the runtime throws. `requestId` is set on every error raised after a submit.
* No message, body or header of one holds a fal key this process has sent, even when a server
* echoed it back: each is replaced by `[redacted]`.
*/
export declare class FalError extends Error {
	override name: string;
	requestId: string | undefined;
	constructor(message: string, options?: {
		cause?: unknown;
		requestId?: string | undefined;
	});
}
/** The queue or storage answered with an error status. */
export declare class FalApiError extends FalError {
	override name: string;
	readonly status: number;
	/** The response body: parsed JSON when it was JSON, else its text. */
	readonly body: unknown;
	readonly headers: Headers;
	/** The `x-fal-error-type` header, when present. */
	readonly errorType: string | undefined;
	/** `what`: the message's start, before what the body says went wrong. */
	constructor(response: Response, body: unknown, requestId?: string, what?: string);
}
/** The input was rejected (422); `fieldErrors` says which fields and why. */
export declare class FalValidationError extends FalApiError {
	override name: string;
	readonly fieldErrors: FieldError[];
	/** `body` is a 422's: `{detail: FieldError[]}`; `what` as FalApiError's. */
	constructor(response: Response, body: {
		detail: FieldError[];
	}, requestId?: string, what?: string);
}
/** The call's `timeout` elapsed. */
export declare class FalTimeoutError extends FalError {
	override name: string;
}
/** The caller's `signal` aborted the call; `cause` is the signal's reason. */
export declare class FalAbortError extends FalError {
	override name: string;
}
/** The request failed before a response arrived (connection refused or reset, DNS, a dropped stream). */
export declare class FalNetworkError extends FalError {
	override name: string;
	/** False only when the request provably never reached the server (so even a submit may be resent). */
	readonly requestSent: boolean;
	constructor(message: string, options: {
		cause?: unknown;
		requestId?: string | undefined;
		requestSent: boolean;
	});
}
/**
* A success status whose body is not what the call expects: not JSON (an HTML page from a proxy or
* gateway, a status stream event), or JSON without what fal always sends (a submit answer without
* `request_id`, a status without a known `status`). Retried like a network error for status, result and cancel, never for
* a submit (the request may be queued: `requestId` is the `x-fal-request-id` header, if any).
*
* Also a body (of any status) or a stream event larger than the runtime reads
* (`RESPONSE_BODY_LIMIT_BYTES`, `STATUS_EVENT_LIMIT`): then `limit` is that size, the rest of the
* body was not read, and the call is not retried.
*/
export declare class FalResponseError extends FalError {
	override name: string;
	readonly status: number;
	/** The limit (bytes; characters for a stream event) the body or event passed, when that is what is wrong with it. */
	readonly limit: number | undefined;
	/**
	* `expected`: what the body lacks, e.g. "a queue status"; the message quotes the start of `text`,
	* when given.
	*/
	constructor(status: number, expected: string, text?: string, options?: {
		cause?: unknown;
		requestId?: string | undefined;
		limit?: number;
	});
}
/** The error for `what` ("a body", "an event") over `limit` (bytes; characters for an event): the call fails at once. */
export declare function tooLargeError(status: number, what: string, limit: number): FalResponseError;
/** A webhook delivery failed verification (missing headers, stale timestamp, bad signature, bad body). */
export declare class FalWebhookError extends FalError {
	override name: string;
}
/** The error a failed response becomes: a FalValidationError for a FastAPI 422, else a FalApiError. */
export declare function apiErrorFromResponse(response: Response, body: unknown): FalApiError;
/**
* Marks an error with the queued request it belongs to, wrapping anything that is not a FalError.
* The queue's id replaces a response's `x-fal-request-id`: it is the one that fetches the result.
*/
export declare function withRequestId(error: unknown, requestId: string): FalError;
/**
* Field errors as messages show them, whether fal's 422 or local validation found them:
* `prompt: Input should be ...; ...`. The field's path leaves out FastAPI's leading `body` (`input`
* for the input itself); `fieldErrors` keep fal's `loc` as it is.
*/
export declare function describeFieldErrors(fieldErrors: FieldError[]): string;
