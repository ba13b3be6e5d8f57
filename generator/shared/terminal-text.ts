/**
 * The characters a terminal acts on or shows as nothing, as a regular expression character class
 * (by UTF-16 code unit): the C0 controls but newline and tab (ESC begins the sequences that clear
 * the screen, set the window title or write the clipboard; CR and BS overwrite what was shown), DEL
 * and the C1 controls (U+009B is CSI to some terminals); the bidirectional embeddings, overrides,
 * isolates and marks, which reorder what follows them ("Trojan Source"); line and paragraph
 * separators; soft hyphen, zero-width space, word joiner, byte order mark and the other invisible
 * format characters, which hide inside a word; and Unicode's tag characters (U+E0000-U+E007F, by
 * their surrogates), invisible copies of ASCII. Zero-width joiner and non-joiner stay: emoji and
 * several scripts need them.
 */
export const UNSEEN_CHARACTERS = "[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u00ad\\u061c\\u180e\\u200b\\u200e\\u200f\\u2028-\\u202e\\u2060-\\u206f\\ufeff\\ufff9-\\ufffb]|\\udb40[\\udc00-\\udc7f]";

const UNSEEN = new RegExp(UNSEEN_CHARACTERS, "g");
const UNSEEN_OR_LINE_BREAK = new RegExp(`${UNSEEN_CHARACTERS}|[\\n\\t]`, "g");

/**
 * `text` safe to write to a terminal: every character of `UNSEEN_CHARACTERS` shown as its escape
 * (`\u001b`, a tag character as its two surrogates), so nothing in it acts on the terminal or
 * hides, and what was there stays visible. Newlines and tabs stay (messages of several lines; a
 * CR before a newline is dropped: a file's CRLF line ends), unless `oneLine` (a line of a list,
 * which a name holding a newline could otherwise forge more of). Inside JSON text the escapes are
 * JSON's own: the text parses to the same value.
 */
export function terminalText(text: string, { oneLine = false }: { oneLine?: boolean } = {}): string {
  return text.replace(/\r\n/g, "\n").replace(oneLine ? UNSEEN_OR_LINE_BREAK : UNSEEN, (found) => Array.from({ length: found.length }, (_, i) => `\\u${found.charCodeAt(i).toString(16).padStart(4, "0")}`).join(""));
}
