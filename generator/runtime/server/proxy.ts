import type { Credentials } from "../index.js";
import { appPath } from "../endpoint-id.js";
import { FalError } from "../errors.js";
import { resolveCredentials } from "../internal/credentials.js";
import { readLimited, TOO_LARGE } from "../internal/read-limited.js";
import { TARGET_URL_HEADER } from "../internal/request.js";
import { redactKeyForms } from "./key-forms.js";
import { redactStream } from "./redact-stream.js";

export interface ProxyHandlerOptions {
  /** Endpoint ids the proxy may submit to (and whose requests it may read and cancel). */
  allowedEndpoints: string[];
  /** Defaults to FAL_KEY (or FAL_KEY_ID and FAL_KEY_SECRET) of the server. */
  credentials?: Credentials;
  /** @default "https://queue.fal.run" */
  queueUrl?: string;
  /** @default "https://rest.fal.ai" */
  storageUrl?: string;
  /** Where `run` and `stream` go. @default "https://fal.run" */
  runUrl?: string;
  fetch?: typeof fetch;
  /**
   * The largest request body forwarded, in bytes; a larger one (by its Content-Length, or while it
   * is read) is answered 413 `{detail}` without being buffered. Submits carry JSON: files go to
   * storage directly (the upload URL needs no key), and small ones inline as data URIs.
   * @default 4194304 (4 MiB)
   */
  maxBodyBytes?: number;
}

/** The default of `ProxyHandlerOptions.maxBodyBytes`: 4 MiB. */
export const DEFAULT_PROXY_BODY_LIMIT_BYTES: number = 4 * 1024 * 1024;

// Request routes under an app or endpoint: result (GET), status and its stream (GET), cancel (PUT).
const REQUEST_ROUTE = /^\/(.+)\/requests\/[\w-]+(\/status(?:\/stream)?|\/cancel)?$/;
const STORAGE_INITIATE = "/storage/upload/initiate";
// Forwarded request headers; cookies and the caller's own Authorization stay behind.
const FORWARDED_HEADER = /^(content-type|accept|x-fal-.*)$/i;
// Hop-by-hop or invalidated by fetch's decompression.
const DROPPED_RESPONSE_HEADERS = ["connection", "content-encoding", "content-length", "keep-alive", "set-cookie", "transfer-encoding"];

/**
 * A handler for fetch-style servers (`(Request) => Promise<Response>`) that lets browsers use a
 * FalClient created with `proxyUrl`: it forwards to the URL in `x-fal-target-url` with the server's
 * key, but only submits to `allowedEndpoints`, their requests' status/result/cancel, their `run`
 * and `stream` calls, and storage upload initiation. Anything else is refused with 403 `{detail}`,
 * a body over `maxBodyBytes` with 413, and a target that redirects or cannot be reached with 502:
 * redirects are never followed (they would carry the key), and no answer ever contains the key.
 */
