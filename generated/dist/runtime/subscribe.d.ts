import type { FalClient } from "./client.js";
import type { Result, SubscribeOptions } from "./types.js";
/**
 * Submits `input`, waits for the request to complete and returns its output. `timeout` and `signal`
 * cover the whole call, waits included; every error after the submit carries the request id
 * (so does `onEnqueue`), and errors thrown by the callbacks are wrapped in a FalError with it.
 */
export declare function subscribe<O>(client: FalClient, endpointId: string, input: unknown, options?: SubscribeOptions): Promise<Result<O>>;
//# sourceMappingURL=subscribe.d.ts.map