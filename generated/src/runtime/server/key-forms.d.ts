// falgen's runtime (runtime/server/key-forms.ts), written by `falgen generate`. Do not edit.
/**
* The forms in which a server may echo `key`, lower-cased, longest first: the key and its secret
* (see `secretsOf`) as they are, percent-encoded (a URL that carries it: every byte, or as
* `encodeURIComponent` writes it), in hex, and in base64 and base64url (a logged `Authorization`
* header, a token that wraps the key), each at the three byte alignments a base64 stream may hold
* it at. Of a base64 form, only the characters made of the secret's own bits: the one or two at
* each end also hold the bytes around it. Each is to be matched regardless of ASCII case (an echo
* in capitals); for a base64 form that only widens the match, never to text of its own.
*/
export declare function keyForms(key: string): string[];
/**
* A pattern (global, ignoring case) of every form of every one of `keys` (see `keyForms`), longest
* first. `gap`, a regular expression character class, may occur between any two characters of a
* form: for text shown on a terminal, characters it shows as nothing could split a key otherwise.
*/
export declare function keyFormsPattern(keys: readonly string[], gap?: string): RegExp | undefined;
/** `text` with every form of `key` (see `keyForms`) replaced by `[redacted]`. */
export declare function redactKeyForms(text: string, key: string): string;
