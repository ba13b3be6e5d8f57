// falgen's runtime (runtime/internal/retry.ts), written by `falgen generate`. Do not edit.
import type { RetryOptions } from "../index.js";
/**
* Whether a failed attempt may be repeated. `idempotent` calls (status, stream, result, cancel,
* uploads) retry transient statuses and network errors; a submit is resent only when it provably
* never reached the server, so a paid request is never queued twice.
*/
export declare function isRetryable(error: unknown, idempotent: boolean): boolean;
/** Milliseconds a `Retry-After` header asks for (delay in seconds or an HTTP date), if it is valid. */
export declare function parseRetryAfter(value: string | null, now: number): number | undefined;
/**
* The wait before retry number `attempt` (0-based): the server's `Retry-After` when given, else
* jittered backoff; undefined when the server asks for more than `maxDelayMs`.
*/
export declare function retryDelay(attempt: number, options: RetryOptions, error: unknown, now?: number, random?: () => number): number | undefined;
/**
* Sleeps before retry number `attempt` (0-based) of a failed call, or rethrows `error` when it may
* not (policy off, not retryable, aborted, a `Retry-After` longer than `maxDelayMs` or the call's
* remaining time) or need not (retries used up) be retried.
*/
export declare function backoff(options: RetryOptions | false, signal: AbortSignal, idempotent: boolean, error: unknown, attempt: number): Promise<void>;
