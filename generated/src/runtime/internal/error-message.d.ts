// falgen's runtime (runtime/internal/error-message.ts), written by `falgen generate`. Do not edit.
import { type FalApiError } from "../errors.js";
/**
* fal's in-band error, as realtime frames and stream events carry it where a response status no
* longer can: `{type: "x-fal-error", error, reason}`, with FastAPI's field errors in `detail` for a
* bad input and the HTTP `status` it stands for, when known.
*/
export interface FalErrorMessage {
	type: "x-fal-error";
	error: string;
	reason?: string;
	detail?: unknown;
	status?: number;
}
export declare function isFalErrorMessage(message: unknown): message is FalErrorMessage;
/**
* The error a response with that status and body would be: a FalValidationError for field
* errors, else a FalApiError of `status` (400 when absent, as `@fal-ai/client` reports these),
* `errorType` the message's `error`.
*/
export declare function errorFromMessage(message: FalErrorMessage, requestId: string | undefined): FalApiError;
