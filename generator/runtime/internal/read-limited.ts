/** What `readLimited` returns for a body over its limit. */
export const TOO_LARGE: unique symbol = Symbol("too large");

/**
 * A request's (or response's) body bytes, or TOO_LARGE as soon as its Content-Length or the bytes
 * read pass `limit` (the rest is not read): a server-side handler never buffers more than it
 * accepts, nor falgen more of a fetched document than a document can be.
 */
export async function readLimited(message: Request | Response, limit: number): Promise<Uint8Array<ArrayBuffer> | typeof TOO_LARGE> {
  if (Number(message.headers.get("content-length")) > limit) {
    await message.body?.cancel().catch(() => {});
    return TOO_LARGE;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = message.body?.getReader();
  for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader?.read()) {
    size += chunk.value.byteLength;
    if (size > limit) {
      await reader?.cancel().catch(() => {});
      return TOO_LARGE;
    }
    chunks.push(chunk.value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
