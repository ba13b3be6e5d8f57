import { runScoped } from "./abort.js";
import type { FalClient } from "./client.js";
import { appPath } from "./endpoint-id.js";
import { prepareInput } from "./files.js";
import { callFal, JSON_BODY, send, type BodyReader, type SubmitResponse } from "./http.js";
import type { RetryOptions } from "./retry.js";
import type { CancelOptions, QueueStatus, Result, ResultOptions, StatusOptions, SubmitOptions, SubmitResult } from "./types.js";

/**
 * The URL a queued request's status, result and cancel routes hang off: they live under
 * `[namespace/]owner/app`, whatever the endpoint's full id.
 */
export function requestUrl(client: FalClient, endpointId: string, requestId: string): string {
  return `${client.queueUrl}/${appPath(endpointId)}/requests/${encodeURIComponent(requestId)}`;
}

/**
 * The URL the submit response points at (its `response_url` is `<app URL>/requests/<id>`) when it
 * is on the client's queue origin, else the one built from the id: the key goes nowhere else.
 */
export function submittedUrl(client: FalClient, endpointId: string, { request_id, response_url }: SubmitResponse): string {
  // Used only in the form fetch would read it (no dot segments, encoded or not, nor user info):
  // then a URL that starts with the queue URL is on the queue's origin.
  const usable =
    canonical(response_url) &&
    response_url.startsWith(`${client.queueUrl}/`) &&
    response_url.endsWith(`/requests/${encodeURIComponent(request_id)}`) &&
    !/[?#]/.test(response_url);
  return usable ? response_url : requestUrl(client, endpointId, request_id);
}

function canonical(url: unknown): url is string {
  try {
    return new URL(url as string).href === url;
  } catch {
    return false;
  }
}

const QUEUE_STATUSES: unknown[] = ["IN_QUEUE", "IN_PROGRESS", "COMPLETED"];

/** A submit answer: it has a usable `request_id` (the key of every later call). */
const SUBMIT_BODY: BodyReader<SubmitResponse> = {
  what: "a request_id",
  read: (body) => {
    const id = (body as Partial<SubmitResponse> | null)?.request_id;
    return typeof id === "string" && /^[\w-][\w.~-]*$/.test(id) ? (body as SubmitResponse) : undefined;
  },
};

/**
 * A status: it has a known `status`. fal sends `logs: null` when logs were not asked for; it is
 * removed, so `logs` is an array or absent, as typed.
 */
export const STATUS_BODY: BodyReader<QueueStatus> = {
  what: "a queue status",
  read(body) {
    const status = body as QueueStatus | null;
    if (!QUEUE_STATUSES.includes(status?.status)) return undefined;
    if (status!.logs === null) delete status!.logs;
    return status!;
  },
};

export function submit(client: FalClient, endpointId: string, input: unknown, options: SubmitOptions = {}): Promise<SubmitResult> {
  return runScoped(options, undefined, async (signal) => {
    const data = await submitWithin(client, endpointId, input, options, signal);
    // The URLs the later calls use (see submittedUrl), not whatever the answer named.
    const url = submittedUrl(client, endpointId, data);
    return {
      requestId: data.request_id,
      statusUrl: `${url}/status`,
      responseUrl: url,
      cancelUrl: `${url}/cancel`,
      queuePosition: data.queue_position,
    };
  });
}

/** Checks the input when asked and uploads its files, then queues the request once (never retried unless it provably did not arrive). */
export function submitWithin(
  client: FalClient,
  endpointId: string,
  input: unknown,
  options: Omit<SubmitOptions, "signal">,
  signal: AbortSignal,
): Promise<SubmitResponse> {
  const queue = (body: unknown) =>
    send(client.retry, signal, false, () =>
      callFal(
        client,
        {
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
        },
        signal,
      ),
      false,
      SUBMIT_BODY,
    );
  const withFiles = prepareInput(client, endpointId, input, options, signal);
  return withFiles ? withFiles.then(queue) : queue(input);
}

export function status(client: FalClient, endpointId: string, requestId: string, options: StatusOptions = {}): Promise<QueueStatus> {
  return runScoped(options, requestId, (signal) => fetchStatus(client, requestUrl(client, endpointId, requestId), options.logs, signal));
}

export function fetchStatus(client: FalClient, url: string, logs: boolean | undefined, signal: AbortSignal): Promise<QueueStatus> {
  return send(client.retry, signal, true, () => callFal(client, { url: `${url}/status`, query: { logs: logs ? 1 : undefined } }, signal), false, STATUS_BODY);
}

export function result<O>(client: FalClient, endpointId: string, requestId: string, options: ResultOptions = {}): Promise<Result<O>> {
  return runScoped(options, requestId, (signal) => fetchResult<O>(client, requestUrl(client, endpointId, requestId), requestId, signal, client.retry));
}

/** `retry` is separate from the client's so a request already known to have failed reports its error at once. */
export async function fetchResult<O>(client: FalClient, url: string, requestId: string, signal: AbortSignal, retry: RetryOptions | false): Promise<Result<O>> {
  const data = await send(retry, signal, true, () => callFal(client, { url }, signal), false, JSON_BODY);
  return { data: data as O, requestId };
}

/**
 * Asks the queue to cancel the request. Resolves once the cancellation is accepted (202); a request
 * that already completed rejects with a FalApiError of status 400 (body `{status: "ALREADY_COMPLETED"}`).
 */
export function cancel(client: FalClient, endpointId: string, requestId: string, options: CancelOptions = {}): Promise<void> {
  return runScoped(options, requestId, async (signal) => {
    await send(client.retry, signal, true, () => callFal(client, { url: `${requestUrl(client, endpointId, requestId)}/cancel`, method: "PUT" }, signal), false, JSON_BODY);
  });
}
