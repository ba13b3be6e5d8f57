// falgen's runtime (runtime/internal/read-limited.ts), written by `falgen generate`. Do not edit.
/** What `readLimited` returns for a body over its limit. */
export const TOO_LARGE = Symbol("too large");
/**
* A request's (or response's) body bytes, or TOO_LARGE as soon as its Content-Length or the bytes
* read pass `limit` (the rest is not read): a server-side handler never buffers more than it
* accepts, nor falgen more of a fetched document than a document can be.
*/
export async function readLimited(message, limit) {
	if (Number(message.headers.get("content-length")) > limit) {
		await message.body?.cancel().catch(() => {});
		return TOO_LARGE;
	}
	const chunks = [];
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
