// The Standard Schema v1 interface (https://standardschema.dev), the part a validator implements.
// Copied rather than imported from @standard-schema/spec, as the spec invites: the package then has
// no dependency for it, and a consumer's type-check loads these few lines instead of the spec's
// whole 6 kB declaration file (every typed and JSON Schema variant). Structurally the same type, so
// `StandardSchemaV1.InferOutput` of the spec's own package works on `inputValidator`.

/** A validator any Standard Schema v1 consumer (form libraries, tRPC, ...) accepts. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly "~standard": StandardSchemaV1.Props<Input, Output>;
}

export declare namespace StandardSchemaV1 {
  interface Props<Input = unknown, Output = Input> {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown, options?: { readonly libraryOptions?: Record<string, unknown> | undefined } | undefined) => Result<Output> | Promise<Result<Output>>;
    readonly types?: { readonly input: Input; readonly output: Output } | undefined;
  }
  /** `{ value }` when the value is valid, else `{ issues }`. */
  type Result<Output> = { readonly value: Output; readonly issues?: undefined } | { readonly issues: ReadonlyArray<Issue> };
  interface Issue {
    readonly message: string;
    /** Where in the value: property names and array indices. */
    readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
  }
}
