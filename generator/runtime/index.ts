// What the package root exports: the client, the endpoint functions keyed by endpoint id, errors,
// files, validation and their types. The machinery behind them is in internal/, and what runs
// only on a server (proxy, webhook verification, realtime tokens) in server/, the `/server` subpath.
export { createFalClient, DEFAULT_RETRY_OPTIONS, type Credentials, type FalClient, type FalClientOptions, type RetryOptions } from "./client.js";
export {
  FalAbortError,
  FalApiError,
  FalError,
  FalNetworkError,
  FalResponseError,
  FalTimeoutError,
  FalValidationError,
  FalWebhookError,
  type FieldError,
} from "./errors.js";
export { INLINE_FILE_LIMIT_BYTES, uploadFile, type FileData, type InputWithFiles } from "./files.js";
export { cancel, result, status, submit } from "./queue.js";
export type { RealtimeConnection, RealtimeOptions } from "./realtime.js";
export { run, type RunOptions } from "./run.js";
export { streamStatus } from "./stream.js";
export { stream, type FalStream, type StreamOptions } from "./stream-output.js";
export { subscribe } from "./subscribe.js";
export type {
  CancelOptions,
  CompletedStatus,
  InProgressStatus,
  InQueueStatus,
  QueueStatus,
  RequestLog,
  Result,
  ResultOptions,
  StatusOptions,
  SubmitOptions,
  SubmitResult,
  SubscribeOptions,
  ValidateOption,
} from "./types.js";
export { createValidator, type InputValidator, type JsonSchema } from "./validator.js";
