// `#undici` as browsers get it (the "browser" condition of the package's `imports` map): their
// fetch has none of what undici.ts works around, so each function does what undici.ts does where
// its Node feature is missing.
import type * as undici from "./undici.js";

/**
 * Nothing added: the init spares Node's fetch a copy of every request; a browser's fetch is native
 * code, and a page's requests normally go through `proxyUrl`, which gets nothing added anyway.
 */
export const directRequestInit: typeof undici.directRequestInit = () => ({});

/** Nothing to wait for: browsers pool connections themselves. */
export const connectionFreed: typeof undici.connectionFreed = () => undefined;

/** Never provable: a browser's failed fetch is a bare TypeError, without a cause or code. */
export const neverSent: typeof undici.neverSent = () => false;
