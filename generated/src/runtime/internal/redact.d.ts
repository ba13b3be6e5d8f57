// falgen's runtime (runtime/internal/redact.ts), written by `falgen generate`. Do not edit.
// The keys this process has sent, so that an error built from what a server answered never repeats
// one it echoed back (a hostile or broken server, a debugging proxy). Module state, not per client:
// an error is built far from the client that sent the request, and scrubbing every known key is
// only safer. Bounded, as a credentials function may rotate keys.
/** What a key is replaced with. */
export declare const REDACTED = "[redacted]";
/** The keys this process has sent (see `redact`), for server-side code that looks for their encoded forms. */
export declare function sentKeyList(): string[];
/** Records `key` as sent (see `redact`) and returns it. */
export declare function rememberKey(key: string): string;
/**
* The strings of a key no text may hold: the whole key, then its secret (after the first ":"), so
* that an echo of either becomes `[redacted]`. Each only from 8 characters on (fal's keys are
* dozens): a short test key such as "k" would otherwise garble every message that holds its letters.
*/
export declare function secretsOf(key: string): string[];
/** `text` with every key this process has sent replaced by `[redacted]`. */
export declare function redact(text: string): string;
