import { redact, redactKey } from "../runtime/internal/redact.js";

/**
 * `text` with fal's keys replaced by `[redacted]`, for everything a falgen command prints: every
 * key this process sent (the runtime's `redact`), and the ones in its environment (`FAL_KEY`;
 * `FAL_KEY_ID:FAL_KEY_SECRET` and `FAL_KEY_SECRET`), which a config file that throws may have put
 * in its message before any key was sent.
 */
export function redactKeys(text: string): string {
  const { FAL_KEY, FAL_KEY_ID, FAL_KEY_SECRET } = process.env;
  for (const key of [FAL_KEY, FAL_KEY_ID && FAL_KEY_SECRET ? `${FAL_KEY_ID.trim()}:${FAL_KEY_SECRET.trim()}` : undefined, FAL_KEY_SECRET]) {
    if (key) text = redactKey(text, key.trim());
  }
  return redact(text);
}
