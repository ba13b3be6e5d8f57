/**
 * How deep arrays and objects may nest in an input: deeper values are refused before anything
 * walks them recursively (validation, the file scan, JSON.stringify), which would otherwise
 * overflow the stack. fal's own parser stops far earlier than any real input goes.
 */
export const MAX_INPUT_DEPTH = 512;

/**
 * The path (keys and indexes) of the first array or object nested deeper than
 * {@link MAX_INPUT_DEPTH} levels in `value`, or undefined when none is. Walks with its own stack,
 * so it never overflows, and stops at that depth, so a cyclic value ends too.
 */
export function tooDeepAt(value: unknown): (string | number)[] | undefined {
  interface Step {
    value: unknown;
    depth: number;
    parent?: Step;
    key?: string | number;
  }
  const stack: Step[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const step = stack.pop()!;
    const current = step.value;
    if (current === null || typeof current !== "object" || ArrayBuffer.isView(current) || current instanceof ArrayBuffer) continue;
    if (step.depth >= MAX_INPUT_DEPTH) {
      const path: (string | number)[] = [];
      for (let at: Step | undefined = step; at?.parent; at = at.parent) path.unshift(at.key!);
      return path;
    }
    const entries: [string | number, unknown][] = Array.isArray(current) ? current.map((item, i) => [i, item]) : Object.entries(current);
    for (const [key, item] of entries) stack.push({ value: item, depth: step.depth + 1, parent: step, key });
  }
  return undefined;
}

/** The message for a value {@link tooDeepAt} found too deep: what, and the start of where. */
export function tooDeepMessage(path: readonly (string | number)[]): string {
  const shown = path.length > 6 ? [...path.slice(0, 3), "…", ...path.slice(-2)] : path;
  return `nested more than ${MAX_INPUT_DEPTH} levels deep (arrays and objects) at ${shown.join(".")}`;
}
