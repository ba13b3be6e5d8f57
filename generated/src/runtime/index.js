// falgen's runtime (runtime/index.ts), written by `falgen generate`. Do not edit.
// What the package root exports of the runtime: the client, errors, files, validation and the types
// of every call. The calls themselves are in endpoint-calls.ts (and realtime.ts): the root declares
// them keyed by endpoint id and each endpoint module for its own endpoint, so a consumer's
// type-check never loads their untyped forms. The machinery behind them is in internal/, and what
// runs only on a server (proxy, webhook verification, realtime tokens) in server/, the `/server` subpath.
export { createFalClient, DEFAULT_RETRY_OPTIONS } from "./client.js";
export { FalAbortError, FalApiError, FalError, FalNetworkError, FalResponseError, FalTimeoutError, FalValidationError, FalWebhookError } from "./errors.js";
export { INLINE_FILE_LIMIT_BYTES, uploadFile } from "./files.js";
export { createValidator } from "./validator.js";
