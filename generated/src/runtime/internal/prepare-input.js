// falgen's runtime (runtime/internal/prepare-input.ts), written by `falgen generate`. Do not edit.
import { FalError } from "../errors.js";
import { checkInput } from "./check-input.js";
import { tooDeepAt, tooDeepMessage } from "./input-depth.js";
/**
* What every call that sends an input (submit, subscribe, run, stream) does first: refuses an input
* nested too deep, checks it when the call asks (see `checkInput`; before anything is sent, uploads
* included), then hands it to `files`. Returns the promise `files` returns, or undefined when the
* input goes as it is: the usual case, which so costs no copy and no wait.
* @throws {FalError} when `input` nests arrays and objects more than 512 levels deep (naming where).
*/
export function prepareInput(client, endpointId, input, options, signal, files) {
	// Every walk below (and JSON.stringify when sending) recurses: refuse a too-deep input before any of them.
	const deep = tooDeepAt(input);
	if (deep) throw new FalError(`Invalid input for ${endpointId}, nothing was sent: input ${tooDeepMessage(deep)}`);
	const check = (value) => checkInput(client, endpointId, options.validate, value);
	if (files) return files(client, input, signal, check);
	check(() => input);
	return undefined;
}
