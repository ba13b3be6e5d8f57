import type { Credentials } from "./credentials.js";
import { createFalHttp, type FalHttp } from "./http.js";
import { DEFAULT_RETRY_OPTIONS, type RetryOptions } from "./retry.js";

export interface FalClientOptions {
  /** Defaults to `FAL_KEY`, or `FAL_KEY_ID` and `FAL_KEY_SECRET` joined by ":". Never needed with `proxyUrl`. */
  credentials?: Credentials;
  /** @default "https://queue.fal.run" */
  queueUrl?: string;
  /** @default "https://rest.fal.ai" */
  storageUrl?: string;
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
}

/** A configured connection to fal; pass it to every endpoint function. */
export interface FalClient {
  readonly queueUrl: string;
  readonly storageUrl: string;
  readonly retry: RetryOptions | false;
  /** Plain fetch, for uploads to the signed storage URL (which must not receive the key). */
  readonly fetch: typeof fetch;
  readonly http: FalHttp;
}

export function createFalClient(options: FalClientOptions = {}): FalClient {
  const custom = options.fetch;
  // Called bare: browsers reject fetch invoked as a method of another object ("Illegal invocation").
  const fetchImpl: typeof fetch = custom ? (input, init) => custom(input, init) : (input, init) => globalThis.fetch(input, init);
  return {
    queueUrl: trimSlash(options.queueUrl ?? "https://queue.fal.run"),
    storageUrl: trimSlash(options.storageUrl ?? "https://rest.fal.ai"),
    retry: options.retry === false ? false : { ...DEFAULT_RETRY_OPTIONS, ...options.retry },
    fetch: fetchImpl,
    http: createFalHttp({ fetch: fetchImpl, headers: options.headers, credentials: options.credentials, proxyUrl: options.proxyUrl }),
  };
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}
