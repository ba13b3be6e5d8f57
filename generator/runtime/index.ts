export { createFalClient, type FalClient, type FalClientOptions } from "./client.js";
export type { ValidateOption } from "./check-input.js";
export type { Credentials } from "./credentials.js";
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
export { createProxyHandler, DEFAULT_PROXY_BODY_LIMIT_BYTES, type ProxyHandlerOptions } from "./proxy.js";
export { cancel, result, status, submit } from "./queue.js";
export type { RealtimeConnection, RealtimeOptions } from "./realtime.js";
export { fetchRealtimeToken, REALTIME_TOKEN_SECONDS } from "./realtime-token.js";
export { DEFAULT_RETRY_OPTIONS, type RetryOptions } from "./retry.js";
export { run, type RunOptions } from "./run.js";
export { streamStatus } from "./stream.js";
export { stream, type FalStream, type StreamOptions } from "./stream-output.js";
export { subscribe } from "./subscribe.js";
export { createTokenHandler, type TokenHandlerOptions } from "./token-handler.js";
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
} from "./types.js";
export { createValidator, type InputValidator, type JsonSchema } from "./validator.js";
export {
  createMemoryReplayStore,
  DEFAULT_WEBHOOK_BODY_LIMIT_BYTES,
  FAL_WEBHOOK_JWKS_URL,
  verifyWebhook,
  type Jwks,
  type VerifyWebhookOptions,
  type WebhookPayload,
  type WebhookReplayStore,
} from "./webhook.js";
