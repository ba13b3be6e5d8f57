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
import type { FalError } from "./errors.js";

export {
  FalAbortError,
  FalApiError,
  FalError,
  FalNetworkError,
  FalResponseError,
  FalTimeoutError,
  FalValidationError,
  FalWebhookError,
} from "./errors.js";

/**
 * A client for the endpoint functions. Its requests carry the configured headers and the key
 * (`credentials`, else `FAL_KEY`, or `FAL_KEY_ID` and `FAL_KEY_SECRET`), or, with `proxyUrl`, all go
 * to the proxy instead, naming the real URL in the `x-fal-target-url` header (the proxy adds the key).
 * Creating one sends nothing; a missing key is reported by the first call (a FalError).
 * @throws {FalError} when `queueUrl`, `storageUrl` or `runUrl` is not an absolute http(s) URL, or
 * `proxyUrl` not an http(s) URL or a path of the app; or when one has a query, a fragment or user info.
 */
export const createFalClient: (options?: FalClientOptions) => FalClient = createClient;

/** The retry policy of a client created without `retry`: 3 retries, waits from 500 ms up to 10 s. */
export const DEFAULT_RETRY_OPTIONS: Readonly<RetryOptions> = retryDefaults;

/**
 * Files up to this size (bytes, 64 KiB) are sent inline as a `data:` URI (base64, about 87 KiB of
 * JSON) instead of uploaded: that saves the two storage round trips, while the submit body, which
 * is never retried and passes through any proxy, stays small.
 */
export const INLINE_FILE_LIMIT_BYTES: number = inlineLimit;

/**
 * The largest response body a call reads, in bytes (256 MiB), and the longest event of an output
 * stream (`stream`), in characters: anything larger fails the call at once with a FalResponseError
 * whose `limit` is this (the rest is not read, the request id is kept). fal outputs may carry files
 * inline as `data:` URIs (`sync_mode`), so this is far above what fal answers, and below the
 * longest string JavaScript engines make.
 */
export const RESPONSE_BODY_LIMIT_BYTES: number = bodyLimit;

/** The longest event of a status stream (`streamStatus`, `subscribe` with `mode: "streaming"`), in characters (16 Mi); a longer one fails as above. */
export const STATUS_EVENT_LIMIT: number = statusEventLimit;

/**
 * Uploads `data` to fal storage (`POST <storageUrl>/storage/upload/initiate`, then a PUT of the bytes
 * to the signed URL) and returns its public URL. Retried under the client's retry policy.
 * @throws {FalApiError} when fal's storage refuses the upload; {FalAbortError} when `signal` aborts it.
 */
export const uploadFile: (client: FalClient, data: FileData, options?: { signal?: AbortSignal }) => Promise<string> = upload;

/**
 * The input validator of an endpoint from its input's JSON Schema (`schema`: validation keywords
 * only, each `$ref` the name of a schema under its `$defs`), checking as fal does: the same `loc`,
 * `type` and wording as fal's 422. Endpoint modules export theirs as `inputValidator`.
 */
export const createValidator: <T>(endpointId: string, schema: JsonSchema) => InputValidator<T> = validator;

// The calls: their options, the queue's statuses, results

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
  /**
   * Set when the request failed: `subscribe` then rejects with the result's error response, or, when
   * the result answers 200 all the same, a FalError saying this `error` and `error_type`.
   */
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
  /** Milliseconds between polls, 0 or more (anything else rejects with a FalError, nothing sent). @default 500 */
  pollInterval?: number;
  /** Include logs in the statuses passed to `onQueueUpdate` (accumulated in streaming mode). @default false */
  logs?: boolean;
  /**
   * Called with the request id once the queue named it, before any wait: keep it to fetch a paid
   * result later. It is called too when the submit's answer named the id (`x-fal-request-id`) but
   * failed before its body was read (an abort, a timeout, a dropped connection): the request is
   * queued all the same. What it throws fails the call with a FalError saying so (its `cause`).
   */
  onEnqueue?: (requestId: string) => void;
  onQueueUpdate?: (status: QueueStatus) => void;
  /**
   * Milliseconds for the whole call (uploads, submit, waiting, result), at least 1; then a
   * FalTimeoutError. A timeout that is not such a number (0, negative, NaN) rejects the call with a
   * FalError before anything is sent.
   */
  timeout?: number;
  /** Aborts the whole call with a FalAbortError; the request stays queued (use `cancel` to stop it). */
  signal?: AbortSignal;
}

