// falgen's runtime (runtime/internal/credentials.ts), written by `falgen generate`. Do not edit.
import type { Credentials } from "../index.js";
/**
* The key to send: the given credentials, else `FAL_KEY`, else `FAL_KEY_ID` and `FAL_KEY_SECRET`
* joined by ":", each with surrounding whitespace (a file's trailing newline) trimmed. A promise
* only when the credentials are a function that returns one: a fixed key costs no promise per
* request. Throws a FalError, which never contains the key, when there is none or it holds a
* control or non-ASCII character (it would break the header, and fetch would quote it in its error).
*/
export declare function resolveCredentials(credentials: Credentials | undefined): string | Promise<string>;
