import type { RetryOptions } from "../index.js";
import { FalApiError, FalNetworkError, FalResponseError } from "../errors.js";
import { sleep, type ScopeSignal } from "./abort.js";

// The policy's options and defaults are public (index.ts, client.ts); how they are applied is here.

const RETRYABLE_STATUSES = [408, 429, 500, 502, 503, 504];

/**
 * Whether a failed attempt may be repeated. `idempotent` calls (status, stream, result, cancel,
 * uploads) retry transient statuses and network errors; a submit is resent only when it provably
 * never reached the server, so a paid request is never queued twice.
 */
export function isRetryable(error: unknown, idempotent: boolean): boolean {
  if (error instanceof FalNetworkError) return idempotent || !error.requestSent;
  // A garbled success (a gateway's HTML page, a cut body) says nothing about the request itself.
  // An answer over the size limit would be as large again.
  if (error instanceof FalResponseError) return idempotent && !error.limit;
  if (!(error instanceof FalApiError) || !idempotent) return false;
  // A 504 for the caller's own `startTimeout` repeats on every attempt.
  return RETRYABLE_STATUSES.includes(error.status) && error.headers.get("x-fal-request-timeout-type") !== "user";
}

/** Milliseconds a `Retry-After` header asks for (delay in seconds or an HTTP date), if it is valid. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value?.trim()) return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - now;
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
}

/**
 * The wait before retry number `attempt` (0-based): the server's `Retry-After` when given, else
 * jittered backoff; undefined when the server asks for more than `maxDelayMs`.
 */
export function retryDelay(attempt: number, options: RetryOptions, error: unknown, now: number = Date.now(), random: () => number = Math.random): number | undefined {
  const retryAfter = error instanceof FalApiError ? parseRetryAfter(error.headers.get("retry-after"), now) : undefined;
  if (retryAfter !== undefined) return retryAfter <= options.maxDelayMs ? retryAfter : undefined;
  return random() * Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt);
}

/**
 * Sleeps before retry number `attempt` (0-based) of a failed call, or rethrows `error` when it may
 * not (policy off, not retryable, aborted, a `Retry-After` longer than `maxDelayMs` or the call's
 * remaining time) or need not (retries used up) be retried.
 */
export async function backoff(options: RetryOptions | false, signal: AbortSignal, idempotent: boolean, error: unknown, attempt: number): Promise<void> {
  if (!options || attempt >= options.maxRetries || signal.aborted || !isRetryable(error, idempotent)) throw error;
  const delay = retryDelay(attempt, options, error);
  // A wait the call cannot afford fails now, with the server's own error rather than a timeout later.
  const { deadline } = signal as ScopeSignal;
  if (delay === undefined || (deadline !== undefined && delay > deadline - Date.now())) throw error;
  await sleep(delay, signal);
}
