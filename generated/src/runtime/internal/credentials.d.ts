// falgen's runtime (runtime/internal/credentials.ts), written by `falgen generate`. Do not edit.
import type { Credentials } from "../index.js";
/**
* The key to send: the given credentials (a function's answer, awaited), checked as `checkedKey`
* checks it. Rejects with a FalError, which never contains the key, when there is none, it is
* unusable, or a credentials function failed: then its message does not repeat the function's,
* which may hold the key (`cause` keeps it), and the call is not retried.
*/
export declare function resolveCredentials(credentials: Credentials | undefined): Promise<string>;
/**
* `key`, else `FAL_KEY`, else `FAL_KEY_ID` and `FAL_KEY_SECRET` joined by ":", with surrounding
* whitespace (a file's trailing newline) trimmed. Throws a FalError, which never contains the key,
* when there is none or it holds a control or non-ASCII character (it would break the header, and
* fetch would quote it in its error).
*/
export declare function checkedKey(key: string | undefined): string;
