// falgen's runtime (runtime/internal/upload.ts), written by `falgen generate`. Do not edit.
import type { FalClient } from "../client.js";
import type { FileData } from "../files.js";
import type { FileStep } from "./prepare-input.js";
/**
* The file step of endpoints with file inputs (see `FileStep`): every Blob, ArrayBuffer and
* Uint8Array of the input is replaced by a `data:` URI or an uploaded file's URL (a copy of the
* arrays and plain objects on the way to a file); undefined when the input holds no file.
*/
export declare const uploadFiles: FileStep;
/** A URL for `data`: a `data:` URI when `inline` allows and it is small enough, else an upload's public URL. */
export declare function fileUrl(client: FalClient, data: FileData, signal: AbortSignal, inline: boolean): Promise<string>;
