import { runScoped } from "./abort.js";
import type { FalClient } from "./client.js";
import { apiErrorFromResponse } from "./errors.js";
import { requestError, unwrap } from "./http.js";
import { withRetry } from "./retry.js";

/** File contents accepted wherever an input takes a URL. */
export type FileData = Blob | ArrayBuffer | Uint8Array;

type WithFile<V> = V extends string ? V | FileData : V;
type WithFiles<V> = V extends readonly string[] ? (V[number] | FileData)[] : V;

/**
 * `T` where every `*_url` string also takes file contents and every `*_urls` array takes them as
 * elements, at any depth. One homomorphic mapped type: it keeps optionality (a missing required
 * property stays an error), maps arrays element-wise and leaves primitives alone.
 */
export type InputWithFiles<T> = {
  [K in keyof T]: K extends `${string}_url` ? WithFile<T[K]> : K extends `${string}_urls` ? WithFiles<T[K]> : InputWithFiles<T[K]>;
};

/**
 * Files up to this size are sent inline as a `data:` URI (base64, about 87 KiB of JSON) instead of
 * uploaded: that saves the two storage round trips, while the submit body, which is never retried
 * and passes through any proxy, stays small.
 */
export const INLINE_FILE_LIMIT_BYTES = 64 * 1024;

/** Uploads `data` to fal storage and returns its public URL. */
export function uploadFile(client: FalClient, data: FileData, options: { signal?: AbortSignal } = {}): Promise<string> {
  return runScoped(options, undefined, (signal) => uploadWithin(client, toBlob(data), signal));
}

/** A copy of `input` with every Blob, ArrayBuffer and Uint8Array replaced by a `data:` URI or an uploaded file's URL. */
export async function replaceFileInputs(client: FalClient, input: unknown, signal: AbortSignal): Promise<unknown> {
  if (isFileData(input)) {
    const blob = toBlob(input);
    return blob.size <= INLINE_FILE_LIMIT_BYTES ? dataUri(blob) : uploadWithin(client, blob, signal);
  }
  if (Array.isArray(input)) return Promise.all(input.map((item) => replaceFileInputs(client, item, signal)));
  if (!isPlainObject(input)) return input;
  const entries = await Promise.all(Object.entries(input).map(async ([key, value]) => [key, await replaceFileInputs(client, value, signal)]));
  return Object.fromEntries(entries);
}

async function uploadWithin(client: FalClient, blob: Blob, signal: AbortSignal): Promise<string> {
  const contentType = blob.type || "application/octet-stream";
  // Uploads are safe to repeat: a failed attempt leaves at most an unused storage slot.
  return withRetry(client.retry, signal, true, async () => {
    const { data } = await unwrap(
      client.http.POST("/storage/upload/initiate", {
        baseUrl: client.storageUrl,
        params: { query: { storage_type: "fal-cdn-v3" } },
        body: { content_type: contentType, file_name: fileName(blob, contentType) },
        signal,
      }),
      signal,
    );
    // The signed upload URL needs no key, and must not be sent one.
    const response = await client
      .fetch(data.upload_url, { method: "PUT", body: blob, headers: { "content-type": contentType }, signal })
      .catch((error: unknown) => Promise.reject(requestError(error, signal)));
    if (!response.ok) throw apiErrorFromResponse(response, await response.text());
    return data.file_url;
  });
}

function fileName(blob: Blob, contentType: string): string {
  if ("name" in blob && typeof blob.name === "string" && blob.name) return blob.name;
  // Some endpoints read the format from the URL's extension.
  const subtype = contentType.split("/")[1]?.split(/[;+]/)[0];
  return `upload.${subtype && subtype !== "octet-stream" ? subtype : "bin"}`;
}

async function dataUri(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = "";
  // Chunked: spreading a large array into fromCharCode overflows the call stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${blob.type || "application/octet-stream"};base64,${btoa(binary)}`;
}

function toBlob(data: FileData): Blob {
  return data instanceof Blob ? data : new Blob([data as BlobPart]);
}

function isFileData(value: unknown): value is FileData {
  return (typeof Blob !== "undefined" && value instanceof Blob) || value instanceof ArrayBuffer || value instanceof Uint8Array;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
