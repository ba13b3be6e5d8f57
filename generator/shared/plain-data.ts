/** Helpers for parsed JSON and YAML data that every stage (load, model, emit) and the commands share. */

/**
 * Sets `object[key]` as an own property, as JSON.parse would: a plain `object[key] = value` with
 * the key `__proto__` (a legal property name in a spec or a request) would set the prototype.
 */
export function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The own properties of every part, later ones winning (Object.assign without its `__proto__` setter). */
export function mergeOwn(...parts: Record<string, unknown>[]): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const part of parts) for (const [key, value] of Object.entries(part)) setOwn(merged, key, value);
  return merged;
}

/** An object that is not a list or null: what a JSON object parses to. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** A value as messages name it: "nothing", "a list", "an object", or its type and JSON ("string \"x\""). */
export function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  return `${typeof value} ${JSON.stringify(value)}`;
}
