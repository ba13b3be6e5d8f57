import { redactKeys } from "./redact-keys.js";
import { terminalText } from "./terminal-text.js";

/**
 * `text` as every falgen command shows it: fal's keys redacted (see `redactKeys`), then safe for a
 * terminal (see `terminalText`). What a command prints holds text it did not write (servers'
 * statuses, logs and errors, specs, fal's documents, file names, config files' errors), so all
 * of it goes through here: through `printOut` and `printError`, or (live progress) before it is
 * handed to what draws it.
 */
export function printable(text: string, options?: { oneLine?: boolean }): string {
  return terminalText(redactKeys(text), options);
}

/** Prints `text` (see `printable`; `oneLine`: a line of a list, its newlines shown escaped) and a newline on stdout: results, summaries, help. */
export function printOut(text: string, options?: { oneLine?: boolean }): void {
  console.log(printable(text, options));
}

/** Prints `text` (see `printable`) and a newline on stderr: errors, warnings, progress. */
export function printError(text: string): void {
  console.error(printable(text));
}
