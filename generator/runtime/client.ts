import { resolveCredentials, type Credentials } from "./credentials.js";
import { addHeaders, TARGET_URL_HEADER, type HeaderRecord } from "./http.js";
import { DEFAULT_RETRY_OPTIONS, type RetryOptions } from "./retry.js";
import type { InputValidator } from "./validator.js";

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
  /** Plain fetch, for uploads to the signed storage URL (which must not receive the key). */
  readonly fetch: typeof fetch;
  /**
   * Sends a fal API request (its body a string or absent, its header names lower case): with the
   * configured headers and the key added, or through the proxy. `init` and its headers are
   * completed in place, so each must be the call's own.
   */
  readonly send: (url: string, init: RequestInit & { headers: HeaderRecord }) => Promise<Response>;
  readonly validate: boolean;
  readonly validators: readonly InputValidator<unknown>[];
}

/**
 * The client's `send` adds the configured headers and the key, or, with `proxyUrl`, sends every
 * request to the proxy instead, naming the real URL in a header (the proxy adds the key).
 */
export function createFalClient({ fetch: custom, retry, credentials, proxyUrl, headers, validate = false, validators = [], ...urls }: FalClientOptions = {}): FalClient {
  // Called bare: browsers reject fetch invoked as a method of another object ("Illegal invocation").
  const fetch: typeof globalThis.fetch = (input, init) => (custom ?? globalThis.fetch)(input, init);
  // Lower-cased once; each request's own headers win over them.
  const defaults = Object.entries(addHeaders({}, headers));
  const direct = directRequestInit();
  return {
    // `runUrl` as given (see FalClient.runUrl); the two every call needs, resolved here.
    ...urls,
    queueUrl: trimSlash(urls.queueUrl ?? "https://queue.fal.run"),
    storageUrl: trimSlash(urls.storageUrl ?? "https://rest.fal.ai"),
    retry: retry !== false && { ...DEFAULT_RETRY_OPTIONS, ...retry },
    fetch,
    validate,
    validators,
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
