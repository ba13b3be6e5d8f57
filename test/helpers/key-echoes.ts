/**
 * A fal key and the ways a server may echo it encoded (base64 or base64url at any byte alignment,
 * as a logged `Authorization` header or a token would hold it; hex; percent-encoded; in other
 * letter case; split by characters a terminal shows as nothing), for the tests of what falgen's commands print and of
 * what the server-side proxy forwards.
 */

// "~" and "?" make base64's "+" and "/" (base64url's "-" and "_") in its encodings.
export const KEY = "KEYID-zq7:SECRET~zq7?zq7MARKER-0123";
export const SECRET = "SECRET~zq7?zq7MARKER-0123";

export const base64 = (text: string) => Buffer.from(text).toString("base64");

/**
 * Echoes of `KEY` and `SECRET`, each with the pattern of what may be left of it once redacted:
 * of a base64 form, the characters that also hold bytes around it (and padding); of the others,
 * nothing.
 */
export function echoes(): { name: string; text: string; left: RegExp }[] {
  const list: { name: string; text: string; left: RegExp }[] = [];
  const plain = /^echo \[redacted\] end$/;
  for (const [what, prefix, value] of [["key", "", KEY], ["secret", "", SECRET], ["key in an Authorization header", "Authorization: Key ", KEY]] as const) {
    // Bytes before and after put the value at each of base64's three alignments, and end it at each.
    for (const before of [prefix, `${prefix}a`, `${prefix}ab`]) {
      for (const after of ["", "z", "zz"]) {
        const left = new RegExp(`^echo [A-Za-z0-9+/_-]{0,${Math.ceil((before.length * 8) / 6)}}\\[redacted\\][A-Za-z0-9+/_=-]{0,${Math.ceil((after.length * 8) / 6) + 3}} end$`);
        for (const encoding of ["base64", "base64url"] as const) {
          list.push({ name: `${encoding} of the ${what} after ${before.length} byte(s), before ${after.length}`, text: `echo ${Buffer.from(before + value + after).toString(encoding)} end`, left });
        }
      }
    }
  }
  for (const [what, value] of [["key", KEY], ["secret", SECRET]] as const) {
    const hex = Buffer.from(value).toString("hex");
    list.push({ name: `upper-case ${what}`, text: `echo ${value.toUpperCase()} end`, left: plain });
    list.push({ name: `lower-case ${what}`, text: `echo ${value.toLowerCase()} end`, left: plain });
    list.push({ name: `hex of the ${what}`, text: `echo ${hex} end`, left: plain });
    list.push({ name: `${what} percent-encoded byte by byte`, text: `echo ${hex.toUpperCase().replace(/../g, "%$&")} end`, left: plain });
    list.push({ name: `${what} as encodeURIComponent writes it`, text: `echo ${encodeURIComponent(value)} end`, left: plain });
    list.push({ name: `upper-case hex of the ${what}`, text: `echo ${hex.toUpperCase()} end`, left: plain });
    list.push({ name: `${what} split by a zero-width space`, text: `echo ${value.slice(0, 14)}\u200b${value.slice(14)} end`, left: plain });
    list.push({ name: `${what} split by a soft hyphen and a BEL`, text: `echo ${value.slice(0, 12)}\u00ad${value.slice(12, 16)}\u0007${value.slice(16)} end`, left: plain });
  }
  return list;
}
