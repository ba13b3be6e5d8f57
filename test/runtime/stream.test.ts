import { describe, expect, test } from "vitest";
import { createFalClient, type QueueStatus } from "../../generator/runtime/index.js";
import { streamStatus } from "../../generator/runtime/endpoint-calls.js";
import { parseStatusEvents } from "../../generator/runtime/internal/status-events.js";
import { fakeQueue } from "./fake-queue.js";
import { serve } from "./serve.js";

function bodyOf(chunks: string[]): ReadableStream<Uint8Array<ArrayBuffer>> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      controller.close();
    },
  });
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe("parseStatusEvents", () => {
  test("parses events split across chunks, skipping comments and events without a status", async () => {
    const body = bodyOf([
      ": keep-alive\n\n",
      'data: {"status":"IN_QUEUE","request_id":"r","queue_',
      'position":2}\n\ndata: {"ping":true}\n\n',
      'event: message\r\ndata: {"status":"COMPLETED","request_id":"r"}\r\n\r\n',
    ]);
    const events = await collect(parseStatusEvents(body));
    expect(events).toEqual([
      { status: "IN_QUEUE", request_id: "r", queue_position: 2 },
      { status: "COMPLETED", request_id: "r" },
    ]);
  });

  test("a malformed event is an error naming it", async () => {
    await expect(collect(parseStatusEvents(bodyOf(["data: {oops\n\n"])))).rejects.toMatchObject({
      name: "FalResponseError",
      message: expect.stringContaining("{oops"),
    });
  });
});

describe("streamStatus", () => {
  test("yields each status from the owner/app stream and ends after COMPLETED", async () => {
    const server = await serve(fakeQueue());
    const client = createFalClient({ credentials: "k", queueUrl: server.url });
    const statuses: QueueStatus[] = await collect(streamStatus(client, "fal-ai/flux/dev", "req-1", { logs: true }));
    expect(statuses.map((s) => s.status)).toEqual(["IN_QUEUE", "IN_PROGRESS", "COMPLETED"]);
    // streamStatus passes each event's own logs on; only subscribe accumulates them.
    expect(statuses[2]?.logs?.map((l) => l.message)).toEqual(["step 2"]);
    expect(server.calls).toEqual(["GET /fal-ai/flux/requests/req-1/status/stream?logs=1"]);
  });

  test("stopping early closes the connection", async () => {
    let cancelled = false;
    const server = await serve(
      () =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('data: {"status":"IN_QUEUE","request_id":"r","queue_position":1}\n\n'));
            },
            cancel() {
              cancelled = true;
            },
          }),
          { headers: { "content-type": "text/event-stream" } },
        ),
    );
    const client = createFalClient({ credentials: "k", queueUrl: server.url });
    for await (const status of streamStatus(client, "fal-ai/flux/dev", "r")) {
      expect(status.status).toBe("IN_QUEUE");
      break;
    }
    await expect.poll(() => cancelled).toBe(true);
  });
});
