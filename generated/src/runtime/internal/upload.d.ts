// falgen's runtime (runtime/internal/upload.ts), written by `falgen generate`. Do not edit.
import type { FalClient } from "../client.js";
import type { FileData } from "../files.js";
import type { ValidateOption } from "../types.js";
/**
* Files up to this size are sent inline as a `data:` URI (base64, about 87 KiB of JSON) instead of
* uploaded: that saves the two storage round trips, while the submit body, which is never retried
* and passes through any proxy, stays small.
*/
export declare const INLINE_FILE_LIMIT_BYTES: number;
/**
* What every call that sends an input (submit, subscribe, run, stream) does first: checks it when
* the call asks (see `checkInput`; throws before anything is sent, uploads included), then returns
* a promise of `input` with every Blob, ArrayBuffer and Uint8Array replaced by a `data:` URI or an
* uploaded file's URL (a copy of the arrays and plain objects on the way to a file), or undefined
* when `input` holds no file: the usual case, which so costs one walk, no copy and no wait.
* @throws {FalError} when `input` nests arrays and objects more than 512 levels deep (naming where).
*/
export declare function prepareInput(client: FalClient, endpointId: string, input: unknown, options: {
	validate?: ValidateOption | undefined;
}, signal: AbortSignal): Promise<unknown> | undefined;
/** A URL for `data`: a `data:` URI when `inline` allows and it is small enough, else an upload's public URL. */
export declare function fileUrl(client: FalClient, data: FileData, signal: AbortSignal, inline: boolean): Promise<string>;
