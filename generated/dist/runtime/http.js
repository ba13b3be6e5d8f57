import { createQuerySerializer, defaultBodySerializer } from "openapi-fetch";
import { abortError, fetchSignal } from "./abort.js";
import { apiErrorFromResponse, FalError, FalNetworkError } from "./errors.js";
import { backoff } from "./retry.js";
/** The header a proxy reads the real destination from. */
export const TARGET_URL_HEADER = "x-fal-target-url";
/** Adds `headers` (names lower-cased, undefined values skipped) to `target`, replacing what it had under the same names. */
export function addHeaders(target, headers) {
    for (const name in headers) {
        const value = headers[name];
        if (value !== undefined)
            target[name.toLowerCase()] = String(value);
    }
    return target;
}
// Pure: a program that never calls `callFal` (a realtime-only page) drops it and openapi-fetch.
const serializeQuery = /* @__PURE__ */ createQuerySerializer();
/**
 * Sends a call through the client (which adds the key, or routes it through the proxy). Query and
 * JSON body go through openapi-fetch's serialisers. Its typed-path client is not used: fal's paths
 * carry endpoint ids (whose slashes it would percent-encode), auth and proxying are a fetch
 * wrapper, and its request pipeline would more than double the runtime's bundle.
 */
export function callFal(client, { url, method = "GET", query, headers, body }, signal) {
    const search = query ? serializeQuery(query) : "";
    const json = body !== undefined;
    return client.send(search ? `${url}?${search}` : url, {
        method,
        headers: addHeaders(json ? { "content-type": "application/json" } : {}, headers),
        body: json ? defaultBodySerializer(body) : undefined,
        signal: fetchSignal(signal),
    });
}
/**
 * Sends a call (made anew per attempt) under a retry policy and returns its body: parsed JSON (or
 * text that is not JSON), or with `stream` the raw body. A rejected call becomes `requestError`,
 * an error response `apiErrorFromResponse`; `backoff` decides whether and when to try again.
 */
export async function send(retry, signal, idempotent, call, stream) {
    // The attempt loop is written out here, in the one function every call goes through, rather than
    // wrapped in a closure per call: one suspended function per request in flight, not three.
    for (let attempt = 0;; attempt++) {
        // Only a rejected call is a request error: one that throws before it sends stays what it is.
        const pending = call();
        try {
            let response;
            try {
                response = await pending;
            }
            catch (cause) {
                throw requestError(cause, signal);
            }
            if (stream && response.ok)
                return response.body;
            const body = parseBody(await response.text());
            if (!response.ok)
                throw apiErrorFromResponse(response, body);
            return body;
        }
        catch (error) {
            await backoff(retry, signal, idempotent, error, attempt);
        }
    }
}
/** Parsed JSON, or the text itself when it is not JSON. */
function parseBody(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return text;
    }
}
const setImmediateIfAny = globalThis.setImmediate;
/**
 * Resolves once the connection a response just ended on can carry another request: await it
 * before a request that follows a response at once. Node's fetch (undici) hands an HTTP/1.1
 * connection back to its pool only in the event-loop turn after the response ends (a
 * setImmediate), so a request sent sooner takes another connection, or opens a new one: with many
 * calls in flight, one more socket (and on fal's HTTPS, one more TLS handshake) per call. Where
 * there is no setImmediate (browsers pool connections themselves) nothing is awaited.
 */
export function connectionFreed() {
    return setImmediateIfAny && new Promise((resolve) => setImmediateIfAny(resolve));
}
// Connection-level failures before any byte left (Node/undici codes). Elsewhere nothing proves
// that, so those errors count as sent.
const NEVER_SENT_CODE = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH|UND_ERR_CONNECT_TIMEOUT)$/;
/** A fetch failure as a FalError: the abort reason when the call was aborted, else a FalNetworkError. */
export function requestError(error, signal) {
    if (signal.aborted)
        return abortError(signal);
    if (error instanceof FalError)
        return error;
    const cause = error?.cause;
    const message = error instanceof Error ? error.message : String(error);
    return new FalNetworkError(`Network error: ${message}${cause instanceof Error ? ` (${cause.message})` : ""}`, {
        cause: error,
        requestSent: !NEVER_SENT_CODE.test(String(cause?.code)),
    });
}
//# sourceMappingURL=http.js.map