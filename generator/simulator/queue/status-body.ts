import type { QueueRequest } from "./queue-request.js";

/** The URLs of a request, under `owner/app` only, as the live queue serves them. */
export function requestUrls(baseUrl: string, request: QueueRequest): { response_url: string; status_url: string; cancel_url: string } {
  const response = `${baseUrl}/${request.endpoint.appPath}/requests/${request.id}`;
  return { response_url: response, status_url: `${response}/status`, cancel_url: `${response}/cancel` };
}

/** The submit answer: `{status: "IN_QUEUE", request_id, ...urls, queue_position}`. */
export function submitBody(baseUrl: string, request: QueueRequest): Record<string, unknown> {
  return {
    status: "IN_QUEUE",
    request_id: request.id,
    gateway_request_id: request.id,
    ...requestUrls(baseUrl, request),
    queue_position: request.phase === "IN_QUEUE" ? request.queuePosition : 0,
  };
}

/**
 * A status body. IN_QUEUE carries `queue_position`; IN_PROGRESS and COMPLETED carry `logs` (the
 * array when logs were asked for, else null) and `metrics` (`inference_time` once COMPLETED); a
 * failed or cancelled request carries `error` and `error_type` on COMPLETED. `logsFrom` skips logs
 * an SSE client already received.
 */
export function statusBody(baseUrl: string, request: QueueRequest, options: { logs: boolean; logsFrom?: number }): Record<string, unknown> {
  const body: Record<string, unknown> = { status: request.phase, request_id: request.id, ...requestUrls(baseUrl, request) };
  if (request.phase === "IN_QUEUE") {
    body.queue_position = request.queuePosition;
    return body;
  }
  body.logs = options.logs ? request.logs.slice(options.logsFrom ?? 0) : null;
  body.metrics = request.phase === "COMPLETED" ? { inference_time: request.inferenceSeconds } : {};
  const outcome = request.outcome;
  if (outcome && !outcome.ok) {
    body.error = outcome.detail;
    body.error_type = outcome.errorType;
  }
  return body;
}
