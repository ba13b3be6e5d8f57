// falgen's runtime (runtime/internal/run-call.ts), written by `falgen generate`. Do not edit.
import { runBaseUrl } from "../client.js";
import { prepareInput } from "./prepare-input.js";
import { JSON_BODY, request } from "./request.js";
/** The input, checked when asked, through `files` (see `FileStep`): done once, before the call, which may be resent. */
export async function withFileUrls(client, endpointId, input, options, signal, files) {
	return await prepareInput(client, endpointId, input, options, signal, files) ?? input;
}
/**
* One POST of `body` to `<runUrl>/<path>`, the request `run` and `stream` share: never resent once
* it may have arrived (the endpoint runs, and bills, what it received). `onResponse` sees the
* response before its body is read. A success is its JSON (anything else is a FalResponseError),
* or with `stream` its raw body.
*/
export function runCall(client, path, body, options, signal, onResponse, stream) {
	return request(client, {
		url: `${runBaseUrl(client)}/${path}`,
		method: "POST",
		headers: {
			accept: stream ? "text/event-stream" : undefined,
			"x-fal-request-timeout": options.startTimeout,
			...options.headers
		},
		body,
		signal,
		idempotent: false,
		stream,
		reader: JSON_BODY,
		onResponse
	});
}
