// falgen's runtime (runtime/internal/run-call.ts), written by `falgen generate`. Do not edit.
import type { FalClient, RunOptions } from "../index.js";
import { type FileStep } from "./prepare-input.js";
/** The input, checked when asked, through `files` (see `FileStep`): done once, before the call, which may be resent. */
export declare function withFileUrls(client: FalClient, endpointId: string, input: unknown, options: RunOptions, signal: AbortSignal, files: FileStep | undefined): Promise<unknown>;
/**
* One POST of `body` to `<runUrl>/<path>`, the request `run` and `stream` share: never resent once
* it may have arrived (the endpoint runs, and bills, what it received). `onResponse` sees the
* response before its body is read. A success is its JSON (anything else is a FalResponseError),
* or with `stream` its raw body.
*/
export declare function runCall<D>(client: FalClient, path: string, body: unknown, options: RunOptions, signal: AbortSignal, onResponse: (response: Response) => void, stream?: boolean): Promise<D>;
