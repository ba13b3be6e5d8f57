/** What `readLimited` returns for a body over its limit. */
export const TOO_LARGE: unique symbol = Symbol("too large");

/**
 * A request's (or response's) body bytes, or TOO_LARGE as soon as its Content-Length or the bytes
 * read pass `limit` (the rest is not read): a server-side handler never buffers more than it
 * accepts, nor a client more of an answer than one can be. An abort of `signal` cancels the read
 * (which frees the connection) and rejects with the signal's reason.
 */
export async function readLimited(message: Pick<Response, "headers" | "body">, limit: number, signal?: AbortSignal): Promise<Uint8Array<ArrayBuffer> | typeof TOO_LARGE> {
  const reader = message.body?.getReader();
  const cancel = () => reader?.cancel().catch(() => {});
  if (Number(message.headers.get("content-length")) > limit) {
    await cancel();
    return TOO_LARGE;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  signal?.addEventListener("abort", cancel);
  try {
    // A cancelled reader reads as done: the abort is told apart by the signal.
    for (let chunk = await reader?.read(); chunk && !chunk.done && !signal?.aborted; chunk = await reader?.read()) {
      size += chunk.value.byteLength;
      if (size > limit) {
        await cancel();
        return TOO_LARGE;
      }
      chunks.push(chunk.value);
    }
  } finally {
    signal?.removeEventListener("abort", cancel);
  }
  if (signal?.aborted) throw signal.reason;
  return new Uint8Array(await new Blob(chunks as BlobPart[]).arrayBuffer());
}
