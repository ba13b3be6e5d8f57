import { mergeHeaders } from "openapi-fetch";
import { resolveCredentials, type Credentials } from "./credentials.js";
import { TARGET_URL_HEADER } from "./http.js";
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
  /** Sends a fal API request (its body a string or absent): with the key added, or through the proxy. */
  readonly send: (url: string, init: RequestInit & { headers: Headers }) => Promise<Response>;
}

/**
 * The client's `send` adds the configured headers and the key, or, with `proxyUrl`, sends every
 * request to the proxy instead, naming the real URL in a header (the proxy adds the key).
 */
export function createFalClient({ fetch: custom, retry, credentials, proxyUrl, headers, ...urls }: FalClientOptions = {}): FalClient {
  // Called bare: browsers reject fetch invoked as a method of another object ("Illegal invocation").
  const fetch: typeof globalThis.fetch = (input, init) => (custom ?? globalThis.fetch)(input, init);
  return {
    queueUrl: trimSlash(urls.queueUrl ?? "https://queue.fal.run"),
    storageUrl: trimSlash(urls.storageUrl ?? "https://rest.fal.ai"),
    retry: retry !== false && { ...DEFAULT_RETRY_OPTIONS, ...retry },
    fetch,
    async send(url, init) {
      // Plain fetch(url, init): no Request objects to build and copy on a hot path.
      const sent = mergeHeaders(headers, init.headers);
      if (proxyUrl === undefined) {
        sent.set("authorization", `Key ${await resolveCredentials(credentials)}`);
        return fetch(url, { ...init, headers: sent });
      }
      sent.set(TARGET_URL_HEADER, url);
      return fetch(proxyUrl, { ...init, headers: sent });
    },
  };
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}
