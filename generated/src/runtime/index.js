// falgen's runtime (runtime/index.ts), written by `falgen generate`. Do not edit.
export { createFalClient } from "./client.js";
export { FalAbortError, FalApiError, FalError, FalNetworkError, FalResponseError, FalTimeoutError, FalValidationError, FalWebhookError } from "./errors.js";
export { INLINE_FILE_LIMIT_BYTES, uploadFile } from "./files.js";
export { createProxyHandler, DEFAULT_PROXY_BODY_LIMIT_BYTES } from "./proxy.js";
export { cancel, result, status, submit } from "./queue.js";
export { fetchRealtimeToken, REALTIME_TOKEN_SECONDS } from "./realtime-token.js";
export { DEFAULT_RETRY_OPTIONS } from "./retry.js";
export { run } from "./run.js";
export { streamStatus } from "./stream.js";
export { stream } from "./stream-output.js";
export { subscribe } from "./subscribe.js";
export { createTokenHandler } from "./token-handler.js";
export { createValidator } from "./validator.js";
export { createMemoryReplayStore, DEFAULT_WEBHOOK_BODY_LIMIT_BYTES, FAL_WEBHOOK_JWKS_URL, verifyWebhook } from "./webhook.js";
