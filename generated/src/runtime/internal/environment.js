// falgen's runtime (runtime/internal/environment.ts), written by `falgen generate`. Do not edit.
// Where a fal key may come from when no `credentials` are given: the process environment. The
// runtime imports it as `#environment`: the package's `imports` map gives bundlers building for
// browsers environment.browser.ts instead (the "browser" condition; a page has no environment),
// while Cloudflare Workers, Vercel's edge runtime and web workers, whose bundlers also resolve
// "browser", get this file through their own conditions listed before it.
/**
* `FAL_KEY`, else `FAL_KEY_ID` and `FAL_KEY_SECRET` joined by ":" (each trimmed: a file's trailing
* newline); undefined when neither is set or the environment cannot be read.
*/
export function environmentKey() {
	try {
		// `process` only exists on Node-like runtimes; Deno throws here without --allow-env.
		const env = globalThis.process?.env;
		return env?.FAL_KEY || (env?.FAL_KEY_ID && env.FAL_KEY_SECRET ? `${env.FAL_KEY_ID.trim()}:${env.FAL_KEY_SECRET.trim()}` : undefined);
	} catch {
		// No access to the environment: the caller must pass credentials.
		return undefined;
	}
}
