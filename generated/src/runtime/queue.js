// falgen's runtime (runtime/queue.ts), written by `falgen generate`. Do not edit.
import { runScoped } from "./internal/abort.js";
import { fetchResult, fetchStatus, givenRequestUrl, submittedUrl, submitWithin } from "./internal/queue-calls.js";
import { JSON_BODY, request } from "./internal/request.js";
import { uploadFiles } from "./internal/upload.js";
/**
* Queues `input` for the endpoint (`POST <queueUrl>/<endpoint id>`), file inputs uploaded first,
* and returns the request id and its URLs. Sent once: never resent unless it provably never left.
*/
export function submit(client, endpointId, input, options) {
	return submitWith(client, endpointId, input, options, uploadFiles);
}
/** `submit` with the endpoint's file step: `uploadFiles`, or none for an endpoint without file inputs (see `FileStep`). */
export function submitWith(client, endpointId, input, options = {}, files) {
	return runScoped(options, undefined, async (signal) => {
		const data = await submitWithin(client, endpointId, input, options, signal, files);
		// The URLs the later calls use (see submittedUrl), not whatever the answer named.
		const url = submittedUrl(client, endpointId, data);
		return {
			requestId: data.request_id,
			statusUrl: `${url}/status`,
			responseUrl: url,
			cancelUrl: `${url}/cancel`,
			queuePosition: data.queue_position
		};
	});
}
/** The request's status, with its logs when asked for. */
export function status(client, endpointId, requestId, options = {}) {
	return runScoped(options, requestId, (signal) => fetchStatus(client, givenRequestUrl(client, endpointId, requestId), options.logs, signal));
}
/** The completed request's output; a failed request's error response is thrown as a FalApiError. */
export function result(client, endpointId, requestId, options = {}) {
	return runScoped(options, requestId, (signal) => fetchResult(client, givenRequestUrl(client, endpointId, requestId), requestId, signal));
}
/**
* Asks the queue to cancel the request. Resolves once the cancellation is accepted (202); a request
* that already completed rejects with a FalApiError of status 400 (body `{status: "ALREADY_COMPLETED"}`).
*/
export function cancel(client, endpointId, requestId, options = {}) {
	return runScoped(options, requestId, async (signal) => {
		await request(client, {
			url: `${givenRequestUrl(client, endpointId, requestId)}/cancel`,
			method: "PUT",
			signal,
			idempotent: true,
			reader: JSON_BODY
		});
	});
}
