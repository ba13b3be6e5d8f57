// falgen's runtime (runtime/run.ts), written by `falgen generate`. Do not edit.
import { runScoped } from "./abort.js";
import { runBaseUrl } from "./client.js";
import { prepareInput } from "./files.js";
import { callFal, JSON_BODY, send } from "./http.js";
/**
* Calls the endpoint synchronously (`POST <runUrl>/<endpoint id>`, not queued) and returns its
* output with the request id fal answered with. File inputs are uploaded first. Once the request is
* sent it is never sent again: a dropped connection loses the result (use `subscribe` when that
* matters); only a request that provably never left is retried.
*/
export function run(client, endpointId, input, options = {}) {
	return runScoped(options, undefined, async (signal) => {
		const body = await withFileUrls(client, endpointId, input, options, signal);
		let requestId = "";
		// JSON_BODY: a success that is not JSON (a gateway's page) is a FalResponseError, never the output.
		const data = await send(client.retry, signal, false, () => runCall(client, endpointId, body, options, signal).then((response) => {
			requestId = response.headers.get("x-fal-request-id") ?? "";
			return response;
		}), false, JSON_BODY);
		return {
			data,
			requestId
		};
	});
}
/** The input, checked when asked, with its files uploaded (or inlined): done once, before the call, which may be resent. */
export async function withFileUrls(client, endpointId, input, options, signal) {
	return await prepareInput(client, endpointId, input, options, signal) ?? input;
}
/** One POST of `body` to `<runUrl>/<path>`: the request `run` and `stream` share. */
export function runCall(client, path, body, options, signal, accept) {
	return callFal(client, {
		url: `${runBaseUrl(client)}/${path}`,
		method: "POST",
		headers: {
			accept,
			"x-fal-request-timeout": options.startTimeout,
			...options.headers
		},
		body
	}, signal);
}
