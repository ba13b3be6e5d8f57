import { describe, expect, test } from "vitest";
import { createFalClient, FalApiError, FalError, FalResponseError, FalTimeoutError } from "../../generator/runtime/index.js";
import { run, stream, subscribe } from "../../generator/runtime/endpoint-calls.js";
import { json, serve } from "./serve.js";

const sse = (body: string, init: ResponseInit = {}) => new Response(body, { ...init, headers: { "content-type": "text/event-stream", "x-fal-request-id": "req-1" } });

/** An SSE response that sends `first`, then stays open forever without another byte. */
function stalled(first: string): Response {
  return new Response(
    new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(first));
      },
    }),
    { headers: { "content-type": "text/event-stream" } },
  );
}

async function clientFor(handler: (request: Request) => Response | Promise<Response>, fetchOverride?: typeof fetch) {
  const server = await serve(handler);
  return { server, client: createFalClient({ credentials: "k", runUrl: server.url, fetch: fetchOverride }) };
}

describe("stream (against a local server)", () => {
  test("posts the input as JSON to <runUrl>/<id>/stream, accepting text/event-stream", async () => {
    const { server, client } = await clientFor(() => sse('data: {"a":1}\n\ndata: {"a":2}\n\n'));
    const output = await stream(client, "owner/app/path", { prompt: "x" }).done();
    expect(output).toEqual({ a: 2 });
    expect(server.received[0]).toMatchObject({ method: "POST", body: '{"prompt":"x"}' });
    expect(server.received[0]!.url.pathname).toBe("/owner/app/path/stream");
    expect(server.received[0]!.headers.get("accept")).toBe("text/event-stream");
    expect(server.received[0]!.headers.get("authorization")).toBe("Key k");
  });

  test("a stream that ends without an event rejects, never resolves with nothing", async () => {
    const { client } = await clientFor(() => sse(": ping\n\n"));
    const error = await stream(client, "o/a", {}).done().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FalError);
    expect((error as FalError).message).toContain("ended without an output");
    expect((error as FalError).requestId).toBe("req-1");
  });

  test("a malformed event is a FalResponseError quoting it", async () => {
    const { client } = await clientFor(() => sse("data: {not json\n\n"));
    const error = await stream(client, "o/a", {}).done().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FalResponseError);
    expect(error).toMatchObject({ status: 200, requestId: "req-1", message: 'fal answered 200 without a JSON event: "{not json"' });
  });

  test("an answer that is neither an event stream nor JSON says what fal sent instead, quoting its start", async () => {
    const page = "<html><body>Bad gateway page</body></html>";
    const { client } = await clientFor(() => new Response(page, { headers: { "content-type": "text/html; charset=utf-8", "x-fal-request-id": "req-9" } }));
    const error = await stream(client, "o/a", {}).done().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FalResponseError);
    expect(error).toMatchObject({ status: 200, requestId: "req-9" });
    expect((error as Error).message).toBe(`fal answered 200 without an event stream (content-type text/html; charset=utf-8): ${JSON.stringify(page)}`);
  });

  test("an endpoint that answers one JSON body gives that body as the output", async () => {
    const { client } = await clientFor(() => json({ whole: true }));
    const answered = stream(client, "o/a", {});
    const partials: unknown[] = [];
    for await (const partial of answered) partials.push(partial);
    expect(partials).toEqual([{ whole: true }]);
    expect(await answered.done()).toEqual({ whole: true });
  });

  test("an error status is a FalApiError, sent once", async () => {
    const { server, client } = await clientFor(() => json({ detail: "boom" }, { status: 503 }));
    const error = await stream(client, "o/a", {}).done().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FalApiError);
    expect((error as FalApiError).status).toBe(503);
    expect(server.calls).toHaveLength(1);
  });

  test("an in-band x-fal-error event ends the stream with that error, after the partials before it", async () => {
    const { client } = await clientFor(() => sse('data: {"step":1}\n\ndata: {"type":"x-fal-error","error":"runner_failed","reason":"out of memory","status":500}\n\n'));
    const failing = stream<{ step: number }, unknown>(client, "o/a", {});
    const seen: unknown[] = [];
    const iteration = (async () => {
      for await (const partial of failing) seen.push(partial);
    })();
    const error = await iteration.catch((caught: unknown) => caught);
    expect(seen).toEqual([{ step: 1 }]);
    expect(error).toMatchObject({ name: "FalApiError", status: 500, errorType: "runner_failed", requestId: "req-1" });
    expect((error as FalApiError).message).toContain("runner_failed: out of memory");
  });

  test("a stalled stream ends on idleTimeout even when the fetch in use ignores abort signals", async () => {
    const deaf: typeof fetch = (input, init) => globalThis.fetch(input, { ...init, signal: undefined });
    const { client } = await clientFor(() => stalled('data: {"step":1}\n\n'), deaf);
    const started = Date.now();
    await expect(stream(client, "o/a", {}, { idleTimeout: 100 }).done()).rejects.toBeInstanceOf(FalTimeoutError);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe("an answer whose body stalls after its headers", () => {
  // A fetch that lets a body read outlive the abort, as Node 20's does at times.
  const deaf: typeof fetch = (input, init) => globalThis.fetch(input, { ...init, signal: undefined });
  const stalledJson = () => new Response(new ReadableStream({ start: (controller) => controller.enqueue(new TextEncoder().encode('{"request_id":')) }), { headers: { "x-fal-request-id": "req-1" } });

  test("ends subscribe (its submit) and run at their timeout", async () => {
    const server = await serve(stalledJson);
    const client = createFalClient({ credentials: "k", queueUrl: server.url, runUrl: server.url, fetch: deaf });
    for (const call of [() => subscribe(client, "o/a", {}, { timeout: 150 }), () => run(client, "o/a", {}, { timeout: 150 })]) {
      const started = Date.now();
      const error = await call().catch((error: unknown) => error);
      expect(error).toBeInstanceOf(FalTimeoutError);
      // The headers named the request: the timeout keeps its id (a queued request may still run and bill).
      expect((error as FalTimeoutError).requestId).toBe("req-1");
      expect(Date.now() - started).toBeLessThan(2000);
    }
  });
});
