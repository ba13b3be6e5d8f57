// falgen's runtime (runtime/internal/undici.browser.ts), written by `falgen generate`. Do not edit.
// `#undici` as browsers get it (the "browser" condition of the package's `imports` map): their fetch has none of what that
// file works around, so each function does what undici.ts does where its Node feature is missing.
/** Nothing added: a browser fetch copies no request to follow redirects it never gets. */
export const directRequestInit = () => ({});
/** Nothing to wait for: browsers pool connections themselves. */
export const connectionFreed = () => undefined;
/** Never provable: a browser's failed fetch is a bare TypeError, without a cause or code. */
export const neverSent = () => false;
