import { runScoped } from "./abort.js";
import type { FalClient } from "./client.js";
import { replaceFileInputs } from "./files.js";
import { unwrap } from "./http.js";
import { withRetry, type RetryOptions } from "./retry.js";
import type { CancelOptions, QueueStatus, Result, ResultOptions, StatusOptions, SubmitOptions, SubmitResult } from "./types.js";

/** A queued request: its id and the app URL its status, result and cancel routes hang off. */
export interface RequestRef {
  appUrl: string;
  requestId: string;
}

/** Status, result and cancel live under `owner/app`, whatever the endpoint's full id. */
export function requestRef(client: FalClient, endpointId: string, requestId: string): RequestRef {
  const [owner, app] = endpointId.split("/");
  return { appUrl: `${client.queueUrl}/${owner}/${app}`, requestId };
}

/** The ref the submit response points at (its `response_url` is `<app URL>/requests/<id>`), else the one built from the id. */
export function submittedRef(client: FalClient, endpointId: string, submitted: SubmitResult): RequestRef {
  const suffix = `/requests/${submitted.requestId}`;
  return submitted.responseUrl?.endsWith(suffix)
    ? { appUrl: submitted.responseUrl.slice(0, -suffix.length), requestId: submitted.requestId }
    : requestRef(client, endpointId, submitted.requestId);
}

export function submit(client: FalClient, endpointId: string, input: unknown, options: SubmitOptions = {}): Promise<SubmitResult> {
  return runScoped(options, undefined, (signal) => submitWithin(client, endpointId, input, options, signal));
}

/** Uploads file inputs, then queues the request once (never retried unless it provably did not arrive). */
export async function submitWithin(
  client: FalClient,
  endpointId: string,
  input: unknown,
  options: Omit<SubmitOptions, "signal">,
  signal: AbortSignal,
): Promise<SubmitResult> {
  const body = await replaceFileInputs(client, input, signal);
  const headers = {
    "x-fal-queue-priority": options.priority,
    "x-fal-request-timeout": options.startTimeout?.toString(),
    "x-fal-runner-hint": options.hint,
    ...options.headers,
  };
  const { data } = await withRetry(client.retry, signal, false, () =>
    unwrap(
      client.http.POST("", {
        baseUrl: `${client.queueUrl}/${endpointId}`,
        params: { query: { fal_webhook: options.webhookUrl } },
        headers,
        body,
        signal,
      }),
      signal,
    ),
  );
  return {
    requestId: data.request_id,
    statusUrl: data.status_url,
    responseUrl: data.response_url,
    cancelUrl: data.cancel_url,
    queuePosition: data.queue_position,
  };
}

export function status(client: FalClient, endpointId: string, requestId: string, options: StatusOptions = {}): Promise<QueueStatus> {
  return runScoped(options, requestId, (signal) => fetchStatus(client, requestRef(client, endpointId, requestId), options.logs ?? false, signal));
}

export async function fetchStatus(client: FalClient, ref: RequestRef, logs: boolean, signal: AbortSignal): Promise<QueueStatus> {
  const { data } = await withRetry(client.retry, signal, true, () =>
    unwrap(
      client.http.GET("/requests/{request_id}/status", {
        baseUrl: ref.appUrl,
        params: { path: { request_id: ref.requestId }, query: logs ? { logs: 1 } : {} },
        signal,
      }),
      signal,
    ),
  );
  return data;
}

export function result<O>(client: FalClient, endpointId: string, requestId: string, options: ResultOptions = {}): Promise<Result<O>> {
  return runScoped(options, requestId, (signal) => fetchResult<O>(client, requestRef(client, endpointId, requestId), signal, client.retry));
}

/** `retry` is separate from the client's so a request already known to have failed reports its error at once. */
export async function fetchResult<O>(client: FalClient, ref: RequestRef, signal: AbortSignal, retry: RetryOptions | false): Promise<Result<O>> {
  const { data } = await withRetry(retry, signal, true, () =>
    unwrap(client.http.GET("/requests/{request_id}", { baseUrl: ref.appUrl, params: { path: { request_id: ref.requestId } }, signal }), signal),
  );
  return { data: data as O, requestId: ref.requestId };
}

/**
 * Asks the queue to cancel the request. Resolves once the cancellation is accepted (202); a request
 * that already completed rejects with a FalApiError of status 400 (body `{status: "ALREADY_COMPLETED"}`).
 */
export function cancel(client: FalClient, endpointId: string, requestId: string, options: CancelOptions = {}): Promise<void> {
  const ref = requestRef(client, endpointId, requestId);
  return runScoped(options, requestId, async (signal) => {
    await withRetry(client.retry, signal, true, () =>
      unwrap(client.http.PUT("/requests/{request_id}/cancel", { baseUrl: ref.appUrl, params: { path: { request_id: ref.requestId } }, signal }), signal),
    );
  });
}
