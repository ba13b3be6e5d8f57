// falgen's runtime (runtime/standard-schema.ts), written by `falgen generate`. Do not edit.
// The Standard Schema v1 interface (https://standardschema.dev), the part a validator implements.
// Copied rather than imported from @standard-schema/spec, as the spec invites: the package then has
// no dependency for it, and a consumer's type-check loads these few lines instead of the spec's
// whole 6 kB declaration file (every typed and JSON Schema variant). Structurally the same type, so
// `StandardSchemaV1.InferOutput` of the spec's own package works on `inputValidator`.
export {};
