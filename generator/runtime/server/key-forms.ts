import { REDACTED, secretsOf } from "../internal/redact.js";

/**
 * The forms in which a server may echo `key`, lower-cased, longest first: the key and its secret
 * (see `secretsOf`) as they are, percent-encoded (a URL that carries it: every byte, or as
 * `encodeURIComponent` writes it), in hex, and in base64 and base64url (a logged `Authorization`
 * header, a token that wraps the key), each at the three byte alignments a base64 stream may hold
 * it at. Of a base64 form, only the characters made of the secret's own bits: the one or two at
 * each end also hold the bytes around it. Each is to be matched regardless of ASCII case (an echo
 * in capitals); for a base64 form that only widens the match, never to text of its own.
 */
export function keyForms(key: string): string[] {
  const forms = secretsOf(key).flatMap((secret) => {
    const bytes = new TextEncoder().encode(secret);
    const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
    const base64 = [0, 1, 2].map((offset) => {
      const encoded = btoa(String.fromCharCode(...new Uint8Array(offset), ...bytes));
      // Character i holds bits [6i, 6i + 6) of the stream; the secret's are [8 * offset, 8 * (offset + length)).
      return encoded.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + bytes.length)) / 6));
    });
    const percent = hex.replace(/../g, "%$&");
    return [secret, percent, encodeURIComponent(secret), hex, ...base64, ...base64.map((form) => form.replaceAll("+", "-").replaceAll("/", "_"))];
  });
  return [...new Set(forms.map((form) => form.toLowerCase()))].sort((a, b) => b.length - a.length);
}

/**
 * A pattern (global, ignoring case) of every form of every one of `keys` (see `keyForms`), longest
 * first. `gap`, a regular expression character class, may occur between any two characters of a
 * form: for text shown on a terminal, characters it shows as nothing could split a key otherwise.
 */
export function keyFormsPattern(keys: readonly string[], gap = ""): RegExp | undefined {
  const forms = [...new Set(keys.flatMap(keyForms))].sort((a, b) => b.length - a.length);
  if (forms.length === 0) return undefined;
  const between = gap ? `${gap}*` : "";
  const source = forms.map((form) => Array.from(form, (char) => char.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&")).join(between)).join("|");
  return new RegExp(source, "gi");
}

/** `text` with every form of `key` (see `keyForms`) replaced by `[redacted]`. */
export function redactKeyForms(text: string, key: string): string {
  const pattern = keyFormsPattern([key]);
  return pattern ? text.replace(pattern, REDACTED) : text;
}
