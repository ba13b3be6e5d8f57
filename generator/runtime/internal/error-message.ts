import { apiErrorFromResponse, type FalApiError } from "../errors.js";

/**
 * fal's in-band error, as realtime frames and stream events carry it where a response status no
 * longer can: `{type: "x-fal-error", error, reason}`, with FastAPI's field errors in `detail` for a
 * bad input and the HTTP `status` it stands for, when known.
 */
export interface FalErrorMessage {
  type: "x-fal-error";
  error: string;
  reason?: string;
  detail?: unknown;
  status?: number;
}

export function isFalErrorMessage(message: unknown): message is FalErrorMessage {
  return (message as { type?: unknown } | null)?.type === "x-fal-error";
}

/**
 * The error a response with that status and body would be: a FalValidationError for field
 * errors, else a FalApiError of `status` (400 when absent, as `@fal-ai/client` reports these),
 * `errorType` the message's `error`.
 */
export function errorFromMessage(message: FalErrorMessage, requestId: string | undefined): FalApiError {
  const { status, detail, error, reason } = message;
  const code = Array.isArray(detail) ? 422 : typeof status === "number" && status >= 400 && status <= 599 ? status : 400;
  const headers: Record<string, string> = { "x-fal-error-type": String(error) };
  if (requestId !== undefined) headers["x-fal-request-id"] = requestId;
  return apiErrorFromResponse(new Response(null, { status: code, headers }), detail === undefined ? { ...message, detail: reason ? `${error}: ${reason}` : error } : message);
}
