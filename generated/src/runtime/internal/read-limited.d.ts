// falgen's runtime (runtime/internal/read-limited.ts), written by `falgen generate`. Do not edit.
/** What `readLimited` returns for a body over its limit. */
export declare const TOO_LARGE: unique symbol;
/**
* A request's (or response's) body bytes, or TOO_LARGE as soon as its Content-Length or the bytes
* read pass `limit` (the rest is not read): a server-side handler never buffers more than it
* accepts, nor a client more of an answer than one can be. With `onChunk`, each chunk goes to it
* instead and none is kept (an event stream: the bytes returned are then empty). An abort of
* `signal` cancels the read (which frees the connection) and rejects with the signal's reason; so
* does an error `onChunk` throws, with that error.
*/
export declare function readLimited(message: Pick<Response, "headers" | "body">, limit: number, signal?: AbortSignal, onChunk?: (chunk: Uint8Array) => void): Promise<Uint8Array<ArrayBuffer> | typeof TOO_LARGE>;
