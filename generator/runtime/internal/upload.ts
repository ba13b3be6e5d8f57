import type { FalClient, FileData } from "../index.js";
import { storageBaseUrl } from "../client.js";
import { runScoped } from "./abort.js";
import { redact } from "./redact.js";
import type { FileStep } from "./prepare-input.js";
import { request, type BodyReader } from "./request.js";

/**
 * Files up to this size are sent inline as a `data:` URI (base64, about 87 KiB of JSON) instead of
 * uploaded: that saves the two storage round trips, while the submit body, which is never retried
 * and passes through any proxy, stays small.
 */
export const INLINE_FILE_LIMIT_BYTES: number = 64 * 1024;

/**
 * The file step of endpoints with file inputs (see `FileStep`): every Blob, ArrayBuffer and
 * Uint8Array of the input is replaced by a `data:` URI or an uploaded file's URL (a copy of the
 * arrays and plain objects on the way to a file); undefined when the input holds no file. A failed
 * upload rejects with its own error (class, status, body, request id), its message naming the
 * file's field (`image_urls.1`).
 */
export const uploadFiles: FileStep = (client, input, signal, check) => {
  // A file stands for the URL it becomes, which the schema expects.
  check(() => mapFiles(input, () => "data:application/octet-stream;base64,"));
  // The first walk starts every file's upload at once; the second puts the URLs in their places.
  const urls: Promise<string>[] = [];
  mapFiles(input, (file, path) => {
    const field = path.join(".");
    urls.push(
      fileUrl(client, file, signal, true).catch((error: unknown) => {
        // Rewritten in place, not wrapped: callers keep the class, status, body and request id they catch.
        // An abort or timeout is the call's (one error, the signal's reason, for every upload), not this file's.
        if (error instanceof Error && !signal.aborted) Object.defineProperty(error, "message", { value: redact(`Uploading the file of input field ${field} failed: ${error.message}`), writable: true, configurable: true });
        throw error;
      }),
    );
    return file;
  });
  if (urls.length === 0) return undefined;
  return Promise.all(urls).then((resolved) => {
    let next = 0;
    return mapFiles(input, () => resolved[next++]);
  });
};

/**
 * `value` with each file in it replaced by `replace(file, path)`, copying only what contains a
 * replaced file. `path` holds the keys from the input to the file (array indexes as strings); it is
 * one array, changed as the walk goes, so read it during the call.
 */
function mapFiles(value: unknown, replace: (file: FileData, path: readonly string[]) => unknown, path: string[] = []): unknown {
  if (value instanceof Blob || value instanceof ArrayBuffer || value instanceof Uint8Array) return replace(value, path);
  // Plain objects only: class instances (Date, ...) are left to JSON.
  if (!Array.isArray(value) && !isPlainObject(value)) return value;
  const fields = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(fields)) {
    path.push(key);
    const mapped = mapFiles(fields[key], replace, path);
    path.pop();
    if (mapped !== fields[key]) (copy ??= (Array.isArray(value) ? [...value] : { ...fields }) as Record<string, unknown>)[key] = mapped;
  }
  return copy ?? value;
}

/** Storage's answer to an upload initiation: where to PUT the bytes, and the file's public URL. */
const UPLOAD_URLS: BodyReader<{ upload_url: string; file_url: string }> = {
  what: "storage upload URLs",
  read: (body) => {
    const urls = body as { upload_url?: unknown; file_url?: unknown } | null;
    return typeof urls?.upload_url === "string" && typeof urls.file_url === "string" ? (urls as { upload_url: string; file_url: string }) : undefined;
  },
};

/** A URL for `data`: a `data:` URI when `inline` allows and it is small enough, else an upload's public URL. */
export async function fileUrl(client: FalClient, data: FileData, signal: AbortSignal, inline: boolean): Promise<string> {
  const blob = data instanceof Blob ? data : new Blob([data as BlobPart]);
  const contentType = blob.type || "application/octet-stream";
  if (inline && blob.size <= INLINE_FILE_LIMIT_BYTES) {
    const bytes = new Uint8Array(await blob.arrayBuffer());
    return `data:${contentType};base64,${btoa(bytes.reduce((binary, byte) => binary + String.fromCharCode(byte), ""))}`;
  }
  // Both steps are safe to repeat: a failed attempt leaves at most an unused storage slot.
  const { upload_url, file_url } = await request(client, {
    url: `${storageBaseUrl(client)}/storage/upload/initiate`,
    method: "POST",
    query: { storage_type: "fal-cdn-v3" },
    body: { content_type: contentType, file_name: fileName(blob, contentType) },
    signal,
    idempotent: true,
    reader: UPLOAD_URLS,
  });
  // Plain fetch: the signed upload URL needs no key, and must not be sent one.
  await request(client, { url: upload_url, method: "PUT", body: blob, headers: { "content-type": contentType }, signal, idempotent: true, plain: true });
  return file_url;
}

function fileName(blob: Blob, contentType: string): string {
  const { name } = blob as Partial<File>;
  // Some endpoints read the format from the URL's extension.
  return typeof name === "string" && name ? name : `upload.${/\/([^/;+]+)/.exec(contentType)?.[1]?.replace(/^octet-stream$/, "bin") ?? "bin"}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  const prototype: unknown = typeof value === "object" && value !== null && Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Uploads `data` to fal storage and returns its public URL (see index.ts). */
export function uploadFile(client: FalClient, data: FileData, options: { signal?: AbortSignal } = {}): Promise<string> {
  return runScoped(options, undefined, (signal) => fileUrl(client, data, signal, false));
}
