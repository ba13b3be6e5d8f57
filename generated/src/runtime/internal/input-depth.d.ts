// falgen's runtime (runtime/internal/input-depth.ts), written by `falgen generate`. Do not edit.
/**
* How deep arrays and objects may nest in an input: deeper values are refused before anything
* walks them recursively (validation, the file scan, JSON.stringify), which would otherwise
* overflow the stack. fal's own parser stops far earlier than any real input goes.
*/
export declare const MAX_INPUT_DEPTH = 512;
/**
* The path (keys and indexes) of the first array or object nested deeper than
* {@link MAX_INPUT_DEPTH} levels in `value`, or undefined when none is. Walks with its own stack,
* so it never overflows, and stops at that depth, so a cyclic value ends too.
*/
export declare function tooDeepAt(value: unknown): (string | number)[] | undefined;
/** The message for a value {@link tooDeepAt} found too deep: what, and the start of where. */
export declare function tooDeepMessage(path: readonly (string | number)[]): string;
