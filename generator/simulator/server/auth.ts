/**
 * Checks `Authorization: Key <key>`. Returns the 401 detail, or undefined when the key is accepted.
 * The detail never contains the key.
 */
export function authFailure(header: string | undefined, keys: Set<string> | undefined): string | undefined {
  if (!header) return "Missing Authorization header: send `Authorization: Key <FAL_KEY>`";
  const match = /^Key\s+(\S.*)$/.exec(header.trim());
  if (!match) return "Invalid Authorization header: expected `Key <FAL_KEY>`";
  if (keys && !keys.has(match[1]!.trim())) return "Invalid API key";
  return undefined;
}
