import { resolveCredentials } from "./internal/credentials.js";
import { addHeaders, TARGET_URL_HEADER, TRANSPORT, type Transport } from "./internal/request.js";
import type { InputValidator } from "./validator.js";

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
  baseDelayMs: number;
  /** The longest wait before a retry, including one a `Retry-After` asks for. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_OPTIONS: RetryOptions = { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 10_000 };

export interface FalClientOptions {
  /** Defaults to `FAL_KEY`, or `FAL_KEY_ID` and `FAL_KEY_SECRET` joined by ":". Never needed with `proxyUrl`. */
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
  readonly storageUrl: string;
  /**
   * The `runUrl` option as given (`undefined` for fal's host): `run`, `stream` and `realtime` read it
   * through `runBaseUrl`, so a page that only queues carries neither its default nor its trimming.
   */
  readonly runUrl?: string | undefined;
  readonly retry: RetryOptions | false;
  readonly validate: boolean;
  readonly validators: readonly InputValidator<unknown>[];
}

/**
 * A client for the endpoint functions. Its requests (see `Transport`, internal) carry the
 * configured headers and the key, or, with `proxyUrl`, all go to the proxy instead, naming the real
 * URL in a header (the proxy adds the key).
 */
export function createFalClient({ fetch: custom, retry, credentials, proxyUrl, headers, validate = false, validators = [], ...urls }: FalClientOptions = {}): FalClient {
  // Called bare: browsers reject fetch invoked as a method of another object ("Illegal invocation").
  const fetch: typeof globalThis.fetch = (input, init) => (custom ?? globalThis.fetch)(input, init);
  // Lower-cased once; each request's own headers win over them.
  const defaults = Object.entries(addHeaders({}, headers));
  const direct = directRequestInit();
  const transport: Transport = {
    fetch,
    // Not async: it hands back fetch's own promise, rather than one more that waits on it. It
    // completes the caller's init in place instead of copying it, as this runs for every request.
    send(url, init) {
      const { headers } = init;
      for (const [name, value] of defaults) headers[name] ??= value;
      const withKey = (key: string) => {
        headers.authorization = `Key ${key}`;
        return fetch(url, Object.assign(init, direct));
      };
      try {
        if (proxyUrl !== undefined) {
          headers[TARGET_URL_HEADER] = url;
          return fetch(proxyUrl, init);
        }
        const key = resolveCredentials(credentials);
        return typeof key === "string" ? withKey(key) : key.then(withKey);
      } catch (error) {
        // A synchronous failure (no credentials, a custom fetch that throws) rejects, as a failed fetch does.
        return Promise.reject(error);
      }
    },
  };
  return {
    // `runUrl` as given (see FalClient.runUrl); the two every call needs, resolved here.
    ...urls,
    queueUrl: trimSlash(urls.queueUrl ?? "https://queue.fal.run"),
    storageUrl: trimSlash(urls.storageUrl ?? "https://rest.fal.ai"),
    retry: retry !== false && { ...DEFAULT_RETRY_OPTIONS, ...retry },
    validate,
    validators,
    [TRANSPORT]: transport,
  } as FalClient;
}

/**
 * What requests sent straight to fal add to their init. fal's API never redirects, so a redirect is
 * refused as a network error rather than followed, and no request belongs to a window (no auth
 * prompts): with both, fetch sends the request itself, where it otherwise copies every request,
 * teeing its body, in case a redirect must be followed (Fetch standard, HTTP-network-or-cache
 * fetch, step 8). That copy is a good part of each call's CPU and of its memory while in flight.
 * Runtimes whose Request refuses `redirect: "error"` (Cloudflare Workers) get nothing added, and
 * requests through `proxyUrl` still follow redirects: the proxy is the app's own route, which may
 * redirect (a trailing slash, a moved path).
 */
function directRequestInit(): RequestInit {
  const init: RequestInit = { redirect: "error", window: null };
  try {
    new Request("https://queue.fal.run", init);
    return init;
  } catch {
    return {};
  }
}

/** Where `run` and `stream` call endpoints and `realtime` connects: the client's `runUrl`, else fal's run host. */
export function runBaseUrl(client: FalClient): string {
  return trimSlash(client.runUrl ?? "https://fal.run");
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}
