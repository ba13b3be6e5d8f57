// falgen's runtime (runtime/redact-stream.ts), written by `falgen generate`. Do not edit.
import { REDACTED, secretsOf } from "./redact.js";
const encoder = new TextEncoder();
/**
* `body` with every occurrence of `key` (and of its secret, see `secretsOf`) replaced by
* `[redacted]`, as it streams: the proxy's answers never carry its key, even when upstream echoes
* it. Bytes are compared, not text: a key is printable ASCII, whose bytes never occur inside a
* UTF-8 sequence, and any other bytes (binary, invalid UTF-8) pass through unchanged. A chunk's
* last bytes that might begin a key are held back until the next chunk (or the end) decides.
*/
export function redactStream(body, key) {
	const needles = secretsOf(key).map((secret) => encoder.encode(secret));
	const replacement = encoder.encode(REDACTED);
	const longest = needles[0]?.length ?? 0;
	const firstBytes = [...new Set(needles.map((needle) => needle[0]))];
	// Where a needle might start, from `i` on and before `end` (-1 when nowhere): a native search.
	const nextCandidate = (bytes, i, end) => {
		let next = -1;
		for (const first of firstBytes) {
			const at = bytes.indexOf(first, i);
			if (at !== -1 && at < end && (next === -1 || at < next)) next = at;
		}
		return next;
	};
	let held = new Uint8Array(0);
	const scan = (bytes, final, controller) => {
		// Without `final`, a match may only start where the longest needle still fits.
		const end = final ? bytes.length : bytes.length - longest + 1;
		let from = 0;
		let i = nextCandidate(bytes, 0, end);
		while (i !== -1) {
			const needle = needles.find((candidate) => startsWith(bytes, i, candidate));
			if (needle) {
				if (i > from) controller.enqueue(bytes.subarray(from, i));
				controller.enqueue(replacement);
				from = i + needle.length;
			}
			i = nextCandidate(bytes, needle ? from : i + 1, end);
		}
		const keep = Math.max(from, end);
		if (keep > from) controller.enqueue(bytes.subarray(from, keep));
		held = bytes.slice(keep);
	};
	return body.pipeThrough(new TransformStream({
		transform(chunk, controller) {
			let bytes = chunk;
			if (held.length) {
				bytes = new Uint8Array(held.length + chunk.length);
				bytes.set(held);
				bytes.set(chunk, held.length);
			}
			scan(bytes, false, controller);
		},
		flush(controller) {
			scan(held, true, controller);
		}
	}));
}
function startsWith(bytes, at, needle) {
	if (at + needle.length > bytes.length) return false;
	for (let j = 0; j < needle.length; j++) if (bytes[at + j] !== needle[j]) return false;
	return true;
}
