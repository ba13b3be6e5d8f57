/** An error answer: its HTTP status and, for fal's request errors, its error type. */
export interface FalError {
  status: number;
  /** Sent as `error_type` in the body and as the `X-Fal-Error-Type` header. */
  errorType?: string;
}

/** An error a request can end with: it always names its type (statuses, webhooks and streams carry it). */
export interface RequestError extends FalError {
  errorType: string;
}

/**
 * Every error the simulator answers with, in one table: routes name a row, nothing else writes an
 * error status or type. Typed rows follow fal's "Request Error Types" (`{detail, error_type}` plus
 * `X-Fal-Error-Type`); the others answer `{detail}` alone, as fal's gateway does.
 */
export const FAL_ERRORS = {
  /** A header, query or body the simulator cannot read (a malformed `x-sim-faults` too). */
  invalid: { status: 400 },
  /** A submit header fal refuses (`x-fal-queue-priority`, `x-fal-request-timeout`). */
  badRequest: { status: 400, errorType: "bad_request" },
  /** A missing or wrong `Authorization: Key`. */
  unauthorized: { status: 401 },
  notFound: { status: 404 },
  methodNotAllowed: { status: 405 },
  /** An `x-fal-target-url` naming a host fal's proxy would not forward to. */
  proxyTargetRefused: { status: 412 },
  bodyTooLarge: { status: 413 },
  /** FastAPI/pydantic field errors: `detail: [{loc, msg, type, url}]`. */
  unprocessable: { status: 422 },
  /** Rate limited; sent with `Retry-After`. */
  rateLimited: { status: 429 },
  /** A call that arrives while the simulator is starting or closing. */
  unavailable: { status: 503 },
  /** The result of a request cancelled before it completed. */
  cancelled: { status: 499, errorType: "client_cancelled" },
  /** The simulator's own failure, or an injected 500 before the runner. */
  internal: { status: 500, errorType: "internal_error" },
  /** The (simulated) runner failed: an output its spec refuses, or `outcome=500`. */
  runnerFailed: { status: 500, errorType: "runner_server_error" },
  runnerIncompleteResponse: { status: 502, errorType: "runner_incomplete_response" },
  runnerConnectionError: { status: 503, errorType: "runner_connection_error" },
  /** `x-fal-request-timeout` passed before the request started (with `x-fal-request-timeout-type: user`). */
  requestTimeout: { status: 504, errorType: "request_timeout" },
} as const satisfies Record<string, FalError>;

/** Where an injected status comes from: a call's fault (the gateway answers) or a request's forced outcome (its runner failed). */
export type ErrorSource = "gateway" | "runner";

const BY_SOURCE: Record<ErrorSource, readonly FalError[]> = {
  gateway: [FAL_ERRORS.rateLimited, FAL_ERRORS.internal, FAL_ERRORS.runnerIncompleteResponse, FAL_ERRORS.runnerConnectionError, FAL_ERRORS.requestTimeout],
  runner: [FAL_ERRORS.badRequest, FAL_ERRORS.runnerFailed, FAL_ERRORS.runnerIncompleteResponse, FAL_ERRORS.runnerConnectionError, FAL_ERRORS.requestTimeout],
};

/** The error for an injected status (`x-sim-faults`, rate faults): its row, or the bare status (typed by class for a runner failure). */
export function errorForStatus(status: number, source: "runner"): RequestError;
export function errorForStatus(status: number, source: ErrorSource): FalError;
export function errorForStatus(status: number, source: ErrorSource): FalError {
  const row = BY_SOURCE[source].find((error) => error.status === status);
  if (row) return row;
  if (source === "gateway") return { status };
  return { status, errorType: (status >= 500 ? FAL_ERRORS.internal : FAL_ERRORS.badRequest).errorType };
}
