// falgen's runtime (runtime/server/redact-stream.ts), written by `falgen generate`. Do not edit.
import { REDACTED } from "../internal/redact.js";
import { keyForms } from "./key-forms.js";
const encoder = new TextEncoder();
/**
* `body` with every occurrence of `key` in any of its forms (its secret, other letter case, hex,
* base64: see `keyForms`) replaced by `[redacted]`, as it streams: the proxy's answers never carry
* its key, even when upstream echoes it. Bytes are compared, not text: a key is printable ASCII,
* whose bytes never occur inside a UTF-8 sequence, and any other bytes (binary, invalid UTF-8)
* pass through unchanged. A chunk's last bytes that might begin a key are held back until the
* next chunk (or the end) decides.
*/
export function redactStream(body, key) {
	// Lower-cased and longest first (see `keyForms`): the first to match at a place is the longest.
	const needles = keyForms(key).map((form) => encoder.encode(form));
	const replacement = encoder.encode(REDACTED);
	const longest = needles[0]?.length ?? 0;
	// The needles that may start with each byte value, in either letter case: most bytes start none.
	const startingWith = Array.from({ length: 256 }, () => []);
	for (const needle of needles) for (const first of new Set([needle[0], upper(needle[0])])) startingWith[first].push(needle);
	let held = new Uint8Array(0);
	const scan = (bytes, final, controller) => {
		// Without `final`, a match may only start where the longest needle still fits.
		const end = final ? bytes.length : bytes.length - longest + 1;
		let from = 0;
		for (let i = 0; i < end; i++) {
			const candidates = startingWith[bytes[i]];
			if (candidates.length === 0) continue;
			let needle;
			for (let n = 0; n < candidates.length && !needle; n++) if (startsWith(bytes, i, candidates[n])) needle = candidates[n];
			if (!needle) continue;
			if (i > from) controller.enqueue(bytes.subarray(from, i));
			controller.enqueue(replacement);
			from = i + needle.length;
			i = from - 1;
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
/** Whether `bytes` holds the lower-case `needle` at `at`, in any ASCII letter case (its first byte is known to). */
function startsWith(bytes, at, needle) {
	if (at + needle.length > bytes.length) return false;
	for (let j = 1; j < needle.length; j++) if (lower(bytes[at + j]) !== needle[j]) return false;
	return true;
}
const lower = (byte) => byte >= 65 && byte <= 90 ? byte + 32 : byte;
const upper = (byte) => byte >= 97 && byte <= 122 ? byte - 32 : byte;
