/** Base of every error the runtime throws. `requestId` is set on every error raised after a submit. */
export class FalError extends Error {
  override name = "FalError";
  requestId: string | undefined;

  constructor(message: string, options: { cause?: unknown; requestId?: string | undefined } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.requestId = options.requestId;
  }
}

/** The queue or storage answered with an error status. */
export class FalApiError extends FalError {
  override name = "FalApiError";
  readonly status: number;
  /** The response body: parsed JSON when it was JSON, else its text. */
  readonly body: unknown;
  readonly headers: Headers;
  /** The `x-fal-error-type` header, when present. */
  readonly errorType: string | undefined;

  constructor(response: Response, body: unknown, requestId?: string) {
    super(`fal API error ${response.status}: ${describeBody(body) ?? response.statusText}`, { requestId });
    this.status = response.status;
    this.body = body;
    this.headers = response.headers;
    this.errorType = response.headers.get("x-fal-error-type") ?? undefined;
  }
}

/** One entry of a FastAPI validation error (`detail` of a 422). */
export interface FieldError {
  /** Where the error is, e.g. `["body", "prompt"]`. */
  loc: (string | number)[];
  msg: string;
  type: string;
}

/** The input was rejected (422); `fieldErrors` says which fields and why. */
export class FalValidationError extends FalApiError {
  override name = "FalValidationError";
  readonly fieldErrors: FieldError[];

  constructor(response: Response, body: unknown, fieldErrors: FieldError[], requestId?: string) {
    super(response, body, requestId);
    this.fieldErrors = fieldErrors;
  }
}

/** The call's `timeout` elapsed. */
export class FalTimeoutError extends FalError {
  override name = "FalTimeoutError";
}

/** The caller's `signal` aborted the call; `cause` is the signal's reason. */
export class FalAbortError extends FalError {
  override name = "FalAbortError";
}

/** The request failed before a response arrived (connection refused or reset, DNS, a dropped stream). */
export class FalNetworkError extends FalError {
  override name = "FalNetworkError";
  /** False only when the request provably never reached the server (so even a submit may be resent). */
  readonly requestSent: boolean;

  constructor(message: string, options: { cause?: unknown; requestSent: boolean }) {
    super(message, { cause: options.cause });
    this.requestSent = options.requestSent;
  }
}

/** A webhook delivery failed verification (missing headers, stale timestamp, bad signature, bad body). */
export class FalWebhookError extends FalError {
  override name = "FalWebhookError";
}

/** The error a failed response becomes: a FalValidationError for a FastAPI 422, else a FalApiError. */
export function apiErrorFromResponse(response: Response, body: unknown): FalApiError {
  const requestId = response.headers.get("x-fal-request-id") ?? undefined;
  const detail = isRecord(body) ? body.detail : undefined;
  if (response.status === 422 && Array.isArray(detail) && detail.every(isFieldError)) {
    return new FalValidationError(response, body, detail, requestId);
  }
  return new FalApiError(response, body, requestId);
}

/**
 * Marks an error with the queued request it belongs to, wrapping anything that is not a FalError.
 * The queue's id replaces a response's `x-fal-request-id`: it is the one that fetches the result.
 */
export function withRequestId(error: unknown, requestId: string): FalError {
  const falError = error instanceof FalError ? error : new FalError(`Request ${requestId} failed: ${String(error)}`, { cause: error });
  falError.requestId = requestId;
  return falError;
}

function describeBody(body: unknown): string | undefined {
  if (typeof body === "string") return body.slice(0, 200) || undefined;
  if (!isRecord(body)) return undefined;
  const { detail, status } = body;
  if (typeof detail === "string") return detail;
  if (Array.isArray(detail) && detail.every(isFieldError)) return detail.map((e) => `${e.loc.join(".")}: ${e.msg}`).join("; ");
  // A cancel of a finished request answers 400 {status: "ALREADY_COMPLETED"}.
  return typeof status === "string" ? status : undefined;
}

function isFieldError(value: unknown): value is FieldError {
  return isRecord(value) && Array.isArray(value.loc) && typeof value.msg === "string";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
