// falgen's runtime (runtime/endpoint-id.ts), written by `falgen generate`. Do not edit.
/**
* fal's endpoint-id rule, in the one place the runtime, the proxy, the generator and the simulator
* read it from: an id is `owner/app[/path...]`, or `namespace/owner/app[/path...]` for fal's
* `workflows` and `comfy` namespaces (as `@fal-ai/client`'s `parseEndpointId` reads them). A queued
* request's status, result and cancel live under the app (`[namespace/]owner/app/requests/<id>`),
* whatever the full id.
*/
/** fal's namespaces: an id starting with one of these has three segments before its path. */
export const ENDPOINT_NAMESPACES = ["workflows", "comfy"];
/** Whether an id's first segment is a namespace: the one test both functions below make. */
const isNamespace = (segment) => ENDPOINT_NAMESPACES.includes(segment ?? "");
/** Splits an endpoint id into its parts (no validation: see the generator's `parseEndpointId`). */
export function splitEndpointId(endpointId) {
	const segments = endpointId.split("/");
	const namespace = isNamespace(segments[0]) ? segments.shift() : undefined;
	const [owner = "", app = "", ...path] = segments;
	return namespace === undefined ? {
		owner,
		app,
		path
	} : {
		namespace,
		owner,
		app,
		path
	};
}
/**
* `[namespace/]owner/app`: the part of an endpoint id that a queued request's URLs hang off. Its
* own two lines rather than a join of splitEndpointId's parts: every queue page bundles it.
*/
export function appPath(endpointId) {
	const segments = endpointId.split("/");
	return segments.slice(0, isNamespace(segments[0]) ? 3 : 2).join("/");
}
