import { resolveCredentials } from "./credentials.js";
import { appPath } from "./endpoint-id.js";
import { TARGET_URL_HEADER } from "./http.js";
// Request routes under an app or endpoint: result (GET), status and its stream (GET), cancel (PUT).
const REQUEST_ROUTE = /^\/(.+)\/requests\/[\w-]+(\/status(?:\/stream)?|\/cancel)?$/;
// Forwarded request headers; cookies and the caller's own Authorization stay behind.
const FORWARDED_HEADER = /^(content-type|accept|x-fal-.*)$/i;
// Hop-by-hop or invalidated by fetch's decompression.
const DROPPED_RESPONSE_HEADERS = ["connection", "content-encoding", "content-length", "keep-alive", "set-cookie", "transfer-encoding"];
/**
 * A handler for fetch-style servers (`(Request) => Promise<Response>`) that lets browsers use a
 * FalClient created with `proxyUrl`: it forwards to the URL in `x-fal-target-url` with the server's
 * key, but only submits to `allowedEndpoints`, their requests' status/result/cancel, their `run`
 * and `stream` calls, and storage uploads. Anything else is refused with 403 `{detail}`.
 */
export function createProxyHandler(options) {
    const queue = new URL(options.queueUrl ?? "https://queue.fal.run");
    const storage = new URL(options.storageUrl ?? "https://rest.fal.ai");
    const runHost = new URL(options.runUrl ?? "https://fal.run");
    const submittable = new Set(options.allowedEndpoints);
    const readable = new Set(options.allowedEndpoints.flatMap((id) => [id, appPath(id)]));
    const send = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    const isAllowed = (target, method) => {
        // `run` and `stream` of an allowed endpoint (checked first: the run host may sit below the queue's).
        const runPath = pathWithin(target, runHost);
        if (runPath !== undefined) {
            const id = runPath.slice(1);
            return method === "POST" && (submittable.has(id) || (id.endsWith("/stream") && submittable.has(id.slice(0, -"/stream".length))));
        }
        const queuePath = pathWithin(target, queue);
        if (queuePath !== undefined) {
            if (method === "POST")
                return submittable.has(queuePath.slice(1));
            const route = REQUEST_ROUTE.exec(queuePath);
            return route !== null && readable.has(route[1] ?? "") && method === (route[2] === "/cancel" ? "PUT" : "GET");
        }
        return method === "POST" && pathWithin(target, storage) === "/storage/upload/initiate";
    };
    return async (request) => {
        const target = parseUrl(request.headers.get(TARGET_URL_HEADER));
        // A URL with user info would make fetch throw; refuse it like any other odd target.
        if (!target || target.username || target.password)
            return forbidden(`Missing or invalid ${TARGET_URL_HEADER} header`);
        if (!isAllowed(target, request.method))
            return forbidden(`${request.method} ${target.origin}${target.pathname} is not allowed by this proxy`);
        const headers = new Headers();
        request.headers.forEach((value, name) => {
            if (FORWARDED_HEADER.test(name) && name !== TARGET_URL_HEADER)
                headers.set(name, value);
        });
        headers.set("authorization", `Key ${await resolveCredentials(options.credentials)}`);
        const hasBody = request.method !== "GET" && request.method !== "HEAD";
        const upstream = await send(target, {
            method: request.method,
            headers,
            body: hasBody ? await request.arrayBuffer() : undefined,
            signal: request.signal,
        });
        const responseHeaders = new Headers(upstream.headers);
        for (const name of DROPPED_RESPONSE_HEADERS)
            responseHeaders.delete(name);
        return new Response(upstream.body, { status: upstream.status, statusText: upstream.statusText, headers: responseHeaders });
    };
}
/** The path of `url` below `base` ("/..."), or undefined when `url` is elsewhere. */
function pathWithin(url, base) {
    const prefix = base.pathname.replace(/\/+$/, "");
    if (url.origin !== base.origin || !url.pathname.startsWith(`${prefix}/`))
        return undefined;
    return url.pathname.slice(prefix.length);
}
function parseUrl(value) {
    try {
        return value ? new URL(value) : undefined;
    }
    catch {
        return undefined;
    }
}
function forbidden(detail) {
    return new Response(JSON.stringify({ detail }), { status: 403, headers: { "content-type": "application/json" } });
}
//# sourceMappingURL=proxy.js.map