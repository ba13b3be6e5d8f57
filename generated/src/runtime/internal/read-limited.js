// falgen's runtime (runtime/internal/read-limited.ts), written by `falgen generate`. Do not edit.
/** What `readLimited` returns for a body over its limit. */
export const TOO_LARGE = Symbol("too large");
/**
* A request's (or response's) body bytes, or TOO_LARGE as soon as its Content-Length or the bytes
* read pass `limit` (the rest is not read): a server-side handler never buffers more than it
* accepts, nor a client more of an answer than one can be. With `onChunk`, each chunk goes to it
* instead and none is kept (an event stream: the bytes returned are then empty). An abort of
* `signal` cancels the read (which frees the connection) and rejects with the signal's reason; so
* does an error `onChunk` throws, with that error.
*/
export async function readLimited(message, limit, signal, onChunk) {
	const reader = message.body?.getReader();
	const cancel = () => reader?.cancel().catch(() => {});
	if (Number(message.headers.get("content-length")) > limit) {
		void cancel();
		return TOO_LARGE;
	}
	const chunks = [];
	let size = 0;
	let done = false;
	signal?.addEventListener("abort", cancel);
	try {
		// A cancelled reader reads as done: the abort is told apart by the signal, below.
		for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader?.read()) {
			size += chunk.value.byteLength;
			if (size > limit) return TOO_LARGE;
			if (onChunk) onChunk(chunk.value);
			else chunks.push(chunk.value);
		}
		done = true;
	} finally {
		signal?.removeEventListener("abort", cancel);
		if (!done) void cancel();
	}
	if (signal?.aborted) throw signal.reason;
	return new Uint8Array(await new Blob(chunks).arrayBuffer());
}
