import { encodePointer, getAtPointer } from "../shared/json-pointer.js";
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
 * Refs must be local ("#/...") and resolve; chains of bare refs must end at a real schema
 * (A -> B -> A names no type at all, and would send any consumer into a loop).
 */
export function checkRefs(document: unknown, findings: Finding[]): void {
  for (const { at, ref } of collectRefs(document)) {
    if (!ref.startsWith("#/")) {
      findings.push({ pointer: `${at}/$ref`, reason: `only local refs ("#/...") are supported, found ${JSON.stringify(ref)}` });
    } else if (getAtPointer(document, ref.slice(1)) === undefined) {
      findings.push({ pointer: `${at}/$ref`, reason: `unresolved $ref ${ref}: nothing is defined at that pointer` });
    }
  }
  const schemas = getAtPointer(document, "/components/schemas");
  if (!isPlainObject(schemas)) return;
  for (const name of Object.keys(schemas)) {
    const chain = [`#/components/schemas/${name}`];
    let node = schemas[name];
    while (isPlainObject(node) && typeof node.$ref === "string" && node.$ref.startsWith("#/")) {
      if (chain.includes(node.$ref)) {
        findings.push({
          pointer: encodePointer(["components", "schemas", name]),
          reason: `ref cycle that never reaches a schema: ${[...chain, node.$ref].join(" -> ")}`,
        });
        break;
      }
      chain.push(node.$ref);
      node = getAtPointer(document, node.$ref.slice(1));
    }
  }
}
