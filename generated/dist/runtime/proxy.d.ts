import { type Credentials } from "./credentials.js";
export interface ProxyHandlerOptions {
    /** Endpoint ids the proxy may submit to (and whose requests it may read and cancel). */
    allowedEndpoints: string[];
    /** Defaults to FAL_KEY (or FAL_KEY_ID and FAL_KEY_SECRET) of the server. */
    credentials?: Credentials;
    /** @default "https://queue.fal.run" */
    queueUrl?: string;
    /** @default "https://rest.fal.ai" */
    storageUrl?: string;
    /** Where `run` and `stream` go. @default "https://fal.run" */
    runUrl?: string;
    fetch?: typeof fetch;
}
/**
 * A handler for fetch-style servers (`(Request) => Promise<Response>`) that lets browsers use a
 * FalClient created with `proxyUrl`: it forwards to the URL in `x-fal-target-url` with the server's
 * key, but only submits to `allowedEndpoints`, their requests' status/result/cancel, their `run`
 * and `stream` calls, and storage uploads. Anything else is refused with 403 `{detail}`.
 */
export declare function createProxyHandler(options: ProxyHandlerOptions): (request: Request) => Promise<Response>;
//# sourceMappingURL=proxy.d.ts.map