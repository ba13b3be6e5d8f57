import type { Credentials } from "../index.js";
import { FalError } from "../errors.js";
import { rememberKey } from "./redact.js";
import { environmentKey } from "#environment";

/**
 * The key to send: the given credentials (a function's answer, awaited), checked as `checkedKey`
 * checks it. Rejects with a FalError, which never contains the key, when there is none, it is
 * unusable, or a credentials function failed: then its message does not repeat the function's,
 * which may hold the key (`cause` keeps it), and the call is not retried.
 */
export async function resolveCredentials(credentials: Credentials | undefined): Promise<string> {
  let key: string | undefined;
  try {
    key = await (typeof credentials === "function" ? credentials() : credentials);
  } catch (cause) {
    throw new FalError("The credentials function failed (see `cause`)", { cause });
  }
  return checkedKey(key);
}

/**
 * `key`, else `FAL_KEY`, else `FAL_KEY_ID` and `FAL_KEY_SECRET` joined by ":", with surrounding
 * whitespace (a file's trailing newline) trimmed. Throws a FalError, which never contains the key,
 * when there is none or it holds a control or non-ASCII character (it would break the header, and
 * fetch would quote it in its error).
 */
export function checkedKey(key: string | undefined): string {
  key = (key ?? environmentKey())?.trim();
  if (!key) {
    throw new FalError("No fal credentials: pass createFalClient({ credentials }), or set FAL_KEY");
  }
  // Visible ASCII only; the position (never the character or the key) says where to look.
  const bad = key.search(/[^\x21-\x7e]/);
  if (bad !== -1) {
    throw new FalError(`Invalid fal key: character ${bad + 1} is not printable ASCII`);
  }
  return rememberKey(key);
}
