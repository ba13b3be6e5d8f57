// falgen's runtime (runtime/standard-schema.ts), written by `falgen generate`. Do not edit.
// The Standard Schema v1 interface (https://standardschema.dev), the part a validator implements.
// Copied rather than imported from @standard-schema/spec, as the spec invites: the package then has
// no dependency for it, and a consumer's type-check loads these few lines instead of the spec's
// whole declaration file (every typed and JSON Schema variant, in namespaces). Structurally the same
// type (`| undefined` where the spec has it, for exactOptionalPropertyTypes), so the spec's own `StandardSchemaV1.InferOutput` works on `inputValidator`.
export {};
