// falgen's runtime (runtime/index.ts), written by `falgen generate`. Do not edit.
// What the package root exports of the runtime: the client, errors, files, validation and the types
// of every call. The calls themselves are in endpoint-calls.ts (and realtime.ts): the root declares
// them keyed by endpoint id and each endpoint module for its own endpoint, so a consumer's
// type-check never loads their untyped forms. The machinery behind them is in internal/, and what
// runs only on a server (proxy, webhook verification, realtime tokens) in server/, the `/server` subpath.
//
// This file is the runtime's public surface: every type a user names is declared here, and the
// public functions are declared here with their types, assigned from their implementations rather
// than re-exported. A consumer's type-check then loads this file and errors.ts of the runtime, not
// the declarations of each implementing module: every file a program loads costs tsc about 20 kB of
// memory on top of its declarations (bench/README, "consumer type-check"). The modules of the
// runtime import their types from here (type-only imports, erased from the JavaScript).
import { createFalClient as createClient, DEFAULT_RETRY_OPTIONS as retryDefaults } from "./client.js";
import { INLINE_FILE_LIMIT_BYTES as inlineLimit, uploadFile as upload } from "./internal/upload.js";
import { RESPONSE_BODY_LIMIT_BYTES as bodyLimit } from "./internal/request.js";
import { STATUS_EVENT_LIMIT as statusEventLimit } from "./internal/status-events.js";
import { createValidator as validator } from "./validator.js";
export { FalAbortError, FalApiError, FalError, FalNetworkError, FalResponseError, FalTimeoutError, FalValidationError, FalWebhookError } from "./errors.js";
/**
* A client for the endpoint functions. Its requests carry the configured headers and the key
* (`credentials`, else `FAL_KEY`, or `FAL_KEY_ID` and `FAL_KEY_SECRET`), or, with `proxyUrl`, all go
* to the proxy instead, naming the real URL in the `x-fal-target-url` header (the proxy adds the key).
* Creating one sends nothing; a missing key is reported by the first call (a FalError).
* @throws {FalError} when `queueUrl`, `storageUrl` or `runUrl` is not an absolute http(s) URL, or
* `proxyUrl` not an http(s) URL or a path of the app; or when one has a query, a fragment or user info.
*/
export const createFalClient = createClient;
/** The retry policy of a client created without `retry`: 3 retries, waits from 500 ms up to 10 s. */
export const DEFAULT_RETRY_OPTIONS = retryDefaults;
/**
* Files up to this size (bytes, 64 KiB) are sent inline as a `data:` URI (base64, about 87 KiB of
* JSON) instead of uploaded: that saves the two storage round trips, while the submit body, which
* is never retried and passes through any proxy, stays small.
*/
export const INLINE_FILE_LIMIT_BYTES = inlineLimit;
/**
* The largest response body a call reads, in bytes (256 MiB), and the longest event of an output
* stream (`stream`), in characters: anything larger fails the call at once with a FalResponseError
* whose `limit` is this (the rest is not read, the request id is kept). fal outputs may carry files
* inline as `data:` URIs (`sync_mode`), so this is far above what fal answers, and below the
* longest string JavaScript engines make.
*/
export const RESPONSE_BODY_LIMIT_BYTES = bodyLimit;
/** The longest event of a status stream (`streamStatus`, `subscribe` with `mode: "streaming"`), in characters (16 Mi); a longer one fails as above. */
export const STATUS_EVENT_LIMIT = statusEventLimit;
/**
* Uploads `data` to fal storage (`POST <storageUrl>/storage/upload/initiate`, then a PUT of the bytes
* to the signed URL) and returns its public URL. Retried under the client's retry policy.
* @throws {FalApiError} when fal's storage refuses the upload; {FalAbortError} when `signal` aborts it.
*/
export const uploadFile = upload;
/**
* The input validator of an endpoint from its input's JSON Schema (`schema`: validation keywords
* only, each `$ref` the name of a schema under its `$defs`), checking as fal does: the same `loc`,
* `type` and wording as fal's 422. Endpoint modules export theirs as `inputValidator`.
*/
export const createValidator = validator;
