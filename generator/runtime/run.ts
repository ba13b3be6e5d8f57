import type { FalClient, Result, RunOptions } from "./index.js";
import { runScoped } from "./internal/abort.js";
import type { FileStep } from "./internal/prepare-input.js";
import { runCall, withFileUrls } from "./internal/run-call.js";
import { uploadFiles } from "./internal/upload.js";

/**
 * Calls the endpoint synchronously (`POST <runUrl>/<endpoint id>`, not queued) and returns its
 * output with the request id fal answered with. File inputs are uploaded first. Once the request is
 * sent it is never sent again: a dropped connection loses the result (use `subscribe` when that
 * matters); only a request that provably never left is retried.
 */
export function run<O>(client: FalClient, endpointId: string, input: unknown, options?: RunOptions): Promise<Result<O>> {
  return runWith<O>(client, endpointId, input, options, uploadFiles);
}

/** `run` with the endpoint's file step: `uploadFiles`, or none for an endpoint without file inputs (see `FileStep`). */
export function runWith<O>(client: FalClient, endpointId: string, input: unknown, options: RunOptions = {}, files?: FileStep): Promise<Result<O>> {
  return runScoped(options, undefined, async (signal) => {
    const body = await withFileUrls(client, endpointId, input, options, signal, files);
    let requestId = "";
    // The body is read as JSON: a success that is not JSON (a gateway's page) is a FalResponseError, never the output.
    const data = await runCall<O>(client, endpointId, body, options, signal, (response) => {
      requestId = response.headers.get("x-fal-request-id") ?? "";
    });
    return { data, requestId };
  });
}
