// falgen's runtime (runtime/endpoint-id.ts), written by `falgen generate`. Do not edit.
/**
* fal's endpoint-id rule, in the one place the runtime, the proxy, the generator and the simulator
* read it from: an id is `owner/app[/path...]`, or `namespace/owner/app[/path...]` for fal's
* `workflows` and `comfy` namespaces (as `@fal-ai/client`'s `parseEndpointId` reads them). A queued
* request's status, result and cancel live under the app (`[namespace/]owner/app/requests/<id>`),
* whatever the full id.
*/
/** fal's namespaces: an id starting with one of these has three segments before its path. */
export declare const ENDPOINT_NAMESPACES: readonly string[];
export interface EndpointIdParts {
	/** `workflows` or `comfy` when the id starts with one; otherwise absent. */
	namespace?: string;
	owner: string;
	app: string;
	/** Segments after the app; empty for a bare app. */
	path: string[];
}
/** Splits an endpoint id into its parts (no validation: see the generator's `parseEndpointId`). */
export declare function splitEndpointId(endpointId: string): EndpointIdParts;
/**
* `[namespace/]owner/app`: the part of an endpoint id that a queued request's URLs hang off. Its
* own two lines rather than a join of splitEndpointId's parts: every queue page bundles it.
*/
export declare function appPath(endpointId: string): string;
