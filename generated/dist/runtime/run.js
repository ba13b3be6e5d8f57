import { runScoped } from "./abort.js";
import { replaceFileInputs } from "./files.js";
import { callFal, send } from "./http.js";
/**
 * Calls the endpoint synchronously (`POST <runUrl>/<endpoint id>`, not queued) and returns its
 * output with the request id fal answered with. File inputs are uploaded first. Once the request is
 * sent it is never sent again: a dropped connection loses the result (use `subscribe` when that
 * matters); only a request that provably never left is retried.
 */
export function run(client, endpointId, input, options = {}) {
    return runScoped(options, undefined, async (signal) => {
        const body = await withFileUrls(client, input, signal);
        let requestId = "";
        const data = await send(client.retry, signal, false, () => runCall(client, endpointId, body, options, signal).then((response) => {
            requestId = response.headers.get("x-fal-request-id") ?? "";
            return response;
        }));
        return { data, requestId };
    });
}
/** The input with its files uploaded (or inlined): done once, before the call, which may be resent. */
export async function withFileUrls(client, input, signal) {
    return (await replaceFileInputs(client, input, signal)) ?? input;
}
/** One POST of `body` to `<runUrl>/<path>`: the request `run` and `stream` share. */
export function runCall(client, path, body, options, signal, accept) {
    return callFal(client, { url: `${client.runUrl}/${path}`, method: "POST", headers: { accept, "x-fal-request-timeout": options.startTimeout, ...options.headers }, body }, signal);
}
//# sourceMappingURL=run.js.map