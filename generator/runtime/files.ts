import type { FalClient } from "./client.js";
import { runScoped } from "./internal/abort.js";
import { fileUrl } from "./internal/upload.js";

export { INLINE_FILE_LIMIT_BYTES } from "./internal/inline-limit.js";

/** File contents accepted wherever an input takes a URL. */
export type FileData = Blob | ArrayBuffer | Uint8Array;

type WithFile<V> = V extends string ? V | FileData : V;
type WithFiles<V> = V extends readonly string[] ? (V[number] | FileData)[] : V;

/**
 * `T` where every `*_url` string also takes file contents and every `*_urls` array takes them as
 * elements, at any depth. One homomorphic mapped type: it keeps optionality (a missing required
 * property stays an error), maps arrays element-wise and leaves primitives alone. `unknown` (a
 * schema that allows any value) stays `unknown`: mapped over its no keys it would become `{}`; so
 * do function types (an optional `toString` property also admits `Object.prototype.toString`).
 */
export type InputWithFiles<T> = unknown extends T
  ? T
  : T extends (...args: never[]) => unknown
    ? T
    : {
        [K in keyof T]: K extends `${string}_url` ? WithFile<T[K]> : K extends `${string}_urls` ? WithFiles<T[K]> : InputWithFiles<T[K]>;
      };

/** Uploads `data` to fal storage and returns its public URL. */
export function uploadFile(client: FalClient, data: FileData, options: { signal?: AbortSignal } = {}): Promise<string> {
  return runScoped(options, undefined, (signal) => fileUrl(client, data, signal, false));
}
