// falgen's runtime (runtime/internal/environment.browser.ts), written by `falgen generate`. Do not edit.
// `#environment` as browser pages get it (the "browser" condition of the package's `imports` map):
// a page has no process environment, so a key comes only from `credentials` (or the proxy adds it).
import type * as environment from "./environment.js";
/** No key: a page has no environment to read one from. */
export declare const environmentKey: typeof environment.environmentKey;
