// falgen's runtime (runtime/internal/inline-limit.ts), written by `falgen generate`. Do not edit.
// Its own module: files.ts re-exports it, and a consumer's type-check of the package then loads
// this line rather than the declarations of the upload machinery.
/**
* Files up to this size are sent inline as a `data:` URI (base64, about 87 KiB of JSON) instead of
* uploaded: that saves the two storage round trips, while the submit body, which is never retried
* and passes through any proxy, stays small.
*/
export declare const INLINE_FILE_LIMIT_BYTES: number;
