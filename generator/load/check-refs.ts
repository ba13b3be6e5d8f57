import { decodePointer, encodePointer, getAtPointer } from "../shared/json-pointer.js";
import type { Finding } from "./check-schemas.js";
import { isPlainObject } from "../shared/plain-data.js";

/** Every `$ref` in the document with the pointer of the object holding it. */
export function collectRefs(document: unknown): { at: string; ref: string }[] {
  const refs: { at: string; ref: string }[] = [];
  const visit = (node: unknown, path: (string | number)[]) => {
    if (Array.isArray(node)) node.forEach((item, index) => visit(item, [...path, index]));
    else if (isPlainObject(node)) {
      if (typeof node.$ref === "string") refs.push({ at: encodePointer(path), ref: node.$ref });
      for (const [key, value] of Object.entries(node)) {
        // Examples are data: a "$ref" key inside one is not a reference.
        if (key === "example" || key === "examples" || key === "default" || key === "enum") continue;
        visit(value, [...path, key]);
      }
    }
  };
  visit(document, []);
  return refs;
}

/**
 * Refs must be local ("#/...") and resolve; and no schema may reach itself through `$ref`s and
 * the keywords that apply to the same value (see {@link checkSchemaCycles}).
 */
export function checkRefs(document: unknown, findings: Finding[]): void {
  const refs = collectRefs(document);
  let resolved = true;
  for (const { at, ref } of refs) {
    if (!ref.startsWith("#/")) {
      findings.push({ pointer: `${at}/$ref`, reason: `only local refs ("#/...") are supported, found ${JSON.stringify(ref)}` });
      resolved = false;
    } else if (getAtPointer(document, ref.slice(1)) === undefined) {
      findings.push({ pointer: `${at}/$ref`, reason: `unresolved $ref ${ref}: nothing is defined at that pointer` });
      resolved = false;
    }
  }
  if (resolved) checkSchemaCycles(document, refs.map(({ at }) => at), findings);
}

/**
 * Keywords whose schemas apply to the value itself (in-place applicators), not to a property or
 * an item of it: a schema that reaches itself through them alone (`X: {anyOf: [{$ref: X}, ...]}`,
 * `A: {allOf: [B]}, B: {oneOf: [A]}`, `A -> B -> A` by bare refs) defines a value by itself, which
 * TypeScript refuses (`type X = X | string` "circularly references itself") and which sends a
 * validator, the simulator and `falgen run` into endless recursion. Recursion through
 * `properties`, `items`, `additionalProperties` or `prefixItems` is a tree of values, and fine.
 */
const IN_PLACE_LISTS = ["allOf", "anyOf", "oneOf"] as const;
const IN_PLACE_SCHEMAS = ["not", "if", "then", "else"] as const;

/** The pointers of the schemas `schema` (at `at`) applies to the same value: its in-place subschemas and its $ref's target. */
function inPlaceEdges(schema: unknown, at: string): string[] {
  if (!isPlainObject(schema)) return [];
  const edges: string[] = [];
  if (typeof schema.$ref === "string" && schema.$ref.startsWith("#/")) edges.push(encodePointer(decodePointer(schema.$ref.slice(1))));
  for (const keyword of IN_PLACE_LISTS) {
    const members = schema[keyword];
    if (Array.isArray(members)) members.forEach((_, index) => edges.push(`${at}/${keyword}/${index}`));
  }
  for (const keyword of IN_PLACE_SCHEMAS) if (isPlainObject(schema[keyword])) edges.push(`${at}/${keyword}`);
  if (isPlainObject(schema.dependentSchemas)) for (const name of Object.keys(schema.dependentSchemas)) edges.push(`${at}/dependentSchemas/${encodePointer([name]).slice(1)}`);
  return edges;
}

/**
 * Finds each cycle of in-place edges (see {@link IN_PLACE_LISTS}), reported at the schema where it
 * is first met: components.schemas in document order, then any other schema holding a `$ref`
 * (every such cycle has one). Depth-first without recursion: a chain of thousands of schemas
 * cannot overflow the stack.
 */
function checkSchemaCycles(document: unknown, refHolders: readonly string[], findings: Finding[]): void {
  const schemas = getAtPointer(document, "/components/schemas");
  const starts = [...(isPlainObject(schemas) ? Object.keys(schemas).map((name) => encodePointer(["components", "schemas", name])) : []), ...refHolders];
  const done = new Set<string>();
  for (const start of starts) {
    if (done.has(start)) continue;
    // The current path, each node with the edges it has left to follow.
    const path: { at: string; edges: string[] }[] = [{ at: start, edges: inPlaceEdges(getAtPointer(document, start), start) }];
    const onPath = new Set([start]);
    while (path.length > 0) {
      const top = path[path.length - 1]!;
      const next = top.edges.shift();
      if (next === undefined) {
        path.pop();
        onPath.delete(top.at);
        done.add(top.at);
      } else if (onPath.has(next)) {
        const cycle = [...path.slice(path.findIndex((node) => node.at === next)).map((node) => node.at), next];
        findings.push({ pointer: next, reason: cycleReason(document, cycle) });
      } else if (!done.has(next)) {
        path.push({ at: next, edges: inPlaceEdges(getAtPointer(document, next), next) });
        onPath.add(next);
      }
    }
  }
}

function cycleReason(document: unknown, cycle: readonly string[]): string {
  const shown = cycle.length > 12 ? [...cycle.slice(0, 8), `... (${cycle.length - 10} more)`, ...cycle.slice(-2)] : cycle;
  const chain = shown.map((at) => (at.startsWith("/") ? `#${at}` : at)).join(" -> ");
  // Schema to schema by bare refs alone: no schema is ever named.
  const bare = cycle.slice(0, -1).every((at) => {
    const node = getAtPointer(document, at);
    return isPlainObject(node) && typeof node.$ref === "string" && !IN_PLACE_LISTS.some((keyword) => keyword in node) && !IN_PLACE_SCHEMAS.some((keyword) => keyword in node);
  });
  if (bare) return `ref cycle that never reaches a schema: ${chain}`;
  return `schema cycle that never reaches an object property or array item: ${chain}; a value of this schema would have to be a value of itself (allOf/anyOf/oneOf/not/if/then/else and $ref apply to the same value), which no TypeScript type or validator can follow; recurse through properties or items instead`;
}
