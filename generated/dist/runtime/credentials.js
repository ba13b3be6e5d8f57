import { FalError } from "./errors.js";
/**
 * The key to send: the given credentials, else `FAL_KEY`, else `FAL_KEY_ID` and `FAL_KEY_SECRET`
 * joined by ":". A promise only when the credentials are a function that returns one: a fixed key
 * costs no promise per request.
 */
export function resolveCredentials(credentials) {
    const key = typeof credentials === "function" ? credentials() : credentials;
    return typeof key === "string" || key === undefined ? keyOrEnvironment(key) : Promise.resolve(key).then(keyOrEnvironment);
}
function keyOrEnvironment(key) {
    try {
        // `process` only exists on Node-like runtimes; Deno throws here without --allow-env.
        const env = globalThis.process?.env;
        key ??= env?.FAL_KEY || (env?.FAL_KEY_ID && env.FAL_KEY_SECRET && `${env.FAL_KEY_ID}:${env.FAL_KEY_SECRET}`);
    }
    catch {
        // No access to the environment: the caller must pass credentials.
    }
    if (!key) {
        throw new FalError("No fal credentials: pass `credentials` to createFalClient, or set FAL_KEY (or FAL_KEY_ID and FAL_KEY_SECRET)");
    }
    return key;
}
//# sourceMappingURL=credentials.js.map