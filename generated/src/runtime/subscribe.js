// falgen's runtime (runtime/subscribe.ts), written by `falgen generate`. Do not edit.
import { FalError, withRequestId } from "./errors.js";
import { runScoped, sleep } from "./internal/abort.js";
import { fetchResult, fetchStatus, submittedUrl, submitWithin } from "./internal/queue-calls.js";
import { uploadFiles } from "./internal/upload.js";
import { statusEvents } from "./internal/status-events.js";
import { connectionFreed } from "#undici";
/**
* Submits `input`, waits for the request to complete and returns its output. `timeout` and `signal`
* cover the whole call, waits included; every error after the submit carries the request id
* (so does `onEnqueue`), and errors thrown by the callbacks are wrapped in a FalError with it.
*/
export function subscribe(client, endpointId, input, options) {
	return subscribeWith(client, endpointId, input, options, uploadFiles);
}
/** `subscribe` with the endpoint's file step: `uploadFiles`, or none for an endpoint without file inputs (see `FileStep`). */
export function subscribeWith(client, endpointId, input, options = {}, files) {
	return runScoped(options, undefined, (signal) => subscribeWithin(client, endpointId, input, options, signal, files));
}
// A function of its own rather than a closure made per call: while the request runs, only its
// frame is kept, not also the closure and the scope it would capture.
async function subscribeWithin(client, endpointId, input, options, signal, files) {
	let requestId;
	try {
		let submitted;
		try {
			submitted = await submitWithin(client, endpointId, input, options, signal, files, (id) => requestId = id);
		} finally {
			// Once the queue named the request, even when its answer never completed (see submitWithin).
			if (requestId = submitted?.request_id ?? requestId) enqueued(options, requestId);
		}
		const url = submittedUrl(client, endpointId, submitted);
		// Each request that follows a response at once reuses its connection (see connectionFreed).
		await connectionFreed();
		let status;
		if (options.mode === "streaming") {
			// Stream events carry only new logs; give each status all logs so far, as polling does.
			let logs = [];
			for await (const event of statusEvents(client, url, options.logs, signal)) {
				status = options.logs ? {
					...event,
					logs: logs = [...logs, ...event.logs ?? []]
				} : event;
				options.onQueueUpdate?.(status);
			}
		} else {
			// Polls every `pollInterval` ms until COMPLETED (each poll returns all logs so far).
			for (;;) {
				status = await fetchStatus(client, url, options.logs, signal);
				options.onQueueUpdate?.(status);
				if (status.status === "COMPLETED") break;
				await sleep(options.pollInterval ?? 500, signal);
			}
		}
		await connectionFreed();
		// Both loops end on COMPLETED: a failed request's error is reported at once (see fetchResult).
		return await fetchResult(client, url, requestId, signal, status);
	} catch (error) {
		throw requestId === undefined ? error : withRequestId(error, requestId);
	}
}
/** Calls `onEnqueue`; what it throws becomes a FalError saying so, with the id of the request, which stays queued. */
function enqueued(options, requestId) {
	try {
		options.onEnqueue?.(requestId);
	} catch (cause) {
		throw new FalError(`onEnqueue threw (request ${requestId} is queued: its id fetches or cancels it): ${String(cause)}`, {
			cause,
			requestId
		});
	}
}
