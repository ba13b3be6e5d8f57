// falgen's runtime (runtime/run.ts), written by `falgen generate`. Do not edit.
import type { FalClient, Result, RunOptions } from "./index.js";
import type { FileStep } from "./internal/prepare-input.js";
/**
* Calls the endpoint synchronously (`POST <runUrl>/<endpoint id>`, not queued) and returns its
* output with the request id fal answered with. File inputs are uploaded first. Once the request is
* sent it is never sent again: a dropped connection loses the result (use `subscribe` when that
* matters); only a request that provably never left is retried.
*/
export declare function run<O>(client: FalClient, endpointId: string, input: unknown, options?: RunOptions): Promise<Result<O>>;
/** `run` with the endpoint's file step: `uploadFiles`, or none for an endpoint without file inputs (see `FileStep`). */
export declare function runWith<O>(client: FalClient, endpointId: string, input: unknown, options?: RunOptions, files?: FileStep): Promise<Result<O>>;
