// falgen's runtime (runtime/index.ts), written by `falgen generate`. Do not edit.
// What the package root exports: the client, the endpoint functions keyed by endpoint id, errors,
// files, validation and their types. The machinery behind them is in internal/, and what runs
// only on a server (proxy, webhook verification, realtime tokens) in server/, the `/server` subpath.
export { createFalClient, DEFAULT_RETRY_OPTIONS } from "./client.js";
export { FalAbortError, FalApiError, FalError, FalNetworkError, FalResponseError, FalTimeoutError, FalValidationError, FalWebhookError } from "./errors.js";
export { INLINE_FILE_LIMIT_BYTES, uploadFile } from "./files.js";
export { cancel, result, status, submit } from "./queue.js";
export { run } from "./run.js";
export { streamStatus } from "./stream.js";
export { stream } from "./stream-output.js";
export { subscribe } from "./subscribe.js";
export { createValidator } from "./validator.js";
