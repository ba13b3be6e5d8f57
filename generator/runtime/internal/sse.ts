import { tooLargeError } from "../errors.js";

/**
 * Splits a Server-Sent Events stream into the `data` of its events, as the HTML standard reads it
 * (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation):
 * lines end in CRLF, LF or CR, wherever the chunks split them; a blank line ends an event; its
 * `data` lines (one leading space dropped) join with "\n", and an event without any is skipped;
 * comments and other fields (`event`, `id`, `retry`) are ignored; an event the stream ends before
 * its blank line is dropped.
 *
 * Returns a function that takes the stream's decoded text chunk by chunk and returns the data of
 * the events each chunk completes: a plain function rather than a stream or generator, so reading
 * a body costs no extra promises per chunk. Each chunk is scanned once, so an event arriving in
 * many chunks costs time in proportion to its size. An event (its data so far plus the line being
 * read) longer than `limit` characters throws a FalResponseError (`limit` set): nothing more of it
 * is kept.
 */
export function serverSentData(limit: number): (text: string) => string[] {
  // The line not ended yet, the current event's data lines and their length in characters.
  let line = "";
  let data: string[] | undefined;
  let size = 0;
  // The last chunk ended in CR: a LF starting the next is the rest of that line end.
  let afterCr = false;
  return (text) => {
    if (!text) return [];
    if (afterCr && text[0] === "\n") text = text.slice(1);
    afterCr = text.endsWith("\r");
    const lines = text.split(/\r\n?|\n/);
    lines[0] = line + lines[0];
    line = lines.pop()!;
    const found: string[] = [];
    for (const field of lines) {
      if (!field) {
        if (data) found.push(data.join("\n"));
        data = undefined;
        size = 0;
      } else if (/^data(:|$)/.test(field)) {
        const value = field.slice(field[5] === " " ? 6 : 5);
        (data ??= []).push(value);
        size += value.length;
      }
    }
    if (size + line.length > limit) throw tooLargeError(200, "an event", limit);
    return found;
  };
}
