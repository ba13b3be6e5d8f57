// falgen's runtime (runtime/internal/input-depth.ts), written by `falgen generate`. Do not edit.
/**
* How deep arrays and objects may nest in an input: deeper values are refused before anything
* walks them recursively (validation, the file scan, JSON.stringify), which would otherwise
* overflow the stack. fal's own parser stops far earlier than any real input goes.
*/
export const MAX_INPUT_DEPTH = 512;
/**
* The path (keys and indexes) of the first array or object nested deeper than
* {@link MAX_INPUT_DEPTH} levels in `value`, or undefined when none is. It recurses at most that
* deep, so it never overflows, and stops there, so a cyclic value ends too. Runs before every
* send: it allocates nothing but each object's key list, and the path only on the way back from
* a value too deep.
*/
export function tooDeepAt(value, depth = 0) {
	if (value === null || typeof value !== "object" || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return undefined;
	if (depth >= MAX_INPUT_DEPTH) return [];
	const keys = Array.isArray(value) ? value.keys() : Object.keys(value);
	for (const key of keys) {
		const path = tooDeepAt(value[key], depth + 1);
		if (path) {
			path.unshift(key);
			return path;
		}
	}
	return undefined;
}
/** The message for a value {@link tooDeepAt} found too deep: what, and where (its first six keys, "…" after them when there are more). */
export function tooDeepMessage(path) {
	return `nested more than ${MAX_INPUT_DEPTH} levels deep at ${path.slice(0, 6).join(".")}${path.length > 6 ? "…" : ""}`;
}
