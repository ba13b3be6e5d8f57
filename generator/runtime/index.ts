// What the package root exports of the runtime: the client, errors, files, validation and the types
// of every call. The calls themselves are in endpoint-calls.ts (and realtime.ts): the root declares
// them keyed by endpoint id and each endpoint module for its own endpoint, so a consumer's
// type-check never loads their untyped forms. The machinery behind them is in internal/, and what
// runs only on a server (proxy, webhook verification, realtime tokens) in server/, the `/server` subpath.
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
export type {
  CancelOptions,
  CompletedStatus,
  FalStream,
  InProgressStatus,
  InQueueStatus,
  QueueStatus,
  RealtimeConnection,
  RealtimeOptions,
  RequestLog,
  Result,
  ResultOptions,
  RunOptions,
  StatusOptions,
  StreamOptions,
  SubmitOptions,
  SubmitResult,
  SubscribeOptions,
  ValidateOption,
} from "./types.js";
export { createValidator, type InputValidator, type JsonSchema } from "./validator.js";
