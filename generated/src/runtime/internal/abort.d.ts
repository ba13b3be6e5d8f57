// falgen's runtime (runtime/internal/abort.ts), written by `falgen generate`. Do not edit.
import { FalError } from "../errors.js";
/** What a call may be cut short by: the caller's signal and a whole-call timeout in milliseconds. */
export interface AbortOptions {
	signal?: AbortSignal | undefined;
	timeout?: number | undefined;
	/** Checked here with `timeout`, as every call passes its options through (subscribe's, stream's). */
	pollInterval?: number | undefined;
	idleTimeout?: number | undefined;
}
/** One signal for a whole call, aborted with a FalAbortError or FalTimeoutError as its reason. */
export interface AbortScope {
	readonly signal: AbortSignal;
	dispose(): void;
}
/**
* The signal of a call that nothing can abort (no `signal`, no `timeout`): one shared instance, so
* such calls (the common case) allocate no controller, and never listened to (see `fetchSignal`).
*/
export declare const NEVER_ABORTED: AbortSignal;
/** The signal to give fetch: none for a call that cannot be aborted, so no listeners pile up on the shared one. */
export declare function fetchSignal(signal: AbortSignal): AbortSignal | undefined;
/** The longest delay a timer takes: a longer one fires at once (Node, browsers). */
export declare const MAX_TIMER_MS: number;
/**
* The signal of a scope, carrying the call's deadline (ms since the epoch) when it has a timeout,
* so a retry can tell whether a wait still fits. A property of the signal itself rather than an
* entry in a map: the cheapest way to hand it down to every request of the call.
*/
export interface ScopeSignal extends AbortSignal {
	deadline?: number;
}
/**
* The one place a call's `signal` and `timeout` become its abort: a FalAbortError or a
* FalTimeoutError as the scope signal's reason. `own`, when given, is the scope's controller (a
* stream also aborts it itself); without it, a call that nothing can abort shares UNABORTABLE.
*/
export declare function abortScope(options: AbortOptions, own?: AbortController): AbortScope;
/**
* Runs `run` under its own abort scope; when `requestId` is given, every error carries it. A call
* with nothing to dispose and no id to add gets `run`'s own promise, without a wrapper that would
* stay suspended as long as the call is in flight.
*/
export declare function runScoped<T>(options: AbortOptions, requestId: string | undefined, run: (signal: AbortSignal) => Promise<T>): Promise<T>;
/** The error an aborted signal stands for: its own FalError reason, or a FalAbortError wrapping a foreign one. */
export declare function abortError(signal: AbortSignal): FalError;
/** Waits `ms` (at most MAX_TIMER_MS), rejecting with `abortError(signal)` as soon as the signal aborts. */
export declare function sleep(ms: number, signal: AbortSignal): Promise<void>;
