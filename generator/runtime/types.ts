import type { InputValidator } from "./validator.js";

/**
 * A call's `validate` option: `true` checks the input with the endpoint's validator registered on
 * the client (`createFalClient({ validators: [endpoint.inputValidator] })`), a validator checks it
 * with that one, `false` not at all. Unset, the client's `validate` decides.
 */
export type ValidateOption = boolean | InputValidator<unknown>;

/** One log line of a request, as the queue reports it. */
export interface RequestLog {
  message: string;
  /** e.g. "INFO", "WARN", "ERROR", "DEBUG", "STDOUT", "STDERR". */
  level: string;
  /** e.g. "USER". */
  source: string;
  /** ISO 8601. */
  timestamp: string;
}

interface QueueStatusFields {
  request_id: string;
  /** Present when asked for with `logs: true`. */
  logs?: RequestLog[];
  /** e.g. `{ inference_time: 1.2 }` once completed. */
  metrics?: Record<string, unknown>;
  /** Requests ahead of this one; only while IN_QUEUE. */
  queue_position?: number;
  response_url?: string;
  status_url?: string;
  cancel_url?: string;
}

export interface InQueueStatus extends QueueStatusFields {
  status: "IN_QUEUE";
  queue_position: number;
}

export interface InProgressStatus extends QueueStatusFields {
  status: "IN_PROGRESS";
}

export interface CompletedStatus extends QueueStatusFields {
  status: "COMPLETED";
  /** Set when the request failed; the result call then throws the endpoint's error. */
  error?: string;
  error_type?: string;
}

/** Where a queued request is, discriminated on `status`. */
export type QueueStatus = InQueueStatus | InProgressStatus | CompletedStatus;

/** A completed request's output and the id it ran under. */
export interface Result<T> {
  data: T;
  requestId: string;
}

/** What a submit returns: the request id and where its status, result and cancel live. */
export interface SubmitResult {
  requestId: string;
  statusUrl: string;
  responseUrl: string;
  cancelUrl: string;
  queuePosition: number;
}

export interface SubmitOptions {
  /** fal POSTs the result here when the request completes (see `verifyWebhook`). */
  webhookUrl?: string;
  /** Queue priority; "low" requests yield to "normal" ones. @default "normal" */
  priority?: "low" | "normal";
  /** Seconds the request may wait for a runner to start before it fails (`x-fal-request-timeout`). */
  startTimeout?: number;
  /** Routes the request to runners with this hint (`x-fal-runner-hint`). */
  hint?: string;
  signal?: AbortSignal;
  /** Extra request headers. */
  headers?: Record<string, string>;
  /**
   * Check the input before sending anything: `true` with the endpoint's validator registered in
   * `createFalClient({ validators })`, or the validator given (the endpoint module's `inputValidator`).
   * An invalid input throws a FalValidationError with fal's 422 field errors. @default the client's `validate`
   */
  validate?: ValidateOption;
}

export interface StatusOptions {
  /** Include the request's logs. @default false */
  logs?: boolean;
  signal?: AbortSignal;
}

export interface ResultOptions {
  signal?: AbortSignal;
}

export interface CancelOptions {
  signal?: AbortSignal;
}

export interface SubscribeOptions extends SubmitOptions {
  /** Poll the status, or follow its Server-Sent Events stream. @default "polling" */
  mode?: "polling" | "streaming";
  /** Milliseconds between polls. @default 500 */
  pollInterval?: number;
  /** Include logs in the statuses passed to `onQueueUpdate` (accumulated in streaming mode). @default false */
  logs?: boolean;
  /** Called with the request id right after submit, before any wait: keep it to fetch a paid result later. */
  onEnqueue?: (requestId: string) => void;
  onQueueUpdate?: (status: QueueStatus) => void;
  /** Milliseconds for the whole call (uploads, submit, waiting, result); then a FalTimeoutError. */
  timeout?: number;
  /** Aborts the whole call with a FalAbortError; the request stays queued (use `cancel` to stop it). */
  signal?: AbortSignal;
}
