import { InputError } from "../errors.js";

/**
 * `value` checked as the base URL a flag names (`--from`, `--queue-url`, ...): http(s), with no
 * user name or password (the message then never repeats the value, which would echo them) and no
 * query or fragment (paths are appended to it). Returns it unchanged.
 * @throws {InputError} naming the flag and what is wrong.
 */
export function checkedBaseUrl(flag: string, value: string, example: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) throw new InputError(`${flag} ${JSON.stringify(value)}: not an http(s) URL (e.g. ${example})`);
  refuseUserInfo(flag, url);
  if (url.search !== "" || url.hash !== "") throw new InputError(`${flag} ${JSON.stringify(value)}: a base URL takes no query (?...) or fragment (#...); paths are appended to it`);
  return value;
}

/**
 * Throws an InputError, which does not repeat the URL, when `url` holds a user name or password:
 * fetch refuses such a URL and quotes it whole in its error.
 */
export function refuseUserInfo(what: string, url: URL): void {
  if (url.username !== "" || url.password !== "") {
    throw new InputError(`${what}: the URL holds a user name or password, which falgen does not send; give the key in FAL_KEY and the URL without them`);
  }
}