export function createProxyHandler(options: ProxyHandlerOptions): (request: Request) => Promise<Response> {
  const queue = new URL(options.queueUrl ?? "https://queue.fal.run");
  const storage = new URL(options.storageUrl ?? "https://rest.fal.ai");
  const runHost = new URL(options.runUrl ?? "https://fal.run");
  const submittable = new Set(options.allowedEndpoints);
  const readable = new Set(options.allowedEndpoints.flatMap((id) => [id, appPath(id)]));
  const limit = options.maxBodyBytes ?? DEFAULT_PROXY_BODY_LIMIT_BYTES;
  const send = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));

  // Each route is matched by what it is, whichever base holds another (the simulator serves
  // storage and run under its queue URL). Undefined when allowed, else why not.
  const refusal = (target: URL, method: string): string | undefined => {
    const what = `${method} ${target.origin}${target.pathname}`;
    const notAllowedEndpoint = (id: string) => `${what}: ${id} is not in this proxy's allowedEndpoints`;
    const wrongMethod = `${what} is not allowed by this proxy (not a method fal's API takes there)`;
    const storagePath = pathWithin(target, storage);
    if (storagePath === STORAGE_INITIATE) return method === "POST" ? undefined : wrongMethod;
    if (storagePath !== undefined) return `${what} is not allowed by this proxy (of storage, only upload initiation: browsers upload to the URL it returns)`;
    // `run` and `stream` of an allowed endpoint (before the queue: the run host may sit below the queue's).
    const runPath = pathWithin(target, runHost);
    if (runPath !== undefined) {
      const id = runPath.slice(1).replace(/\/stream$/, "");
      if (method !== "POST") return wrongMethod;
      return submittable.has(id) || submittable.has(runPath.slice(1)) ? undefined : notAllowedEndpoint(id);
    }
    const queuePath = pathWithin(target, queue);
    if (queuePath === undefined) {
      return `${what} is not allowed by this proxy: it forwards only to ${queue.href}, ${storage.href} and ${runHost.href}; create the page's client with the queueUrl, storageUrl and runUrl the proxy has`;
    }
    const route = REQUEST_ROUTE.exec(queuePath);
    if (route) {
      if (method !== (route[2] === "/cancel" ? "PUT" : "GET")) return wrongMethod;
      return readable.has(route[1] ?? "") ? undefined : notAllowedEndpoint(route[1] ?? "");
    }
    if (method !== "POST") return wrongMethod;
    return submittable.has(queuePath.slice(1)) ? undefined : notAllowedEndpoint(queuePath.slice(1));
  };

  return async (request) => {
    const target = parseUrl(request.headers.get(TARGET_URL_HEADER));
    // A URL with user info would make fetch throw; refuse it like any other odd target.
    if (!target || target.username || target.password) return answer(403, `Missing or invalid ${TARGET_URL_HEADER} header`);
    const refused = refusal(target, request.method);
    if (refused !== undefined) return answer(403, refused);
    const body = request.method === "GET" || request.method === "HEAD" ? undefined : await readLimited(request, limit);
    if (body === TOO_LARGE) return answer(413, `The request body is larger than this proxy's limit of ${limit} bytes`);
    let key: string;
    try {
      key = await resolveCredentials(options.credentials);
    } catch (error) {
      // The runtime's own credential errors never hold the key; anything else (a throwing
      // credentials function) is not echoed.
      return answer(500, `The proxy has no usable fal credentials${error instanceof FalError ? `: ${error.message}` : ""}`);
    }
    const headers = new Headers();
    request.headers.forEach((value, name) => {
      if (FORWARDED_HEADER.test(name) && name !== TARGET_URL_HEADER) headers.set(name, value);
    });
    headers.set("authorization", `Key ${key}`);
    let upstream: Response;
    try {
      // `manual`: a redirect comes back as is, and is refused below rather than followed with the key.
      upstream = await send(target, { method: request.method, headers, body, redirect: "manual", signal: request.signal });
    } catch {
      return answer(502, `The proxy could not reach ${target.origin}`);
    }
    if (upstream.type === "opaqueredirect" || (upstream.status >= 300 && upstream.status < 400)) {
      await upstream.body?.cancel().catch(() => {});
      return answer(502, `${target.origin}${target.pathname} answered with a redirect, which this proxy does not follow`);
    }
    const responseHeaders = new Headers();
    upstream.headers.forEach((value, name) => {
      if (!DROPPED_RESPONSE_HEADERS.includes(name)) responseHeaders.append(name, redactKeyForms(value, key));
    });
    // Upstream is fal, but whatever it echoes back, the key stays here.
    return new Response(upstream.body && redactStream(upstream.body, key), { status: upstream.status, statusText: redactKeyForms(upstream.statusText, key), headers: responseHeaders });
  };
}

/** The path of `url` below `base` ("/..."), or undefined when `url` is elsewhere. */
function pathWithin(url: URL, base: URL): string | undefined {
  const prefix = base.pathname.replace(/\/+$/, "");
  if (url.origin !== base.origin || !url.pathname.startsWith(`${prefix}/`)) return undefined;
  return url.pathname.slice(prefix.length);
}

function parseUrl(value: string | null): URL | undefined {
  try {
    return value ? new URL(value) : undefined;
  } catch {
    return undefined;
  }
}

function answer(status: number, detail: string): Response {
  return new Response(JSON.stringify({ detail }), { status, headers: { "content-type": "application/json" } });
}
