import { runScoped } from "./abort.js";
import { runBaseUrl, type FalClient } from "./client.js";
import type { ValidateOption } from "./check-input.js";
import { prepareInput } from "./files.js";
import { callFal, JSON_BODY, send } from "./http.js";
import type { Result } from "./types.js";

/** Options of `run` and `stream`: one synchronous call to the endpoint on the run host. */
export interface RunOptions {
  /** Milliseconds for the whole call (uploads included); then a FalTimeoutError. */
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

/**
 * Calls the endpoint synchronously (`POST <runUrl>/<endpoint id>`, not queued) and returns its
 * output with the request id fal answered with. File inputs are uploaded first. Once the request is
 * sent it is never sent again: a dropped connection loses the result (use `subscribe` when that
 * matters); only a request that provably never left is retried.
 */
export function run<O>(client: FalClient, endpointId: string, input: unknown, options: RunOptions = {}): Promise<Result<O>> {
  return runScoped(options, undefined, async (signal) => {
    const body = await withFileUrls(client, endpointId, input, options, signal);
    let requestId = "";
    // JSON_BODY: a success that is not JSON (a gateway's page) is a FalResponseError, never the output.
    const data = await send(
      client.retry,
      signal,
      false,
      () =>
        runCall(client, endpointId, body, options, signal).then((response) => {
          requestId = response.headers.get("x-fal-request-id") ?? "";
          return response;
        }),
      false,
      JSON_BODY,
    );
    return { data: data as O, requestId };
  });
}

/** The input, checked when asked, with its files uploaded (or inlined): done once, before the call, which may be resent. */
export async function withFileUrls(client: FalClient, endpointId: string, input: unknown, options: RunOptions, signal: AbortSignal): Promise<unknown> {
  return (await prepareInput(client, endpointId, input, options, signal)) ?? input;
}

/** One POST of `body` to `<runUrl>/<path>`: the request `run` and `stream` share. */
export function runCall(client: FalClient, path: string, body: unknown, options: RunOptions, signal: AbortSignal, accept?: string): Promise<Response> {
  return callFal(
    client,
    { url: `${runBaseUrl(client)}/${path}`, method: "POST", headers: { accept, "x-fal-request-timeout": options.startTimeout, ...options.headers }, body },
    signal,
  );
}
