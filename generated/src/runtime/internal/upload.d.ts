// falgen's runtime (runtime/internal/upload.ts), written by `falgen generate`. Do not edit.
import type { FalClient, FileData } from "../index.js";
import type { FileStep } from "./prepare-input.js";
/**
* Files up to this size are sent inline as a `data:` URI (base64, about 87 KiB of JSON) instead of
* uploaded: that saves the two storage round trips, while the submit body, which is never retried
* and passes through any proxy, stays small.
*/
export declare const INLINE_FILE_LIMIT_BYTES: number;
/**
* The file step of endpoints with file inputs (see `FileStep`): every Blob, ArrayBuffer and
* Uint8Array of the input is replaced by a `data:` URI or an uploaded file's URL (a copy of the
* arrays and plain objects on the way to a file); undefined when the input holds no file. A failed
* upload rejects with its own error (class, status, body, request id), its message naming the
* file's field (`image_urls.1`).
*/
export declare const uploadFiles: FileStep;
/** A URL for `data`: a `data:` URI when `inline` allows and it is small enough, else an upload's public URL. */
export declare function fileUrl(client: FalClient, data: FileData, signal: AbortSignal, inline: boolean): Promise<string>;
/** Uploads `data` to fal storage and returns its public URL (see index.ts). */
export declare function uploadFile(client: FalClient, data: FileData, options?: {
	signal?: AbortSignal;
}): Promise<string>;
