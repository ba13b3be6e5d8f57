// falgen's runtime (runtime/internal/check-input.ts), written by `falgen generate`. Do not edit.
import type { FalClient, ValidateOption } from "../index.js";
/**
* Throws, before anything is sent, when the call asks for validation and `input()` (the input with
* its files standing in as URLs) is invalid: a FalValidationError with the field errors fal's 422
* would list. A `validate: true` with no validator registered for the endpoint throws a FalError
* saying how to register one. This file never refers to a validator's code or a schema, so a
* program that never validates bundles neither.
*/
export declare function checkInput(client: FalClient, endpointId: string, validate: ValidateOption | undefined, input: () => unknown): void;
