// falgen's runtime (runtime/internal/queue-calls.ts), written by `falgen generate`. Do not edit.
import { FalError } from "../errors.js";
import { appPath } from "../endpoint-id.js";
import { prepareInput } from "./prepare-input.js";
import { JSON_BODY, request } from "./request.js";
/**
* The URL a queued request's status, result and cancel routes hang off: they live under
* `[namespace/]owner/app`, whatever the endpoint's full id. `requestId` is one as the queue makes
* them (see isRequestId), whose characters need no encoding.
*/
function requestUrl(client, endpointId, requestId) {
	return `${client.queueUrl}/${appPath(endpointId)}/requests/${requestId}`;
}
/**
* `requestUrl` for an id the caller passed (status, result, cancel, streamStatus); an id the queue
* never makes is refused before anything is sent. (A submit answer's id was checked as it arrived.)
*/
export function givenRequestUrl(client, endpointId, requestId) {
	if (!isRequestId(requestId)) throw new FalError(`Invalid request id ${JSON.stringify(requestId)}, nothing was sent: pass the requestId submit returned`);
	return requestUrl(client, endpointId, requestId);
}
/**
* The URL the submit response points at (its `response_url` is `<app URL>/requests/<id>`) when it
* is on the client's queue origin, else the one built from the id: the key goes nowhere else.
*/
export function submittedUrl(client, endpointId, { request_id, response_url }) {
	// Used only in the form fetch would read it (no dot segments, encoded or not, nor user info):
	// then a URL that starts with the queue URL is on the queue's origin.
	const usable = canonical(response_url) && response_url.startsWith(`${client.queueUrl}/`) && response_url.endsWith(`/requests/${request_id}`) && !/[?#]/.test(response_url);
	return usable ? response_url : requestUrl(client, endpointId, request_id);
}
function canonical(url) {
	try {
		return new URL(url).href === url;
	} catch {
		return false;
	}
}
/** Whether `id` is a request id as the queue makes them: a path segment that is no dot segment. */
function isRequestId(id) {
	return typeof id === "string" && /^[\w-][\w.~-]*$/.test(id);
}
const QUEUE_STATUSES = [
	"IN_QUEUE",
	"IN_PROGRESS",
	"COMPLETED"
];
/** A submit answer: it has a usable `request_id` (the key of every later call); without one, the request may still be queued. */
const SUBMIT_BODY = {
	what: "a usable request_id (the request may be queued)",
	read: (body) => {
		return isRequestId(body?.request_id) ? body : undefined;
	}
};
/**
* A status: it has a known `status`. fal sends `logs: null` when logs were not asked for; it is
* removed, so `logs` is an array or absent, as typed.
*/
export const STATUS_BODY = {
	what: "a queue status",
	read(body) {
		const status = body;
		if (!QUEUE_STATUSES.includes(status?.status)) return undefined;
		if (status.logs === null) delete status.logs;
		return status;
	}
};
/**
* Checks the input when asked and hands it to `files` (see `FileStep`), then queues the request once
* (never retried unless it provably did not arrive). `onQueued` gets the `x-fal-request-id` of a
* success status as soon as its headers arrive: the queue answers only once it holds the request,
* so it is queued even when the body never arrives. An error after that carries the id and says so.
*/
export function submitWithin(client, endpointId, input, options, signal, files, onQueued) {
	let queued;
	const queue = (body) => request(client, {
		url: `${client.queueUrl}/${endpointId}`,
		method: "POST",
		query: { fal_webhook: options.webhookUrl },
		headers: {
			"x-fal-queue-priority": options.priority,
			"x-fal-request-timeout": options.startTimeout,
			"x-fal-runner-hint": options.hint,
			...options.headers
		},
		body,
		signal,
		idempotent: false,
		reader: SUBMIT_BODY,
		onResponse(response) {
			if (response.ok && (queued = response.headers.get("x-fal-request-id"))) onQueued?.(queued);
		}
	}).catch((error) => {
		if (queued) error.message += ` (request ${queued} may be queued: its id fetches or cancels it)`;
		throw error;
	});
	const withFiles = prepareInput(client, endpointId, input, options, signal, files);
	return withFiles ? withFiles.then(queue) : queue(input);
}
/** The request's status (`url` as from `requestUrl`). */
export function fetchStatus(client, url, logs, signal) {
	return request(client, {
		url: `${url}/status`,
		query: { logs: logs ? 1 : undefined },
		signal,
		idempotent: true,
		reader: STATUS_BODY
	});
}
/**
* The request's output. `completed`, its COMPLETED status when known: one carrying `error` (the
* request failed) reports the result's error response at once, unretried, and an answer 200 then
* is no success either: a FalError saying the status's `error` and `error_type`, the status its `cause`.
*/
export async function fetchResult(client, url, requestId, signal, completed) {
	const failed = hasFailed(completed);
	const data = await request(client, {
		url,
		signal,
		idempotent: true,
		retry: failed ? false : undefined,
		reader: JSON_BODY
	});
	if (failed) throw new FalError(`The request failed: ${[completed.error, completed.error_type].filter((part) => part != null).join(", error_type ")}`, {
		requestId,
		cause: completed
	});
	return {
		data,
		requestId
	};
}
/** Whether a COMPLETED status says the request failed: it carries `error` (or `error_type`). */
export function hasFailed(completed) {
	return (completed?.error ?? completed?.error_type) != null;
}
