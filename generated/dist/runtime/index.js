export { createFalClient } from "./client.js";
export { FalAbortError, FalApiError, FalError, FalNetworkError, FalTimeoutError, FalValidationError, FalWebhookError, } from "./errors.js";
export { INLINE_FILE_LIMIT_BYTES, uploadFile } from "./files.js";
export { createProxyHandler } from "./proxy.js";
export { cancel, result, status, submit } from "./queue.js";
export { fetchRealtimeToken, REALTIME_TOKEN_SECONDS } from "./realtime-token.js";
export { DEFAULT_RETRY_OPTIONS } from "./retry.js";
export { run } from "./run.js";
export { streamStatus } from "./stream.js";
export { stream } from "./stream-output.js";
export { subscribe } from "./subscribe.js";
export { createTokenHandler } from "./token-handler.js";
export { FAL_WEBHOOK_JWKS_URL, verifyWebhook } from "./webhook.js";
//# sourceMappingURL=index.js.map