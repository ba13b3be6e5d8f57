import { describe, expect, test } from "vitest";
import { createFalClient, type QueueStatus } from "../../generator/runtime/index.js";
import { subscribe } from "../../generator/runtime/endpoint-calls.js";
import { DEFAULT_STATUSES, fakeQueue, sse } from "./fake-queue.js";
import { json, serve } from "./serve.js";

const KEY = "key-id:super-secret-value";
const ENDPOINT = "fal-ai/flux/dev";
const fastRetry = { baseDelayMs: 1, maxDelayMs: 5 };

describe("subscribe, polling", () => {
  test("submits, reports the id before any wait, polls until COMPLETED and returns the output", async () => {
    const server = await serve(fakeQueue({ output: { images: [{ url: "https://x/1.png" }] } }));
    const client = createFalClient({ credentials: KEY, queueUrl: server.url });
    const events: string[] = [];
    const output = await subscribe(client, ENDPOINT, { prompt: "fox" }, {
      pollInterval: 1,
      logs: true,
      onEnqueue: (id) => events.push(`enqueued ${id} after ${server.calls.length} call(s)`),
      onQueueUpdate: (s) => events.push(s.status),
    });
    expect(output).toEqual({ data: { images: [{ url: "https://x/1.png" }] }, requestId: "req-1" });
    expect(events).toEqual(["enqueued req-1 after 1 call(s)", "IN_QUEUE", "IN_PROGRESS", "COMPLETED"]);
    expect(server.calls).toEqual([
      "POST /fal-ai/flux/dev",
      "GET /fal-ai/flux/requests/req-1/status?logs=1",
      "GET /fal-ai/flux/requests/req-1/status?logs=1",
      "GET /fal-ai/flux/requests/req-1/status?logs=1",
      "GET /fal-ai/flux/requests/req-1",
    ]);
  });

  test("follows the URLs the submit response returned", async () => {
    const server = await serve(fakeQueue({ appPath: "/elsewhere/app" }));
    await subscribe(createFalClient({ credentials: KEY, queueUrl: server.url }), ENDPOINT, {}, { pollInterval: 1 });
    expect(server.calls.slice(1)).toEqual([
      "GET /elsewhere/app/requests/req-1/status",
      "GET /elsewhere/app/requests/req-1/status",
      "GET /elsewhere/app/requests/req-1/status",
      "GET /elsewhere/app/requests/req-1",
    ]);
  });

  test("a timeout interrupts the wait between polls with a FalTimeoutError carrying the request id", async () => {
    const server = await serve(fakeQueue({ statuses: [{ status: "IN_QUEUE", queue_position: 3 }] }));
    const started = Date.now();
    const failure = subscribe(createFalClient({ credentials: KEY, queueUrl: server.url }), ENDPOINT, {}, { pollInterval: 60_000, timeout: 100 });
    await expect(failure).rejects.toMatchObject({ name: "FalTimeoutError", requestId: "req-1" });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test("the caller's signal aborts with a FalAbortError carrying the request id", async () => {
    const server = await serve(fakeQueue({ statuses: [{ status: "IN_PROGRESS" }] }));
    const controller = new AbortController();
    const failure = subscribe(createFalClient({ credentials: KEY, queueUrl: server.url }), ENDPOINT, {}, {
      pollInterval: 60_000,
      signal: controller.signal,
      onQueueUpdate: () => controller.abort(),
    });
    await expect(failure).rejects.toMatchObject({ name: "FalAbortError", requestId: "req-1" });
  });

  test("a timeout during submit has no request id, and the submit is not retried", async () => {
    const server = await serve(() => new Promise<Response>(() => {}));
    // 500 ms: long enough for the submit to reach the server on a busy machine, so "not retried" is seen.
    const failure = subscribe(createFalClient({ credentials: KEY, queueUrl: server.url }), ENDPOINT, {}, { timeout: 500 });
    await expect(failure).rejects.toMatchObject({ name: "FalTimeoutError", requestId: undefined });
    expect(server.calls).toHaveLength(1);
  });

  test("a request that failed reports its error at once, with the request id", async () => {
    let resultCalls = 0;
    const server = await serve(
      fakeQueue({
        statuses: [{ status: "COMPLETED", error: "Internal error", error_type: "runner_error" }],
        result: () => {
          resultCalls++;
          // The response's own id differs: the error must still carry the queue's.
          return json({ detail: "CUDA out of memory" }, { status: 500, headers: { "x-fal-request-id": "gateway-9" } });
        },
      }),
    );
    const failure = subscribe(createFalClient({ credentials: KEY, queueUrl: server.url, retry: fastRetry }), ENDPOINT, {});
    await expect(failure).rejects.toMatchObject({ name: "FalApiError", status: 500, requestId: "req-1", message: expect.stringContaining("CUDA out of memory") });
    expect(resultCalls).toBe(1);
  });

  test.each(["polling", "streaming"] as const)("%s: a request whose COMPLETED status carries an error fails even when its result answers 200", async (mode) => {
    const failed = { status: "COMPLETED", error: "Internal error", error_type: "runner_error" };
    const server = await serve(fakeQueue({ statuses: [failed], output: { images: [{ url: "https://x/1.png" }] } }));
    const failure = subscribe(createFalClient({ credentials: KEY, queueUrl: server.url, retry: fastRetry }), ENDPOINT, {}, { mode, pollInterval: 1 });
    await expect(failure).rejects.toMatchObject({
      name: "FalError",
      requestId: "req-1",
      message: "The request failed: Internal error, error_type runner_error",
      cause: { ...failed, request_id: "req-1" },
    });
    // error_type alone says so too.
    const typeOnly = await serve(fakeQueue({ statuses: [{ status: "COMPLETED", error_type: "runner_error" }] }));
    await expect(subscribe(createFalClient({ credentials: KEY, queueUrl: typeOnly.url }), ENDPOINT, {}, { mode })).rejects.toThrow("The request failed: runner_error");
  });

  test("a COMPLETED status with `error: null` is a success, and its result is retried as any other", async () => {
    let resultCalls = 0;
    const queue = fakeQueue({ statuses: [{ status: "COMPLETED", error: null, error_type: null }] });
    const server = await serve((request) => (!request.url.includes("/status") && request.method === "GET" && ++resultCalls === 1 ? json({ detail: "busy" }, { status: 503 }) : queue(request)));
    const output = await subscribe(createFalClient({ credentials: KEY, queueUrl: server.url, retry: fastRetry }), ENDPOINT, {});
    expect(output).toEqual({ data: { images: [] }, requestId: "req-1" });
    expect(resultCalls).toBe(2);
  });

  test("transient status errors are retried without losing the request", async () => {
    const queue = fakeQueue();
    let polls = 0;
    const server = await serve((request) => (request.url.includes("/status") && ++polls === 1 ? json({ detail: "oops" }, { status: 502 }) : queue(request)));
    const output = await subscribe(createFalClient({ credentials: KEY, queueUrl: server.url, retry: fastRetry }), ENDPOINT, {}, { pollInterval: 1 });
    expect(output.requestId).toBe("req-1");
  });

  test("an error thrown by a callback is wrapped with the request id", async () => {
    const server = await serve(fakeQueue());
    const failure = subscribe(createFalClient({ credentials: KEY, queueUrl: server.url }), ENDPOINT, {}, {
      onQueueUpdate: () => {
        throw new RangeError("ui gone");
      },
    });
    await expect(failure).rejects.toMatchObject({ name: "FalError", requestId: "req-1", cause: new RangeError("ui gone") });
  });
});

describe("subscribe, streaming", () => {
  test("follows the SSE stream, accumulating logs across events", async () => {
    const server = await serve(fakeQueue());
    const updates: QueueStatus[] = [];
    const output = await subscribe(createFalClient({ credentials: KEY, queueUrl: server.url }), ENDPOINT, {}, {
      mode: "streaming",
      logs: true,
      onQueueUpdate: (s) => updates.push(s),
    });
    expect(output.requestId).toBe("req-1");
    expect(updates.map((u) => [u.status, u.logs?.map((l) => l.message)])).toEqual([
      ["IN_QUEUE", []],
      ["IN_PROGRESS", ["step 1"]],
      ["COMPLETED", ["step 1", "step 2"]],
    ]);
    expect(server.calls).toEqual(["POST /fal-ai/flux/dev", "GET /fal-ai/flux/requests/req-1/status/stream?logs=1", "GET /fal-ai/flux/requests/req-1"]);
    expect(server.received[1]?.headers.get("accept")).toBe("text/event-stream");
  });

  test("reconnects when the stream drops before COMPLETED", async () => {
    const queue = fakeQueue();
    let streams = 0;
    const server = await serve((request) => {
      if (!request.url.includes("/status/stream")) return queue(request);
      if (++streams === 1) return sse(DEFAULT_STATUSES.slice(0, 1).map((s) => ({ request_id: "req-1", ...s })));
      if (streams === 2) return droppedStream();
      return sse(DEFAULT_STATUSES.slice(1).map((s) => ({ request_id: "req-1", ...s })));
    });
    const seen: string[] = [];
    const output = await subscribe(createFalClient({ credentials: KEY, queueUrl: server.url, retry: fastRetry }), ENDPOINT, {}, {
      mode: "streaming",
      onQueueUpdate: (s) => seen.push(s.status),
    });
    expect(output.requestId).toBe("req-1");
    expect(seen).toEqual(["IN_QUEUE", "IN_PROGRESS", "COMPLETED"]);
    expect(streams).toBe(3);
  });

  test("a timeout ends a silent stream with a FalTimeoutError carrying the request id", async () => {
    const queue = fakeQueue();
    const server = await serve((request) =>
      request.url.includes("/status/stream") ? new Response(new ReadableStream({ start() {} }), { headers: { "content-type": "text/event-stream" } }) : queue(request),
    );
    const failure = subscribe(createFalClient({ credentials: KEY, queueUrl: server.url }), ENDPOINT, {}, { mode: "streaming", timeout: 100 });
    await expect(failure).rejects.toMatchObject({ name: "FalTimeoutError", requestId: "req-1" });
  });
});

/** An SSE response whose connection breaks mid-event. */
function droppedStream(): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('data: {"status":"IN_PRO'));
      setTimeout(() => controller.error(new Error("connection lost")), 10);
    },
  });
  return new Response(body, { headers: { "content-type": "text/event-stream" } });
}
