import { runScoped } from "./abort.js";
import { appPath } from "./endpoint-id.js";
import { replaceFileInputs } from "./files.js";
import { callFal, send } from "./http.js";
/**
 * The URL a queued request's status, result and cancel routes hang off: they live under
 * `[namespace/]owner/app`, whatever the endpoint's full id.
 */
export function requestUrl(client, endpointId, requestId) {
    return `${client.queueUrl}/${appPath(endpointId)}/requests/${encodeURIComponent(requestId)}`;
}
/** The URL the submit response points at (its `response_url` is `<app URL>/requests/<id>`), else the one built from the id. */
export function submittedUrl(client, endpointId, { request_id, response_url }) {
    return response_url?.endsWith(`/requests/${request_id}`) ? response_url : requestUrl(client, endpointId, request_id);
}
export function submit(client, endpointId, input, options = {}) {
    return runScoped(options, undefined, async (signal) => {
        const data = await submitWithin(client, endpointId, input, options, signal);
        return {
            requestId: data.request_id,
            statusUrl: data.status_url,
            responseUrl: data.response_url,
            cancelUrl: data.cancel_url,
            queuePosition: data.queue_position,
        };
    });
}
/** Uploads file inputs, then queues the request once (never retried unless it provably did not arrive). */
export function submitWithin(client, endpointId, input, options, signal) {
    const queue = (body) => send(client.retry, signal, false, () => callFal(client, {
        url: `${client.queueUrl}/${endpointId}`,
        method: "POST",
        query: { fal_webhook: options.webhookUrl },
        headers: {
            "x-fal-queue-priority": options.priority,
            "x-fal-request-timeout": options.startTimeout,
            "x-fal-runner-hint": options.hint,
            ...options.headers,
        },
        body,
    }, signal));
    const withFiles = replaceFileInputs(client, input, signal);
    return withFiles ? withFiles.then(queue) : queue(input);
}
export function status(client, endpointId, requestId, options = {}) {
    return runScoped(options, requestId, (signal) => fetchStatus(client, requestUrl(client, endpointId, requestId), options.logs, signal));
}
export function fetchStatus(client, url, logs, signal) {
    return send(client.retry, signal, true, () => callFal(client, { url: `${url}/status`, query: { logs: logs ? 1 : undefined } }, signal));
}
export function result(client, endpointId, requestId, options = {}) {
    return runScoped(options, requestId, (signal) => fetchResult(client, requestUrl(client, endpointId, requestId), requestId, signal, client.retry));
}
/** `retry` is separate from the client's so a request already known to have failed reports its error at once. */
export async function fetchResult(client, url, requestId, signal, retry) {
    const data = await send(retry, signal, true, () => callFal(client, { url }, signal));
    return { data: data, requestId };
}
/**
 * Asks the queue to cancel the request. Resolves once the cancellation is accepted (202); a request
 * that already completed rejects with a FalApiError of status 400 (body `{status: "ALREADY_COMPLETED"}`).
 */
export function cancel(client, endpointId, requestId, options = {}) {
    return runScoped(options, requestId, async (signal) => {
        await send(client.retry, signal, true, () => callFal(client, { url: `${requestUrl(client, endpointId, requestId)}/cancel`, method: "PUT" }, signal));
    });
}
//# sourceMappingURL=queue.js.map