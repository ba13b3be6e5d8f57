// falgen's runtime (runtime/internal/error-message.ts), written by `falgen generate`. Do not edit.
import { apiErrorFromResponse } from "../errors.js";
export function isFalErrorMessage(message) {
	return message?.type === "x-fal-error";
}
/**
* The error a response with that status and body would be: a FalValidationError for field
* errors, else a FalApiError of `status` (400 when absent, as `@fal-ai/client` reports these),
* `errorType` the message's `error`.
*/
export function errorFromMessage(message, requestId) {
	const { status, detail, error, reason } = message;
	const code = Array.isArray(detail) ? 422 : typeof status === "number" && status >= 400 && status <= 599 ? status : 400;
	const headers = { "x-fal-error-type": String(error) };
	if (requestId !== undefined) headers["x-fal-request-id"] = requestId;
	return apiErrorFromResponse(new Response(null, {
		status: code,
		headers
	}), detail === undefined ? {
		...message,
		detail: reason ? `${error}: ${reason}` : error
	} : message);
}
