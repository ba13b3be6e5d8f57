// falgen's runtime (runtime/internal/sse.ts), written by `falgen generate`. Do not edit.
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
export declare function serverSentData(limit: number): (text: string) => string[];