/** Options of `run` and `stream`: one synchronous call to the endpoint on the run host. */
export interface RunOptions {
  /** Milliseconds for the whole call (uploads included), at least 1; then a FalTimeoutError. Anything else rejects with a FalError, nothing sent. */
  timeout?: number;
  /** Aborts the call with a FalAbortError. The endpoint may still run (and bill) what it received. */
  signal?: AbortSignal;
  /** Seconds the request may wait for a runner to start before it fails (`x-fal-request-timeout`). */
  startTimeout?: number;
  /** Extra request headers. */
  headers?: Record<string, string>;
  /** Check the input before sending anything, as for `submit` (see `SubmitOptions.validate`). @default the client's `validate` */
  validate?: ValidateOption;
}

export interface StreamOptions extends RunOptions {
  /**
   * Milliseconds the stream may go without an event once its response arrived (the first event
   * included; keep-alive comments do not count) before it ends with a FalTimeoutError. The wait
   * for the response itself (a runner starting) is bounded by `timeout`. `0` waits forever; a
   * negative or NaN value rejects the call with a FalError, nothing sent.
   * @default 15000
   */
  idleTimeout?: number;
}

/**
 * A streaming call in flight: iterate it for the partial outputs (`for await`), and await `done()`
 * for the final one. It ends, never hangs, on the first of: the last event, an error event or
 * status, `abort()`, the `signal`, the `timeout`, or `idleTimeout` without an event.
 */
export interface FalStream<P, O> extends AsyncIterable<P> {
  /**
   * The final output (the stream's last event) once it ends. Rejects with what ended it otherwise:
   * a FalApiError (an error status or an `x-fal-error` event; FalValidationError for field errors), a FalNetworkError
   * (the connection dropped), a FalTimeoutError, or a FalAbortError (also when a `for await` over
   * the stream stops early). Every error carries `requestId` once the response named it.
   */
  done(): Promise<O>;
  /** Stops the stream and frees its connection; `done()` rejects with a FalAbortError. */
  abort(reason?: unknown): void;
  /** The `x-fal-request-id` of the response, once it arrived. */
  readonly requestId: string | undefined;
}

export interface RealtimeOptions<O> {
  /**
   * Returns a short-lived token for the endpoint (called with its id for every connection, so each
   * reconnection gets a fresh one). In a browser this asks the app's own server, whose
   * `createTokenHandler` holds the key. Without it the client fetches the token itself with its key
   * (server-side code only).
   */
  tokenProvider?: (endpointId: string) => Promise<string>;
  /** Minimum milliseconds between two inputs sent; `0` sends each at once. @default 128 */
  throttleInterval?: number;
  /**
   * Whether an input waiting for its turn (throttled, or the connection not open) is replaced by a
   * newer one, as `@fal-ai/client` does: right for live inputs (a canvas, a slider), where only the
   * latest matters. `false` sends every input, in order. @default true
   */
  dropStale?: boolean;
  /** Called with each output; without it, iterate the connection. */
  onResult?: (output: O) => void;
  /**
   * Called with each error: an input the endpoint rejected (a FalValidationError for field errors,
   * else a FalApiError), and the error that ended the connection. Without it, the iteration throws
   * the first error and the connection closes.
   */
  onError?: (error: FalError) => void;
  /** Reconnections in a row (each with a fresh token) before giving up. @default the client's `retry.maxRetries` */
  maxReconnects?: number;
  /** The WebSocket class to use where the platform has none (Node 20 and older: the `ws` package). @default globalThis.WebSocket */
  WebSocket?: new (url: string) => object;
  /** Seconds of inputs fal may buffer for the app (`max_buffering`, 1 to 60). */
  maxBuffering?: number;
  /**
   * Ends the session as a failure, for code that cancels by signal: the connection closes, and
   * once an iteration has taken the outputs already received it throws a FalAbortError (its `cause`
   * the signal's reason), which `onError` also gets; `send` throws it from then on. To end the
   * session as done, without an error, call `RealtimeConnection.close()` instead.
   */
  signal?: AbortSignal;
}

