// falgen's runtime (runtime/subscribe.ts), written by `falgen generate`. Do not edit.
import type { FalClient, Result, SubscribeOptions } from "./index.js";
import type { FileStep } from "./internal/prepare-input.js";
/**
* Submits `input`, waits for the request to complete and returns its output. `timeout` and `signal`
* cover the whole call, waits included; every error after the submit carries the request id
* (so does `onEnqueue`), and errors thrown by the callbacks are wrapped in a FalError with it.
*/
export declare function subscribe<O>(client: FalClient, endpointId: string, input: unknown, options?: SubscribeOptions): Promise<Result<O>>;
/** `subscribe` with the endpoint's file step: `uploadFiles`, or none for an endpoint without file inputs (see `FileStep`). */
export declare function subscribeWith<O>(client: FalClient, endpointId: string, input: unknown, options?: SubscribeOptions, files?: FileStep): Promise<Result<O>>;
