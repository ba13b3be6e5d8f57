// falgen's runtime (runtime/validator.ts), written by `falgen generate`. Do not edit.
import type { StandardSchemaV1 } from "./standard-schema.js";
import type { FieldError } from "./errors.js";
/**
* A JSON Schema object: draft 07 as fal's documents write it, plus OpenAPI's `nullable`. The schemas
* an endpoint's `inputSchema` and `outputSchema` refer to are bundled under their `$defs`
* (`{"$ref": "#/$defs/<name>"}`), so each is complete on its own.
*/
export type JsonSchema = {
	readonly [keyword: string]: unknown;
};
/**
* An endpoint's input validator: a Standard Schema v1 object (`validator["~standard"].validate(value)`,
* its issues' `path` the field's path) that also lists fal's own 422 field errors. Pass it as a
* call's `validate` option or in `createFalClient({ validators })`.
*/
export interface InputValidator<T> extends StandardSchemaV1<T> {
	/** The endpoint whose input it checks. */
	readonly endpointId: string;
	/** The errors fal's 422 `detail` would list for `value` (each `loc` starting with "body"); [] when it is valid. */
	readonly fieldErrors: (value: unknown) => FieldError[];
}
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