/**
 * An open realtime session: `send` inputs, receive outputs (`for await`, or `onResult`), `close()`
 * when done. A dropped connection is reopened with a fresh token, and the inputs it had not
 * answered are sent again (fal's realtime apps answer each input with one output, in order).
 */
export interface RealtimeConnection<I, O> extends AsyncIterable<O> {
  /**
   * Queues an input (sent as a msgpack frame, throttled); throws a FalError once the connection has
   * ended, or when the input cannot be encoded (nested more than 100 levels deep, a BigInt too large).
   */
  send(input: I): void;
  /**
   * Ends the session as done: the connection closes, and an iteration ends without an error once
   * it has taken the outputs already received; `onError` is not called, and `send` throws a FalError
   * saying the connection is closed. Aborting `RealtimeOptions.signal` instead ends it as a failure
   * (the iteration throws a FalAbortError).
   */
  close(): void;
}

// The client

/** A fal key (`key_id:key_secret`), or a function returning one (called per request, so it may rotate). */
export type Credentials = string | (() => string | Promise<string>);

/**
 * Exponential backoff with full jitter: attempt n waits a random time in [0, min(maxDelayMs, baseDelayMs * 2^n)).
 * A `Retry-After` of the server is honoured up to `maxDelayMs` (and the call's remaining `timeout`);
 * a longer one fails the call at once with the server's error.
 */
export interface RetryOptions {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** The bound of the first retry's wait, in ms; it doubles with each retry. */
  baseDelayMs: number;
  /** The longest wait before a retry, in ms, including one a `Retry-After` asks for. */
  maxDelayMs: number;
}

/** The options of `createFalClient`. */
export interface FalClientOptions {
  /** Defaults to `FAL_KEY`, or `FAL_KEY_ID` and `FAL_KEY_SECRET` joined by ":" (not read in browser builds). Never needed with `proxyUrl`. */
  credentials?: Credentials;
  /** @default "https://queue.fal.run" */
  queueUrl?: string;
  /** @default "https://rest.fal.ai" */
  storageUrl?: string;
  /** Where `run` and `stream` call endpoints, and (as ws/wss) where `realtime` connects. @default "https://fal.run" */
  runUrl?: string;
  /**
   * Send every request to this URL instead, with the real URL in the `x-fal-target-url` header; the
   * proxy (see `createProxyHandler`) adds the key, so a browser never holds it.
   */
  proxyUrl?: string;
  fetch?: typeof fetch;
  /** Retry policy for status, stream, result, cancel and uploads; `false` turns retries off. */
  retry?: Partial<RetryOptions> | false;
  /** Headers added to every queue and storage request. */
  headers?: Record<string, string>;
  /** Check every input before sending it, as if each call passed `validate: true`. @default false */
  validate?: boolean;
  /** The input validators `validate: true` uses (endpoint modules' `inputValidator`), found by their endpoint id. */
  validators?: readonly InputValidator<unknown>[];
}

