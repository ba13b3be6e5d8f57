import { dereference, validate, type Schema } from "@cfworker/json-schema";
import { getAtPointer } from "../shared/json-pointer.js";
import { toJsonSchemaDocument } from "./json-schema.js";

/** Whether values are valid against the schemas of one document, named by JSON pointer. */
export interface SchemaCheck {
  /** The document the pointers point into, as JSON Schema 2020-12 (see toJsonSchemaDocument). */
  readonly document: object;
  /** Whether `value` is valid against the schema at `pointer` (e.g. `/components/schemas/FluxDevInput`). */
  isValid(pointer: string, value: unknown): boolean;
}

/**
 * A SchemaCheck for generation time, where each document is checked a few times only: an
 * interpreting validator (@cfworker/json-schema) costs nothing up front, where compiling the
 * schemas with ajv (as the simulator does, for its many requests and its 422 details) would cost
 * more than emitting the endpoint. Same dialect, same rewritten document.
 */
export function createSchemaCheck(openApiDocument: object): SchemaCheck {
  // Only the schemas: the validator annotates what it indexes, and they are fresh copies.
  const converted = toJsonSchemaDocument(openApiDocument) as { components?: { schemas?: unknown } };
  const document = { components: { schemas: converted.components?.schemas ?? {} } };
  const lookup = dereference(document as Schema);
  return {
    document,
    isValid(pointer, value) {
      const schema = getAtPointer(document, pointer);
      if (schema === undefined) return false;
      return validate(value, schema as Schema, "2020-12", lookup, true).valid;
    },
  };
}
