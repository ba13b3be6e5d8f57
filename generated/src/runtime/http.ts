import createClient, { type Client, type Middleware } from "openapi-fetch";
import { abortError } from "./abort.js";
import { resolveCredentials, type Credentials } from "./credentials.js";
import { apiErrorFromResponse, FalError, FalNetworkError } from "./errors.js";
import type { QueueStatus } from "./types.js";

type Json<T> = { content: { "application/json": T } };
type RequestParameters = { path: { request_id: string } };
type StatusParameters = RequestParameters & { query?: { logs?: 1 } };

/** The queue's answer to a submit. */
export interface SubmitResponse {
  request_id: string;
  response_url: string;
  status_url: string;
  cancel_url: string;
  queue_position: number;
}

/**
 * The fal routes, relative to a per-request `baseUrl`: openapi-fetch would percent-encode the
 * slashes of an endpoint id passed as a path parameter, so the submit's base is
 * `<queueUrl>/<endpoint id>`, the request routes' base is the app URL, and storage's is `storageUrl`.
 */
export interface FalPaths {
  "": { post: { parameters: { query?: { fal_webhook?: string } }; requestBody: Json<unknown>; responses: { 200: Json<SubmitResponse> } } };
  "/requests/{request_id}/status": { get: { parameters: StatusParameters; responses: { 200: Json<QueueStatus> } } };
  "/requests/{request_id}/status/stream": {
    get: { parameters: StatusParameters; responses: { 200: { content: { "text/event-stream": string } } } };
  };
  "/requests/{request_id}": { get: { parameters: RequestParameters; responses: { 200: Json<unknown> } } };
  "/requests/{request_id}/cancel": { put: { parameters: RequestParameters; responses: { 202: Json<{ status: string }> } } };
  "/storage/upload/initiate": {
    post: {
      parameters: { query: { storage_type: "fal-cdn-v3" } };
      requestBody: Json<{ content_type: string; file_name: string }>;
      responses: { 200: Json<{ upload_url: string; file_url: string }> };
    };
  };
}

export type FalHttp = Client<FalPaths>;

/** The header a proxy reads the real destination from. */
export const TARGET_URL_HEADER = "x-fal-target-url";

export function createFalHttp(options: {
  fetch: typeof fetch;
  headers: Record<string, string> | undefined;
  credentials: Credentials | undefined;
  proxyUrl: string | undefined;
}): FalHttp {
  const http = createClient<FalPaths>({ fetch: options.fetch, headers: options.headers });
  http.use(options.proxyUrl === undefined ? authorize(options.credentials) : redirectToProxy(options.proxyUrl));
  return http;
}

function authorize(credentials: Credentials | undefined): Middleware {
  return {
    async onRequest({ request }) {
      request.headers.set("authorization", `Key ${await resolveCredentials(credentials)}`);
      return request;
    },
  };
}

/** Sends every request to the proxy, naming the real URL in a header; the proxy adds the key. */
function redirectToProxy(proxyUrl: string): Middleware {
  return {
    async onRequest({ request }) {
      const headers = new Headers(request.headers);
      headers.set(TARGET_URL_HEADER, request.url);
      // Buffered: browsers cannot send a streamed request body over HTTP/1.1.
      const body = request.body ? await request.arrayBuffer() : null;
      return new Request(proxyUrl, { method: request.method, headers, body, signal: request.signal });
    },
  };
}

/** A fetch failure as a FalError: the abort reason when the call was aborted, else a FalNetworkError. */
export function requestError(error: unknown, signal: AbortSignal): FalError {
  if (signal.aborted) return abortError(signal);
  if (error instanceof FalError) return error;
  return new FalNetworkError(`Network error: ${describeCause(error)}`, { cause: error, requestSent: !neverSent(error) });
}

/** The data of a successful openapi-fetch call; a FalError otherwise. */
export async function unwrap<D>(
  call: Promise<{ data?: D; error?: unknown; response: Response }>,
  signal: AbortSignal,
): Promise<{ data: D; response: Response }> {
  let result: { data?: D; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (error) {
    throw requestError(error, signal);
  }
  if (!result.response.ok) throw apiErrorFromResponse(result.response, result.error);
  return { data: result.data as D, response: result.response };
}

// Connection-level failures before any byte left (Node/undici codes). Elsewhere nothing proves
// that, so those errors count as sent.
const NEVER_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "UND_ERR_CONNECT_TIMEOUT"]);

function neverSent(error: unknown): boolean {
  const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  return typeof code === "string" && NEVER_SENT_CODES.has(code);
}

function describeCause(error: unknown): string {
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  const message = error instanceof Error ? error.message : String(error);
  return cause instanceof Error ? `${message} (${cause.message})` : message;
}