/** A configured connection to fal; pass it to every endpoint function. */
export interface FalClient {
  readonly queueUrl: string;
  /**
   * The `storageUrl` and `runUrl` options as given (`undefined` for fal's hosts): uploads and tokens
   * read the first through `storageBaseUrl`, `run`, `stream` and `realtime` the second through
   * `runBaseUrl`, so a page that only queues carries neither their defaults nor their trimming.
   */
  readonly storageUrl?: string | undefined;
  readonly runUrl?: string | undefined;
  readonly retry: RetryOptions | false;
  readonly validate: boolean;
  readonly validators: readonly InputValidator<unknown>[];
}

// Files

/** File contents accepted wherever an input takes a URL. */
export type FileData = Blob | ArrayBuffer | Uint8Array;

type WithFile<V> = V extends string ? V | FileData : V;
type WithFiles<V> = V extends readonly string[] ? (V[number] | FileData)[] : V;

/**
 * `T` where every `*_url` string also takes file contents and every `*_urls` array takes them as
 * elements, at any depth. One homomorphic mapped type: it keeps optionality (a missing required
 * property stays an error), maps arrays element-wise and leaves primitives alone. `unknown` (a
 * schema that allows any value) stays `unknown`: mapped over its no keys it would become `{}`; so
 * do function types (an optional `toString` property also admits `Object.prototype.toString`).
 */
export type InputWithFiles<T> = unknown extends T
  ? T
  : T extends (...args: never[]) => unknown
    ? T
    : {
        [K in keyof T]: K extends `${string}_url` ? WithFile<T[K]> : K extends `${string}_urls` ? WithFiles<T[K]> : InputWithFiles<T[K]>;
      };

// Validation

/** One entry of a FastAPI validation error (`detail` of a 422). */
export interface FieldError {
  /** Where the error is, e.g. `["body", "prompt"]`. */
  loc: (string | number)[];
  msg: string;
  type: string;
}

/**
 * A JSON Schema object: draft 07 as fal's documents write it, plus OpenAPI's `nullable`. The schemas
 * an endpoint's `inputSchema` and `outputSchema` refer to are bundled under their `$defs`
 * (`{"$ref": "#/$defs/<name>"}`), so each is complete on its own.
 */
export type JsonSchema = { readonly [keyword: string]: unknown };

/**
 * An endpoint's input validator: a Standard Schema v1 object (`validator["~standard"].validate(value)`,
 * its issues' `path` the field's path) that also lists fal's own 422 field errors. Pass it as a
 * call's `validate` option or in `createFalClient({ validators })`.
 */
export interface InputValidator<T> extends StandardSchemaV1<T> {
  /** The endpoint whose input it checks. */
  readonly endpointId: string;
  /** The errors fal's 422 `detail` would list for `value` (each `loc` starting with "body"); [] when it is valid. */
  readonly fieldErrors: (value: unknown) => FieldError[];
}

// The Standard Schema v1 interface (https://standardschema.dev), the part a validator implements.
// Copied rather than imported from @standard-schema/spec, as the spec invites: the package then has
// no dependency for it, and a consumer's type-check loads these few lines instead of the spec's
// whole declaration file (every typed and JSON Schema variant, in namespaces). Structurally the same
// type (`| undefined` where the spec has it, for exactOptionalPropertyTypes), so the spec's own `StandardSchemaV1.InferOutput` works on `inputValidator`.

/** A validator any Standard Schema v1 consumer (form libraries, tRPC, ...) accepts. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly "~standard": {
    readonly version: 1;
    readonly vendor: string;
    /** `{ value }` when the value is valid, else `{ issues }`, each with where in the value (property names and array indices). */
    readonly validate: (value: unknown, options?: { readonly libraryOptions?: Record<string, unknown> | undefined } | undefined) => StandardResult<Output> | Promise<StandardResult<Output>>;
    readonly types?: { readonly input: Input; readonly output: Output } | undefined;
  };
}

/** What `validate` of a Standard Schema v1 validator returns. */
export type StandardResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | { readonly issues: ReadonlyArray<{ readonly message: string; readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined }> };
