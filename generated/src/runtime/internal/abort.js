// falgen's runtime (runtime/internal/abort.ts), written by `falgen generate`. Do not edit.
import { FalAbortError, FalError, FalTimeoutError, withRequestId } from "../errors.js";
const aborted = (cause) => new FalAbortError("The call was aborted", { cause });
/**
* The signal of a call that nothing can abort (no `signal`, no `timeout`): one shared instance, so
* such calls (the common case) allocate no controller, and never listened to (see `fetchSignal`).
*/
export const NEVER_ABORTED = new AbortController().signal;
/** The signal to give fetch: none for a call that cannot be aborted, so no listeners pile up on the shared one. */
export function fetchSignal(signal) {
	return signal === NEVER_ABORTED ? undefined : signal;
}
/** The scope of every call that nothing can abort: shared, it has nothing to dispose. */
const UNABORTABLE = {
	signal: NEVER_ABORTED,
	dispose() {}
};
/** The longest delay a timer takes: a longer one fires at once (Node, browsers). */
export const MAX_TIMER_MS = 2 ** 31 - 1;
/** The time options a call's options may hold, and the least value of each in ms: a timeout of 0 would end the call at once. */
const LEAST_MS = {
	timeout: 1,
	pollInterval: 0,
	idleTimeout: 0
};
const TIME_OPTIONS = Object.keys(LEAST_MS);
/**
* The one place a call's `signal` and `timeout` become its abort: a FalAbortError or a
* FalTimeoutError as the scope signal's reason. `own`, when given, is the scope's controller (a
* stream also aborts it itself); without it, a call that nothing can abort shares UNABORTABLE.
*/
// Hand-rolled rather than AbortSignal.any/timeout: those are missing on Node 18 and some edge runtimes,
// and the reason must say which of the two fired.
export function abortScope(options, own) {
	const { signal, timeout } = options;
	// Not NaN (which timers read as 0), nor below the option's least value; Infinity waits forever.
	const invalid = TIME_OPTIONS.find((name) => !((options[name] ?? LEAST_MS[name]) >= LEAST_MS[name]));
	if (!own && signal === undefined && timeout === undefined && !invalid) return UNABORTABLE;
	const controller = own ?? new AbortController();
	// Refused through the scope's signal, so the call rejects (never throws) before sending anything.
	if (invalid) controller.abort(new FalError(`Invalid option ${invalid}: ${options[invalid]} ms, nothing was sent (at least ${LEAST_MS[invalid]})`));
	const onAbort = () => controller.abort(aborted(signal?.reason));
	if (signal?.aborted) onAbort();
	signal?.addEventListener("abort", onAbort);
	let timer;
	// A timeout too long for a timer is no timeout (it would otherwise fire at once).
	if (timeout !== undefined && timeout <= MAX_TIMER_MS) {
		controller.signal.deadline = Date.now() + timeout;
		timer = setTimeout(() => controller.abort(new FalTimeoutError(`The call timed out after ${timeout} ms`)), timeout);
	}
	return {
		signal: controller.signal,
		dispose() {
			clearTimeout(timer);
			signal?.removeEventListener("abort", onAbort);
		}
	};
}
/**
* Runs `run` under its own abort scope; when `requestId` is given, every error carries it. A call
* with nothing to dispose and no id to add gets `run`'s own promise, without a wrapper that would
* stay suspended as long as the call is in flight.
*/
export function runScoped(options, requestId, run) {
	const scope = abortScope(options);
	return scope === UNABORTABLE && requestId === undefined ? run(NEVER_ABORTED) : runWithin(scope, requestId, run);
}
async function runWithin(scope, requestId, run) {
	try {
		return await run(scope.signal);
	} catch (error) {
		throw requestId === undefined ? error : withRequestId(error, requestId);
	} finally {
		scope.dispose();
	}
}
/** The error an aborted signal stands for: its own FalError reason, or a FalAbortError wrapping a foreign one. */
export function abortError(signal) {
	return signal.reason instanceof FalError ? signal.reason : aborted(signal.reason);
}
/** Waits `ms` (at most MAX_TIMER_MS), rejecting with `abortError(signal)` as soon as the signal aborts. */
export function sleep(ms, signal) {
	return new Promise((resolve, reject) => {
		// Settles once, on whichever comes first: the timer or the abort.
		const done = () => {
			clearTimeout(timer);
			signal.removeEventListener("abort", done);
			if (signal.aborted) reject(abortError(signal));
			else resolve();
		};
		const timer = setTimeout(done, Math.min(ms, MAX_TIMER_MS));
		if (signal === NEVER_ABORTED) return;
		signal.addEventListener("abort", done);
		if (signal.aborted) done();
	});
}
