import { redact } from "./internal/redact.js";
import type { FieldError } from "./index.js";

// Fields set in constructors are `declare`d: a plain declaration would also emit a field
// initialiser per class, which only costs bundle bytes.

/**
 * Base of every error the runtime throws. `requestId` is set on every error raised after a submit.
 * No message, body or header of one holds a fal key this process has sent, even when a server
 * echoed it back: each is replaced by `[redacted]`.
 */
export class FalError extends Error {
  override name = "FalError";
  declare requestId: string | undefined;

  constructor(message: string, options: { cause?: unknown; requestId?: string | undefined } = {}) {
    // Error installs `cause` only when the options have one.
    super(redact(message), options);
    this.requestId = options.requestId;
  }
}

/** The queue or storage answered with an error status. */
export class FalApiError extends FalError {
  override name = "FalApiError";
  declare readonly status: number;
  /** The response body: parsed JSON when it was JSON, else its text. */
  declare readonly body: unknown;
  declare readonly headers: Headers;
  /** The `x-fal-error-type` header, when present. */
  declare readonly errorType: string | undefined;

  /** `what`: the message's start, before what the body says went wrong. */
  constructor(response: Response, body: unknown, requestId?: string, what = `fal API error ${response.status}`) {
    const { status, headers } = response;
    super(`${what}: ${describeBody(body) || response.statusText}`, { requestId });
    this.status = status;
    // A JSON round trip reaches every string value of a JSON body, and a text body itself.
    this.body = body === undefined ? body : JSON.parse(JSON.stringify(body), (_, value: unknown) => (typeof value === "string" ? redact(value) : value));
    const scrubbed = new Headers();
    headers.forEach((value, name) => scrubbed.append(name, redact(value)));
    this.headers = scrubbed;
    this.errorType = scrubbed.get("x-fal-error-type") ?? undefined;
  }
}


/** The input was rejected (422); `fieldErrors` says which fields and why. */
export class FalValidationError extends FalApiError {
  override name = "FalValidationError";
  declare readonly fieldErrors: FieldError[];

  /** `body` is a 422's: `{detail: FieldError[]}`; `what` as FalApiError's. */
  constructor(response: Response, body: { detail: FieldError[] }, requestId?: string, what?: string) {
    super(response, body, requestId, what);
    // Read from the redacted body.
    this.fieldErrors = (this.body as { detail: FieldError[] }).detail;
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
  declare readonly requestSent: boolean;

  constructor(message: string, options: { cause?: unknown; requestId?: string | undefined; requestSent: boolean }) {
    super(message, options);
    this.requestSent = options.requestSent;
  }
}

/**
 * A success status whose body is not what the call expects: not JSON (an HTML page from a proxy or
 * gateway, a status stream event), or JSON without what fal always sends (a submit answer without
 * `request_id`, a status without a known `status`). Retried like a network error for status, result and cancel, never for
 * a submit (the request may be queued: `requestId` is the `x-fal-request-id` header, if any).
 *
 * Also a body (of any status) or a stream event larger than the runtime reads
 * (`RESPONSE_BODY_LIMIT_BYTES`, `STATUS_EVENT_LIMIT`): then `limit` is that size, the rest of the
 * body was not read, and the call is not retried.
 */
export class FalResponseError extends FalError {
  override name = "FalResponseError";
  declare readonly status: number;
  /** The limit (bytes; characters for a stream event) the body or event passed, when that is what is wrong with it. */
  declare readonly limit: number | undefined;

  /**
   * `expected`: what the body lacks, e.g. "a queue status"; the message quotes the start of `text`,
   * when given.
   */
  constructor(status: number, expected: string, text?: string, options: { cause?: unknown; requestId?: string | undefined; limit?: number } = {}) {
    super(`fal answered ${status} without ${expected}${text === undefined ? "" : `: ${JSON.stringify(text.slice(0, 200))}`}`, options);
    this.status = status;
    this.limit = options.limit;
  }
}

/** The error for `what` ("a body", "an event") over `limit` (bytes; characters for an event): the call fails at once. */
export function tooLargeError(status: number, what: string, limit: number): FalResponseError {
  return new FalResponseError(status, `${what} under the runtime's ${limit / 2 ** 20} MiB limit`, undefined, { limit });
}

/** A webhook delivery failed verification (missing headers, stale timestamp, bad signature, bad body). */
export class FalWebhookError extends FalError {
  override name = "FalWebhookError";
}

/** The error a failed response becomes: a FalValidationError for a FastAPI 422, else a FalApiError. */
export function apiErrorFromResponse(response: Response, body: unknown): FalApiError {
  const requestId = response.headers.get("x-fal-request-id") ?? undefined;
  return response.status === 422 && fieldErrorsOf(body) ? new FalValidationError(response, body as { detail: FieldError[] }, requestId) : new FalApiError(response, body, requestId);
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

/** What went wrong, from an error body; "" when it says nothing readable. */
function describeBody(body: unknown): string {
  if (typeof body === "string") return body.slice(0, 200);
  const { detail, status } = (body ?? {}) as { detail?: unknown; status?: unknown };
  if (typeof detail === "string") return detail;
  // A cancel of a finished request answers 400 {status: "ALREADY_COMPLETED"}.
  const fieldErrors = fieldErrorsOf(body);
  return fieldErrors ? describeFieldErrors(fieldErrors) : typeof status === "string" ? status : "";
}

/**
 * Field errors as messages show them, whether fal's 422 or local validation found them:
 * `prompt: Input should be ...; ...`. The field's path leaves out FastAPI's leading `body` (`input`
 * for the input itself); `fieldErrors` keep fal's `loc` as it is.
 */
export function describeFieldErrors(fieldErrors: FieldError[]): string {
  return fieldErrors.map(({ loc, msg }) => `${loc.join(".").replace(/^body(\.|$)/, "") || "input"}: ${msg}`).join("; ");
}

/** The FastAPI field errors a body's `detail` holds, if that is what it holds. */
function fieldErrorsOf(body: unknown): FieldError[] | undefined {
  const detail = (body as { detail?: unknown } | null | undefined)?.detail;
  return Array.isArray(detail) && detail.every((e: Partial<FieldError> | null) => Array.isArray(e?.loc) && typeof e.msg === "string")
    ? detail
    : undefined;
}
