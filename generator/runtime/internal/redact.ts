// The keys this process has sent, so that an error built from what a server answered never repeats
// one it echoed back (a hostile or broken server, a debugging proxy). Module state, not per client:
// an error is built far from the client that sent the request, and scrubbing every known key is
// only safer. Bounded, as a credentials function may rotate keys.
const sentKeys = new Set<string>();
const MAX_KEYS = 8;

/** What a key is replaced with. */
export const REDACTED = "[redacted]";

/** The keys this process has sent (see `redact`), for server-side code that looks for their encoded forms. */
export function sentKeyList(): string[] {
  return [...sentKeys];
}

/** Records `key` as sent (see `redact`) and returns it. */
export function rememberKey(key: string): string {
  if (!sentKeys.has(key)) {
    sentKeys.add(key);
    if (sentKeys.size > MAX_KEYS) sentKeys.delete(sentKeys.values().next().value as string);
  }
  return key;
}

/**
 * The strings of a key no text may hold: the whole key, then its secret (after the first ":"), so
 * that an echo of either becomes `[redacted]`. Each only from 8 characters on (fal's keys are
 * dozens): a short test key such as "k" would otherwise garble every message that holds its letters.
 */
export function secretsOf(key: string): string[] {
  return [key, key.slice(key.indexOf(":") + 1)].filter((secret, i, all) => secret.length >= 8 && all.indexOf(secret) === i);
}

/** `text` with every key this process has sent replaced by `[redacted]`. */
export function redact(text: string): string {
  // Longest first: one key's secret may be part of another key, and scrubbing it first would
  // leave the rest of the longer key in the text.
  for (const secret of [...sentKeys].flatMap(secretsOf).sort((a, b) => b.length - a.length)) text = text.replaceAll(secret, REDACTED);
  return text;
}
