/** Base of every error the runtime throws. `requestId` is set on every error raised after a submit. */
export declare class FalError extends Error {
    name: string;
    requestId: string | undefined;
    constructor(message: string, options?: {
        cause?: unknown;
        requestId?: string | undefined;
    });
}
/** The queue or storage answered with an error status. */
export declare class FalApiError extends FalError {
    name: string;
    readonly status: number;
    /** The response body: parsed JSON when it was JSON, else its text. */
    readonly body: unknown;
    readonly headers: Headers;
    /** The `x-fal-error-type` header, when present. */
    readonly errorType: string | undefined;
    constructor(response: Response, body: unknown, requestId?: string);
}
/** One entry of a FastAPI validation error (`detail` of a 422). */
export interface FieldError {
    /** Where the error is, e.g. `["body", "prompt"]`. */
    loc: (string | number)[];
    msg: string;
    type: string;
}
/** The input was rejected (422); `fieldErrors` says which fields and why. */
export declare class FalValidationError extends FalApiError {
    name: string;
    readonly fieldErrors: FieldError[];
    constructor(response: Response, body: unknown, fieldErrors: FieldError[], requestId?: string);
}
/** The call's `timeout` elapsed. */
export declare class FalTimeoutError extends FalError {
    name: string;
}
/** The caller's `signal` aborted the call; `cause` is the signal's reason. */
export declare class FalAbortError extends FalError {
    name: string;
}
/** The request failed before a response arrived (connection refused or reset, DNS, a dropped stream). */
export declare class FalNetworkError extends FalError {
    name: string;
    /** False only when the request provably never reached the server (so even a submit may be resent). */
    readonly requestSent: boolean;
    constructor(message: string, options: {
        cause?: unknown;
        requestSent: boolean;
    });
}
/** A webhook delivery failed verification (missing headers, stale timestamp, bad signature, bad body). */
export declare class FalWebhookError extends FalError {
    name: string;
}
/** The error a failed response becomes: a FalValidationError for a FastAPI 422, else a FalApiError. */
export declare function apiErrorFromResponse(response: Response, body: unknown): FalApiError;
/**
 * Marks an error with the queued request it belongs to, wrapping anything that is not a FalError.
 * The queue's id replaces a response's `x-fal-request-id`: it is the one that fetches the result.
 */
export declare function withRequestId(error: unknown, requestId: string): FalError;
//# sourceMappingURL=errors.d.ts.map