// falgen's runtime (runtime/client.ts), written by `falgen generate`. Do not edit.
import type { FalClient, FalClientOptions, RetryOptions } from "./index.js";
/** See index.ts, which declares it for users. */
export declare const DEFAULT_RETRY_OPTIONS: RetryOptions;
/**
* See index.ts, which declares it for users. The client's requests go through its `Transport`
* (internal, under a symbol): `send` adds the configured headers and the key, or sends to the proxy.
*/
export declare function createFalClient({ fetch: custom, retry, credentials, proxyUrl, headers, validate, validators, ...urls }?: FalClientOptions): FalClient;
/** Where files are uploaded and realtime tokens made: the client's `storageUrl`, else fal's storage host. */
export declare function storageBaseUrl(client: FalClient): string;
/** Where `run` and `stream` call endpoints and `realtime` connects: the client's `runUrl`, else fal's run host. */
export declare function runBaseUrl(client: FalClient): string;
