// falgen's runtime (runtime/internal/undici.ts), written by `falgen generate`. Do not edit.
// What Node's fetch (undici) needs that browsers do not. The runtime imports it as `#undici`: the
// package's `imports` map gives bundlers building for browsers undici.browser.ts instead (the
// "browser" condition), so browser pages carry none of it. Everything else (Node, Deno, Bun, edge
// runtimes) loads this one, where each function does nothing when its Node feature is missing.
/**
* What requests sent straight to fal add to their init. fal's API never redirects, so a redirect is
* refused as a network error rather than followed, and no request belongs to a window (no auth
* prompts): with both, fetch sends the request itself, where it otherwise copies every request,
* teeing its body, in case a redirect must be followed (Fetch standard, HTTP-network-or-cache
* fetch, step 8). That copy is a good part of each call's CPU and of its memory while in flight.
* Runtimes whose Request refuses `redirect: "error"` (Cloudflare Workers) get nothing added, and
* requests through `proxyUrl` still follow redirects: the proxy is the app's own route, which may
* redirect (a trailing slash, a moved path).
*/
export function directRequestInit() {
	const init = {
		redirect: "error",
		window: null
	};
	try {
		new Request("https://queue.fal.run", init);
		return init;
	} catch {
		return {};
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
/** Whether a rejected fetch provably never sent its request: its cause has one of undici's connection codes. */
export function neverSent(error) {
	return NEVER_SENT_CODE.test(String(error?.cause?.code));
}
