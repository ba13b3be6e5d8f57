// falgen's runtime (runtime/files.ts), written by `falgen generate`. Do not edit.
import { type ValidateOption } from "./check-input.js";
import type { FalClient } from "./client.js";
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
export type InputWithFiles<T> = unknown extends T ? T : T extends (...args: never[]) => unknown ? T : { [K in keyof T]: K extends `${string}_url` ? WithFile<T[K]> : K extends `${string}_urls` ? WithFiles<T[K]> : InputWithFiles<T[K]> };
/**
* Files up to this size are sent inline as a `data:` URI (base64, about 87 KiB of JSON) instead of
* uploaded: that saves the two storage round trips, while the submit body, which is never retried
* and passes through any proxy, stays small.
*/
export declare const INLINE_FILE_LIMIT_BYTES: number;
/** Uploads `data` to fal storage and returns its public URL. */
export declare function uploadFile(client: FalClient, data: FileData, options?: {
	signal?: AbortSignal;
}): Promise<string>;
/**
* What every call that sends an input (submit, subscribe, run, stream) does first: checks it when
* the call asks (see `checkInput`; throws before anything is sent, uploads included), then returns
* a promise of `input` with every Blob, ArrayBuffer and Uint8Array replaced by a `data:` URI or an
* uploaded file's URL (a copy of the arrays and plain objects on the way to a file), or undefined
* when `input` holds no file: the usual case, which so costs one walk, no copy and no wait.
*/
export declare function prepareInput(client: FalClient, endpointId: string, input: unknown, options: {
	validate?: ValidateOption | undefined;
}, signal: AbortSignal): Promise<unknown> | undefined;
export {};
