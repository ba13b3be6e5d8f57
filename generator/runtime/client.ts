import { FalError } from "./errors.js";
import { resolveCredentials } from "./internal/credentials.js";
import { addHeaders, TARGET_URL_HEADER, TRANSPORT, type Transport } from "./internal/request.js";
import { directRequestInit } from "#undici";
import type { FalClient, FalClientOptions, RetryOptions } from "./index.js";

/** See index.ts, which declares it for users. */
export const DEFAULT_RETRY_OPTIONS: RetryOptions = { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 10_000 };

/**
 * See index.ts, which declares it for users. The client's requests go through its `Transport`
 * (internal, under a symbol): `send` adds the configured headers and the key, or sends to the proxy.
 */
export function createFalClient({ fetch: custom, retry, credentials, proxyUrl, headers, validate = false, validators = [], ...urls }: FalClientOptions = {}): FalClient {
  // Checked here, not by the first call: fal's paths are appended to each, so a query or fragment
  // would swallow them. The proxy's may be a path of the app ("/api/fal/proxy").
  checkUrl("proxyUrl", proxyUrl, true);
  for (const name of ["queueUrl", "storageUrl", "runUrl"] as const) checkUrl(name, urls[name]);
  // Called bare: browsers reject fetch invoked as a method of another object ("Illegal invocation").
  const fetch: typeof globalThis.fetch = (input, init) => (custom ?? globalThis.fetch)(input, init);
  // Lower-cased once; each request's own headers win over them.
  const defaults = Object.entries(addHeaders({}, headers));
  const direct = directRequestInit();
  const transport: Transport = {
    fetch,
    // Not async: through the proxy it hands back fetch's own promise, rather than one more that
    // waits on it. It completes the caller's init in place instead of copying it, as this runs for
    // every request.
    send(url, init) {
      const { headers } = init;
      for (const [name, value] of defaults) headers[name] ??= value;
      if (proxyUrl !== undefined) {
        headers[TARGET_URL_HEADER] = url;
        return fetch(proxyUrl, init);
      }
      return resolveCredentials(credentials).then((key) => {
        headers.authorization = `Key ${key}`;
        return fetch(url, Object.assign(init, direct));
      });
    },
  };
  return {
    // `storageUrl` and `runUrl` as given (see FalClient.storageUrl); the queue's, which every call needs, resolved here.
    ...urls,
    queueUrl: trimSlash(urls.queueUrl ?? "https://queue.fal.run"),
    retry: retry !== false && { ...DEFAULT_RETRY_OPTIONS, ...retry },
    validate,
    validators,
    [TRANSPORT]: transport,
  } as FalClient;
}

/** Where files are uploaded and realtime tokens made: the client's `storageUrl`, else fal's storage host. */
export function storageBaseUrl(client: FalClient): string {
  return trimSlash(client.storageUrl ?? "https://rest.fal.ai");
}

/** Where `run` and `stream` call endpoints and `realtime` connects: the client's `runUrl`, else fal's run host. */
export function runBaseUrl(client: FalClient): string {
  return trimSlash(client.runUrl ?? "https://fal.run");
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

/**
 * Throws a FalError naming the option when `url` is not an http(s) URL (absolute, unless `relative`:
 * then a path will do) without query, fragment or user info ("@", which fetch refuses). A pattern
 * rather than `new URL`, which accepts what fetch then refuses (spaces, user info).
 */
function checkUrl(name: string, url: string | undefined, relative?: boolean): void {
  if (url !== undefined && !(/^(https?:\/\/[^\s/?#@]+|\/)[^\s?#@]*$/i.test(url) && (relative || url[0] !== "/"))) {
    throw new FalError(`Invalid option ${name}: ${JSON.stringify(url)} is not an http(s) URL${relative ? " or path" : ""} without query, fragment or user info`);
  }
}
