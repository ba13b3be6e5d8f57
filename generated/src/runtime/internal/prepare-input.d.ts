// falgen's runtime (runtime/internal/prepare-input.ts), written by `falgen generate`. Do not edit.
import type { FalClient, ValidateOption } from "../index.js";
/**
* What an endpoint with file inputs does to its input before sending it (`uploadFiles`): calls
* `check` with the input as its schema sees it (each file standing for the URL it becomes) before
* anything is sent, then returns a promise of the input with its files replaced by URLs, or
* undefined when it holds none. A parameter of the calls rather than a step they always take: an
* endpoint module passes it only when its spec has `*_url`/`*_urls` fields, so a page calling only
* endpoints without them bundles no upload code.
*/
export type FileStep = (client: FalClient, input: unknown, signal: AbortSignal, check: (input: () => unknown) => void) => Promise<unknown> | undefined;
/**
* What every call that sends an input (submit, subscribe, run, stream) does first: refuses an input
* nested too deep, checks it when the call asks (see `checkInput`; before anything is sent, uploads
* included), then hands it to `files`. Returns the promise `files` returns, or undefined when the
* input goes as it is: the usual case, which so costs no copy and no wait.
* @throws {FalError} when `input` nests arrays and objects more than 512 levels deep (naming where).
*/
export declare function prepareInput(client: FalClient, endpointId: string, input: unknown, options: {
	validate?: ValidateOption | undefined;
}, signal: AbortSignal, files: FileStep | undefined): Promise<unknown> | undefined;
