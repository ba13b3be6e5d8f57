/**
 * The `data` of each event of a Server-Sent Events stream, as the HTML standard reads it
 * (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation):
 * lines end in CRLF, LF or CR, wherever the chunks split them; a blank line ends an event; its
 * `data` lines (one leading space dropped) join with "\n", and an event without any is skipped;
 * comments and other fields (`event`, `id`, `retry`) are ignored; an event the stream ends before
 * its blank line is dropped. The stream is cancelled when the consumer stops early.
 */
export async function* serverSentData(stream: ReadableStream<string>): AsyncGenerator<string> {
  const reader = stream.getReader();
  let pending = "";
  try {
    for (;;) {
      const { done, value = "" } = await reader.read();
      // Every line end becomes "\n", except a CR that ends the text before the stream does: it may
      // be the first half of a CRLF, so it waits for the next chunk.
      const events = (pending + value).replace(done ? /\r\n?/g : /\r\n|\r(?!$)/g, "\n").split("\n\n");
      pending = events.pop() ?? "";
      for (const event of events) {
        const data = event.split("\n").filter((line) => /^data(:|$)/.test(line));
        if (data.length) yield data.map((line) => line.slice(line[5] === " " ? 6 : 5)).join("\n");
      }
      if (done) return;
    }
  } finally {
    // Frees the connection when the consumer stops early.
    reader.cancel().catch(() => {});
  }
}
