import { describe, expect, test } from "vitest";
import { serverSentData } from "../../generator/runtime/sse.js";
import { parseStatusEvents } from "../../generator/runtime/stream.js";

function textStream(chunks: string[]): ReadableStream<string> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

async function dataOf(chunks: string[]): Promise<string[]> {
  const out: string[] = [];
  for await (const data of serverSentData(textStream(chunks))) out.push(data);
  return out;
}

describe("serverSentData", () => {
  test.each([
    ["LF", "\n"],
    ["CRLF", "\r\n"],
    ["CR", "\r"],
  ])("events end at a blank line, with %s line ends", async (_, eol) => {
    const text = ["data: one", "", "data: two", "", ""].join(eol);
    expect(await dataOf([text])).toEqual(["one", "two"]);
  });

  test("mixed line ends in one stream", async () => {
    expect(await dataOf(["data: a\r\n\r\ndata: b\n\ndata: c\r\rdata: d\r\n\n"])).toEqual(["a", "b", "c", "d"]);
  });

  test("data lines join with a newline; only one leading space is dropped", async () => {
    expect(await dataOf(["data: first\ndata:second\ndata:  third\ndata\ndata:\n\n"])).toEqual(["first\nsecond\n third\n\n"]);
  });

  test("comments and the event, id, retry and unknown fields are ignored; events without data are skipped", async () => {
    const text = ": keep-alive\n\nevent: status\nid: 7\nretry: 1000\nfoo: bar\ndatax: no\ndata: {\"a\":1}\n\nevent: ping\n\nid: 8\n\n";
    expect(await dataOf([text])).toEqual(['{"a":1}']);
  });

  test("a colon inside the value is kept", async () => {
    expect(await dataOf(["data: a: b:c\n\n"])).toEqual(["a: b:c"]);
  });

  test("an empty data field still dispatches an event with empty data", async () => {
    expect(await dataOf(["data:\n\n"])).toEqual([""]);
  });

  test("an event cut off by the end of the stream is dropped", async () => {
    expect(await dataOf(["data: whole\n\ndata: cut"])).toEqual(["whole"]);
    expect(await dataOf(["data: whole\n\ndata: cut\n"])).toEqual(["whole"]);
  });

  test("a CR ending the stream ends its line", async () => {
    expect(await dataOf(["data: last\r\r"])).toEqual(["last"]);
  });

  test("a CRLF split across chunks is one line end, not two", async () => {
    expect(await dataOf(["data: a\r", "\ndata: b\r", "\n\r", "\n"])).toEqual(["a\nb"]);
  });

  test("the same events whatever the chunk boundaries", async () => {
    const text = ': hi\r\ndata: {"x":1}\r\n\r\nevent: e\rdata: two\rdata: lines\r\rdata: z\n\ndata: cut';
    const expected = ['{"x":1}', "two\nlines", "z"];
    for (let i = 0; i <= text.length; i++) {
      for (const j of [i, Math.min(text.length, i + 1), Math.min(text.length, i + 3)]) {
        expect(await dataOf([text.slice(0, i), text.slice(i, j), text.slice(j)])).toEqual(expected);
      }
    }
    expect(await dataOf([...text])).toEqual(expected);
  });

  test("stopping early cancels the stream", async () => {
    let cancelled = false;
    const stream = new ReadableStream<string>({
      start(controller) {
        controller.enqueue("data: 1\n\ndata: 2\n\n");
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const data of serverSentData(stream)) {
      expect(data).toBe("1");
      break;
    }
    expect(cancelled).toBe(true);
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
});
