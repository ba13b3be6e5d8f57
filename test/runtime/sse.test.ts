import { describe, expect, test } from "vitest";
import { serverSentData } from "../../generator/runtime/internal/sse.js";
import { parseStatusEvents } from "../../generator/runtime/internal/status-events.js";

/** The data of the events in `chunks`, fed one by one, then the end of the stream. */
function dataOf(chunks: string[]): string[] {
  const split = serverSentData(2 ** 20);
  return chunks.flatMap((chunk) => split(chunk));
}

describe("serverSentData", () => {
  test.each([
    ["LF", "\n"],
    ["CRLF", "\r\n"],
    ["CR", "\r"],
  ])("events end at a blank line, with %s line ends", (_, eol) => {
    const text = ["data: one", "", "data: two", "", ""].join(eol);
    expect(dataOf([text])).toEqual(["one", "two"]);
  });

  test("mixed line ends in one stream", () => {
    expect(dataOf(["data: a\r\n\r\ndata: b\n\ndata: c\r\rdata: d\r\n\n"])).toEqual(["a", "b", "c", "d"]);
  });

  test("data lines join with a newline; only one leading space is dropped", () => {
    expect(dataOf(["data: first\ndata:second\ndata:  third\ndata\ndata:\n\n"])).toEqual(["first\nsecond\n third\n\n"]);
  });

  test("comments and the event, id, retry and unknown fields are ignored; events without data are skipped", () => {
    const text = ": keep-alive\n\nevent: status\nid: 7\nretry: 1000\nfoo: bar\ndatax: no\ndata: {\"a\":1}\n\nevent: ping\n\nid: 8\n\n";
    expect(dataOf([text])).toEqual(['{"a":1}']);
  });

  test("a colon inside the value is kept", () => {
    expect(dataOf(["data: a: b:c\n\n"])).toEqual(["a: b:c"]);
  });

  test("an empty data field still dispatches an event with empty data", () => {
    expect(dataOf(["data:\n\n"])).toEqual([""]);
  });

  test("an event cut off by the end of the stream is dropped", () => {
    expect(dataOf(["data: whole\n\ndata: cut"])).toEqual(["whole"]);
    expect(dataOf(["data: whole\n\ndata: cut\n"])).toEqual(["whole"]);
  });

  test("a CR ending the stream ends its line", () => {
    expect(dataOf(["data: last\r\r"])).toEqual(["last"]);
  });

  test("a CRLF split across chunks is one line end, not two", () => {
    expect(dataOf(["data: a\r", "\ndata: b\r", "\n\r", "\n"])).toEqual(["a\nb"]);
  });

  test("the same events whatever the chunk boundaries", () => {
    const text = ': hi\r\ndata: {"x":1}\r\n\r\nevent: e\rdata: two\rdata: lines\r\rdata: z\n\ndata: cut';
    const expected = ['{"x":1}', "two\nlines", "z"];
    for (let i = 0; i <= text.length; i++) {
      for (const j of [i, Math.min(text.length, i + 1), Math.min(text.length, i + 3)]) {
        expect(dataOf([text.slice(0, i), text.slice(i, j), text.slice(j)])).toEqual(expected);
      }
    }
    expect(dataOf([...text])).toEqual(expected);
  });
});

describe("parseStatusEvents", () => {
  test("decodes UTF-8 split inside a character, dropping a leading BOM", async () => {
    const bytes = new TextEncoder().encode('\uFEFFdata: {"status":"IN_PROGRESS","request_id":"r","note":"é"}\n\n');
    const split = bytes.indexOf(0xc3) + 1;
    const body = new ReadableStream<Uint8Array<ArrayBuffer>>({
      start(controller) {
        controller.enqueue(bytes.slice(0, split));
        controller.enqueue(bytes.slice(split));
        controller.close();
      },
    });
    const statuses: unknown[] = [];
    for await (const status of parseStatusEvents(body)) statuses.push(status);
    expect(statuses).toEqual([{ status: "IN_PROGRESS", request_id: "r", note: "é" }]);
  });

  test.each([
    { after: "the end of the stream", next: null, cancelled: false },
    { after: "more data", next: 'data: {"status":"COMPLETED"}\n\n', cancelled: true },
  ])("after COMPLETED the body is read on, not cancelled, so its connection can be reused; cancelled if $after follows", async ({ next, cancelled: wantCancelled }) => {
    let cancelled = false;
    let pulls = 0;
    const body = new ReadableStream<Uint8Array<ArrayBuffer>>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('data: {"status":"COMPLETED"}\n\n'));
      },
      // With no queue, pull runs only for a read past the COMPLETED chunk: the read ahead.
      pull(controller) {
        pulls++;
        if (next === null) controller.close();
        else controller.enqueue(new TextEncoder().encode(next));
      },
      cancel() {
        cancelled = true;
      },
    }, { highWaterMark: 0 });
    for await (const status of parseStatusEvents(body)) {
      expect(status.status).toBe("COMPLETED");
      break;
    }
    await expect.poll(() => pulls).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(cancelled).toBe(wantCancelled);
  });

  test("stopping early cancels the body", async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array<ArrayBuffer>>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('data: {"status":"IN_QUEUE"}\n\ndata: {"status":"IN_PROGRESS"}\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const status of parseStatusEvents(body)) {
      expect(status.status).toBe("IN_QUEUE");
      break;
    }
    expect(cancelled).toBe(true);
  });
});
