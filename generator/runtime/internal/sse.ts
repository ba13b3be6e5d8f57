/**
 * Splits a Server-Sent Events stream into the `data` of its events, as the HTML standard reads it
 * (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation):
 * lines end in CRLF, LF or CR, wherever the chunks split them; a blank line ends an event; its
 * `data` lines (one leading space dropped) join with "\n", and an event without any is skipped;
 * comments and other fields (`event`, `id`, `retry`) are ignored; an event the stream ends before
 * its blank line is dropped.
 *
 * Returns a function that takes the stream's decoded text chunk by chunk (`done` with the last)
 * and returns the data of the events each chunk completes: a plain function rather than a stream
 * or generator, so reading a body costs no extra promises per chunk.
 */
export function serverSentData(): (text: string, done: boolean) => string[] {
  let pending = "";
  return (text, done) => {
    // Every line end becomes "\n", except a CR that ends the text before the stream does: it may
    // be the first half of a CRLF, so it waits for the next chunk.
    const events = (pending + text).replace(done ? /\r\n?/g : /\r\n|\r(?!$)/g, "\n").split("\n\n");
    pending = events.pop() ?? "";
    const found: string[] = [];
    for (const event of events) {
      const data = event.split("\n").filter((line) => /^data(:|$)/.test(line));
      if (data.length) found.push(data.map((line) => line.slice(line[5] === " " ? 6 : 5)).join("\n"));
    }
    return found;
  };
}
