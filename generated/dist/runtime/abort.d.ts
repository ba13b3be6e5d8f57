import { FalError } from "./errors.js";
/** What a call may be cut short by: the caller's signal and a whole-call timeout in milliseconds. */
export interface AbortOptions {
    signal?: AbortSignal | undefined;
    timeout?: number | undefined;
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
export declare function abortScope({ signal, timeout }: AbortOptions): AbortScope;
/**
 * Runs `run` under its own abort scope; when `requestId` is given, every error carries it. A call
 * with nothing to dispose and no id to add gets `run`'s own promise, without a wrapper that would
 * stay suspended as long as the call is in flight.
 */
export declare function runScoped<T>(options: AbortOptions, requestId: string | undefined, run: (signal: AbortSignal) => Promise<T>): Promise<T>;
/** The error an aborted signal stands for: its own FalError reason, or a FalAbortError wrapping a foreign one. */
export declare function abortError(signal: AbortSignal): FalError;
/** Waits `ms`, rejecting with `abortError(signal)` as soon as the signal aborts. */
export declare function sleep(ms: number, signal: AbortSignal): Promise<void>;
//# sourceMappingURL=abort.d.ts.map