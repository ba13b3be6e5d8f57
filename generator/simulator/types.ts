import type { LoadedSpec } from "../load/load-specs.js";

/** Faults switched on for a whole run (CLI flags or `startSimulator({ faults })`). */
export interface FaultOptions {
  /** Share (0..1) of calls answered with a 500, 502 or 503. */
  errorRate?: number;
  /** Share (0..1) of calls answered with a 429 and `Retry-After`. */
  rateLimitRate?: number;
  /** The `Retry-After` value, in seconds, of injected 429s (default 1). */
  retryAfterSeconds?: number;
  /** Extra delay, in milliseconds, before answering each faultable call. */
  latencyMs?: number;
  /** Share (0..1) of calls whose socket is destroyed without a response. */
  dropRate?: number;
  /** Share (0..1) of calls handled, then cut off mid-body (headers and half the body sent). */
  cutRate?: number;
  /** Share (0..1) of calls handled, then answered 200 with an HTML page instead. */
  malformedRate?: number;
  /** Whether the rates above also hit submit (off by default: a lost submit may be a paid request). */
  includeSubmit?: boolean;
  /** Seed of the PRNG that draws rate faults, so a run can be replayed (default 1). */
  seed?: number;
  /** Each realtime connection is closed by the server after answering this many inputs (a forced reconnection). */
  realtimeCloseAfter?: number;
  /** The close code of those closes (default 1011, "internal error"). */
  realtimeCloseCode?: number;
}

export interface SimulatorOptions {
  /** Folder of specs to serve (default: `specs` in the working directory). Ignored when `specs` is given. */
  specsDir?: string;
  /** Already loaded specs to serve. */
  specs?: LoadedSpec[];
  host?: "127.0.0.1";
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Accepted keys, surrounding whitespace trimmed as clients trim theirs; when absent any non-empty key is accepted. */
  apiKeys?: string[];
  /** Time a request spends IN_QUEUE, in ms (default 200; 0 = leaves the queue at once). */
  queueMs?: number;
  /** Time a request spends IN_PROGRESS, in ms (default 500; 0 = completes at once). */
  runMs?: number;
  /** queue_position a new request starts at, counting down to 0 over queueMs (default 3). */
  queueDepth?: number;
  /** Log lines a request writes while IN_PROGRESS (default 3). */
  logLines?: number;
  faults?: FaultOptions;
  /** Value of `X-Fal-Webhook-User-Id` on webhook deliveries (default "falgen-simulator"). */
  webhookUserId?: string;
  /** Delivery retries after a failed webhook POST (default 3), with exponential backoff from webhookRetryMs. */
  webhookRetries?: number;
  webhookRetryMs?: number;
  /**
   * Largest JSON request body accepted, in bytes (submit, run, stream, tokens, upload initiation),
   * and largest realtime message; beyond it a 413 `{detail}` (a realtime connection closes with
   * 1009), answered as soon as the Content-Length or the bytes read pass it, the rest unread.
   * @default 10485760 (10 MiB; fal documents no limit for JSON inputs: files belong in storage)
   */
  maxBodyBytes?: number;
  /**
   * Largest storage upload accepted in one PUT (a whole file, or one multipart part), in bytes;
   * beyond it a 413 `{detail}`, as for JSON bodies.
   * @default 104857600 (100 MiB: above `@fal-ai/client`'s 90 MB single-PUT threshold; its parts are 10 MB)
   */
  maxUploadBytes?: number;
  /** Interval of `: ping` comments on idle SSE streams, in ms (default 5000). */
  streamPingMs?: number;
  /** Whether to reload the specs of `specsDir` when a file there changes (default true). */
  watch?: boolean;
  /** Called after each reload with what is now served. */
  onReload?: (served: { endpointIds: string[]; specErrors: Error[] }) => void;
}

export interface RunningSimulator {
  /** Queue base URL, the simulator's `https://queue.fal.run`: `http://127.0.0.1:PORT`. */
  url: string;
  /** REST base URL, the simulator's `https://rest.fal.ai` (storage): `http://127.0.0.1:PORT/_rest`. */
  storageUrl: string;
  /** URL to use as `@fal-ai/client`'s `proxyUrl` (requests carry `x-fal-target-url`). */
  proxyUrl: string;
  /** The public key(s) webhook signatures verify against, as served at `/.well-known/jwks.json`. */
  jwks: Jwks;
  /** Endpoint ids served (after a reload, the reloaded ones). */
  readonly endpointIds: string[];
  /** Specs that failed to load (they are not served). */
  readonly specErrors: Error[];
  stats(): SimulatorStats;
  close(): Promise<void>;
}

export interface Jwk {
  kty: "OKP";
  crv: "Ed25519";
  x: string;
  kid: string;
  alg: "EdDSA";
  use: "sig";
}

export interface Jwks {
  keys: Jwk[];
}

export type RouteName =
  | "submit"
  | "status"
  | "stream"
  | "result"
  | "cancel"
  | "run"
  | "run-stream"
  | "token"
  | "realtime"
  | "storage"
  | "upload"
  | "file"
  | "jwks"
  | "document"
  | "other";

export interface SimulatorStats {
  /** Calls received per route, including rejected and faulted ones. */
  routes: Record<RouteName, number>;
  /** Requests enqueued per endpoint id. */
  submitsByEndpoint: Record<string, number>;
  /** For every enqueued submit, keyed by its exact raw body: how many times it was enqueued. */
  submittedBodies: Record<string, number>;
  /** Injected faults, keyed `route:kind` (e.g. `status:503`, `result:drop`). */
  faults: Record<string, number>;
  /** Answers 401 for a missing or wrong key. */
  unauthorized: number;
  /** Realtime tokens issued, WebSocket connections accepted, and inputs they answered. */
  realtime: { tokens: number; connections: number; refused: number; inputs: number };
  webhooks: { delivered: number; failedAttempts: number; abandoned: number };
}
