// falgen's runtime (runtime/standard-schema.ts), written by `falgen generate`. Do not edit.
// The Standard Schema v1 interface (https://standardschema.dev), the part a validator implements.
// Copied rather than imported from @standard-schema/spec, as the spec invites: the package then has
// no dependency for it, and a consumer's type-check loads these few lines instead of the spec's
// whole declaration file (every typed and JSON Schema variant, in namespaces). Structurally the same
// type (`| undefined` where the spec has it, for exactOptionalPropertyTypes), so the spec's own `StandardSchemaV1.InferOutput` works on `inputValidator`.
/** A validator any Standard Schema v1 consumer (form libraries, tRPC, ...) accepts. */
export interface StandardSchemaV1<
	Input = unknown,
	Output = Input
> {
	readonly "~standard": {
		readonly version: 1;
		readonly vendor: string;
		/** `{ value }` when the value is valid, else `{ issues }`, each with where in the value (property names and array indices). */
		readonly validate: (value: unknown, options?: {
			readonly libraryOptions?: Record<string, unknown> | undefined;
		} | undefined) => StandardResult<Output> | Promise<StandardResult<Output>>;
		readonly types?: {
			readonly input: Input;
			readonly output: Output;
		} | undefined;
	};
}
/** What `validate` of a Standard Schema v1 validator returns. */
export type StandardResult<Output> = {
	readonly value: Output;
	readonly issues?: undefined;
} | {
	readonly issues: ReadonlyArray<{
		readonly message: string;
		readonly path?: ReadonlyArray<PropertyKey | {
			readonly key: PropertyKey;
		}> | undefined;
	}>;
};
