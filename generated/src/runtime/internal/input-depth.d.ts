// falgen's runtime (runtime/internal/input-depth.ts), written by `falgen generate`. Do not edit.
/**
* How deep arrays and objects may nest in an input: deeper values are refused before anything
* walks them recursively (validation, the file scan, JSON.stringify), which would otherwise
* overflow the stack. fal's own parser stops far earlier than any real input goes.
*/
export declare const MAX_INPUT_DEPTH = 512;
/**
* The path (keys and indexes) of the first array or object nested deeper than
* {@link MAX_INPUT_DEPTH} levels in `value`, or undefined when none is. It recurses at most that
* deep, so it never overflows, and stops there, so a cyclic value ends too. Runs before every
* send: it allocates nothing but each object's key list, and the path only on the way back from
* a value too deep.
*/
export declare function tooDeepAt(value: unknown, depth?: number): (string | number)[] | undefined;
/** The message for a value {@link tooDeepAt} found too deep: what, and where (its first six keys, "…" after them when there are more). */
export declare function tooDeepMessage(path: readonly (string | number)[]): string;
