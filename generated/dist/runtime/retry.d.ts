/** Exponential backoff with full jitter: attempt n waits a random time in [0, min(maxDelayMs, baseDelayMs * 2^n)). */
export interface RetryOptions {
    /** Retries after the first attempt. */
    maxRetries: number;
    baseDelayMs: number;
    maxDelayMs: number;
}
export declare const DEFAULT_RETRY_OPTIONS: RetryOptions;
/**
 * Whether a failed attempt may be repeated. `idempotent` calls (status, stream, result, cancel,
 * uploads) retry transient statuses and network errors; a submit is resent only when it provably
 * never reached the server, so a paid request is never queued twice.
 */
export declare function isRetryable(error: unknown, idempotent: boolean): boolean;
/** Milliseconds a `Retry-After` header asks for (delay in seconds or an HTTP date), if it is valid. */
export declare function parseRetryAfter(value: string | null, now: number): number | undefined;
/** The wait before retry number `attempt` (0-based): the server's `Retry-After` when given, else jittered backoff. */
export declare function retryDelay(attempt: number, options: RetryOptions, error: unknown, now?: number, random?: () => number): number;
/**
 * Sleeps before retry number `attempt` (0-based) of a failed call, or rethrows `error` when it may
 * not (policy off, not retryable, aborted) or need not (retries used up) be retried.
 */
export declare function backoff(options: RetryOptions | false, signal: AbortSignal, idempotent: boolean, error: unknown, attempt: number): Promise<void>;
//# sourceMappingURL=retry.d.ts.map