import { redact, REDACTED } from "../runtime/internal/redact.js";
import { keyFormsPattern } from "../runtime/server/key-forms.js";
import { UNSEEN_CHARACTERS } from "./terminal-text.js";

/**
 * `text` with fal's keys replaced by `[redacted]`, for everything a falgen command prints: every
 * key this process sent (the runtime's `redact`), and the ones in its environment (`FAL_KEY`;
 * `FAL_KEY_ID:FAL_KEY_SECRET` and `FAL_KEY_SECRET`), which a config file that throws may have put
 * in its message before any key was sent. Those are found in every form a server may echo them in
 * (their secrets, other letter case, hex, base64: see `keyForms`), even with characters a
 * terminal shows as nothing between their letters.
 */
export function redactKeys(text: string): string {
  const pattern = environmentKeysPattern();
  return redact(pattern ? text.replace(pattern, REDACTED) : text);
}

// The pattern of the environment's keys, made again only when they change: `falgen run` redacts
// every string of an output, and a pattern takes a few dozen encodings to make.
let made: { keys: string; pattern: RegExp | undefined } | undefined;

function environmentKeysPattern(): RegExp | undefined {
  const { FAL_KEY, FAL_KEY_ID, FAL_KEY_SECRET } = process.env;
  const keys = [FAL_KEY, FAL_KEY_ID && FAL_KEY_SECRET ? `${FAL_KEY_ID.trim()}:${FAL_KEY_SECRET.trim()}` : undefined, FAL_KEY_SECRET].flatMap((key) => (key?.trim() ? [key.trim()] : []));
  const joined = keys.join("\n");
  if (made?.keys !== joined) made = { keys: joined, pattern: keyFormsPattern(keys, `(?:${UNSEEN_CHARACTERS})`) };
  return made.pattern;
}
