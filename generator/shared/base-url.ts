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
  if (url.username !== "" || url.password !== "") {
    throw new InputError(`${flag}: the URL holds a user name or password, which falgen does not send; give the key in FAL_KEY and the URL without them`);
  }
  if (url.search !== "" || url.hash !== "") throw new InputError(`${flag} ${JSON.stringify(value)}: a base URL takes no query (?...) or fragment (#...); paths are appended to it`);
  return value;
}
