import { runBaseUrl } from "../client.js";
import type { FalClient, RunOptions } from "../index.js";
import { prepareInput, type FileStep } from "./prepare-input.js";
import { JSON_BODY, request, type BodyReader } from "./request.js";

/** The input, checked when asked, through `files` (see `FileStep`): done once, before the call, which may be resent. */
export async function withFileUrls(client: FalClient, endpointId: string, input: unknown, options: RunOptions, signal: AbortSignal, files: FileStep | undefined): Promise<unknown> {
  return (await prepareInput(client, endpointId, input, options, signal, files)) ?? input;
}

/**
 * One POST of `body` to `<runUrl>/<path>`, the request `run` and `stream` share: never resent once
 * it may have arrived (the endpoint runs, and bills, what it received). `onResponse` sees the
 * response before its body is read. A success is its JSON (anything else is a FalResponseError),
 * or with `stream` its raw body.
 */
export function runCall<D>(
  client: FalClient,
  path: string,
  body: unknown,
  options: RunOptions,
  signal: AbortSignal,
  onResponse: (response: Response) => void,
  stream?: boolean,
): Promise<D> {
  return request<D>(client, {
    url: `${runBaseUrl(client)}/${path}`,
    method: "POST",
    headers: { accept: stream ? "text/event-stream" : undefined, "x-fal-request-timeout": options.startTimeout, ...options.headers },
    body,
    signal,
    idempotent: false,
    stream,
    reader: JSON_BODY as BodyReader<D>,
    onResponse,
  });
}
