// falgen's runtime (runtime/internal/check-input.ts), written by `falgen generate`. Do not edit.
import { FalError, FalValidationError } from "../errors.js";
/**
* Throws, before anything is sent, when the call asks for validation and `input()` (the input with
* its files standing in as URLs) is invalid: a FalValidationError with the field errors fal's 422
* would list. A `validate: true` with no validator registered for the endpoint throws a FalError
* saying how to register one. This file never refers to a validator's code or a schema, so a
* program that never validates bundles neither.
*/
export function checkInput(client, endpointId, validate, input) {
	const wanted = validate ?? client.validate;
	if (!wanted) return;
	const validator = wanted === true ? client.validators.find((candidate) => candidate.endpointId === endpointId) : wanted;
	if (validator?.endpointId !== endpointId) {
		throw new FalError(validator ? `validate: that is the validator of ${validator.endpointId}, not of ${endpointId}` : `validate: no validator registered for ${endpointId}; pass createFalClient({ validators: [endpoint.inputValidator] })`);
	}
	const fieldErrors = validator.fieldErrors(input());
	if (fieldErrors.length === 0) return;
	throw new FalValidationError(new Response(null, { status: 422 }), { detail: fieldErrors }, undefined, `Invalid input for ${endpointId}, nothing was sent`);
}
