// falgen's runtime (runtime/validator.ts), written by `falgen generate`. Do not edit.
import type { InputValidator, JsonSchema } from "./index.js";
/**
* The validator of one endpoint's input; `schema` holds validation keywords only (the generator
* strips descriptions and examples), each `$ref` the bare name of a schema under its `$defs`. Errors follow fal (pydantic): the same
* `loc`, `type` and wording as its 422 for the keywords fal's documents use; a failed union reports
* the errors of the branch of the value's type, or one `union_tag_invalid` when no branch has it.
* A value nested deeper than 512 levels gets one `value_error` at the first too-deep place, never
* a thrown stack overflow.
*/
export declare function createValidator<T>(endpointId: string, schema: JsonSchema): InputValidator<T>;
/** A value as pydantic quotes it in its messages (`'png'`, `3`); the simulator's 422s use it too. */
export declare function literal(value: unknown): string;
/** Values as pydantic lists them in its messages (`'jpeg' or 'png'`); the simulator's 422s use it too. */
export declare function listOf(values: unknown[]): string;
