import { describe, expect, test } from "vitest";
import { createFalClient, FalApiError, FalNetworkError, FalResponseError, FalTimeoutError, uploadFile, type QueueStatus } from "../../generator/runtime/index.js";
import { cancel, result, run, status, streamStatus, submit, subscribe } from "../../generator/runtime/endpoint-calls.js";
import { fetchRealtimeToken } from "../../generator/runtime/server/index.js";
import { fakeQueue, sse } from "./fake-queue.js";
import { json, serve, type FetchHandler } from "./serve.js";

// A queue that misbehaves on purpose, on loopback, driven through the public API only.

const KEY = "key-id:hostile-secret";
const ENDPOINT = "fal-ai/flux/dev";
const fastRetry = { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 1000 };
const HTML = "<html><body>502 Bad Gateway</body></html>";

function html(status = 200): Response {
  return new Response(HTML, { status, headers: { "content-type": "text/html", "x-fal-request-id": "req-1" } });
}

/** Headers and the start of a body, then the connection is cut. */
function cutBody(start: string, headers: Record<string, string> = {}): Response {
  const stream = new ReadableStream<Uint8Array>({
    start: (controller) => controller.enqueue(new TextEncoder().encode(start)),
    async pull(controller) {
      // Late enough that the headers and the first bytes are on the wire.
      await new Promise((resolve) => setTimeout(resolve, 20));
      controller.error(new Error("cut"));
    },
  });
  return new Response(stream, { headers: { "content-type": "application/json", ...headers } });
}

/** The fake queue, with the routes named in `override` answered by it instead (per call number). */
function queueWith(override: Partial<Record<"submit" | "status" | "stream" | "result" | "cancel", (call: number) => Response | undefined>>): FetchHandler {
  const queue = fakeQueue();
  const calls: Record<string, number> = {};
  return (request) => {
    const path = new URL(request.url).pathname;
    const route = path.endsWith("/status/stream") ? "stream" : path.endsWith("/status") ? "status" : path.endsWith("/cancel") ? "cancel" : path.includes("/requests/") ? "result" : "submit";
    calls[route] = (calls[route] ?? 0) + 1;
    return override[route]?.(calls[route]!) ?? queue(request);
  };
}

const count = (calls: string[], pattern: RegExp) => calls.filter((call) => pattern.test(call)).length;

async function clientFor(handler: FetchHandler) {
  const server = await serve(handler);
  return { server, client: createFalClient({ credentials: KEY, queueUrl: server.url, retry: fastRetry }) };
}

describe("a 2xx body that is not what the call expects is a typed error carrying the request id", () => {
  test.each([
    ["an HTML page", () => html()],
    ["an empty object", () => json({}, { headers: { "x-fal-request-id": "req-1" } })],
    ["a request_id that is not a string", () => json({ request_id: 7 }, { headers: { "x-fal-request-id": "req-1" } })],
    ["a request_id that climbs out", () => json({ request_id: ".." }, { headers: { "x-fal-request-id": "req-1" } })],
    ["an empty body", () => new Response("", { headers: { "x-fal-request-id": "req-1" } })],
  ])("submit answered with %s: one submit, no request for `undefined`", async (_what, answer) => {
    const { server, client } = await clientFor(queueWith({ submit: answer }));
    const error = await subscribe(client, ENDPOINT, { prompt: "x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FalResponseError);
    expect(error).toMatchObject({ status: 200, requestId: "req-1" });
    // Not "without a request_id" for one that is there but unusable; and the request may be queued.
    expect((error as Error).message).toContain("fal answered 200 without a usable request_id (the request may be queued");
    expect(server.calls).toEqual([`POST /${ENDPOINT}`]);
  });

  test.each([
    ["an HTML page", () => html()],
    ["a status fal does not have", () => json({ status: "SOMETHING_ELSE" })],
    ["a list", () => json([])],
    ["null", () => json(null)],
  ])("a status answered with %s is retried, then fails (it is not polled until the timeout)", async (_what, answer) => {
    const { server, client } = await clientFor(queueWith({ status: answer }));
    const error = await subscribe(client, ENDPOINT, {}, { pollInterval: 1, timeout: 5000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FalResponseError);
    expect(error).toMatchObject({ requestId: "req-1" });
    expect(count(server.calls, /\/status$/)).toBe(3);
    await expect(status(client, ENDPOINT, "req-1")).rejects.toMatchObject({ name: "FalResponseError", requestId: "req-1" });
  });

  test("a result answered with an HTML page is retried, and a good answer then wins", async () => {
    const { server, client } = await clientFor(queueWith({ result: (n) => (n === 1 ? html() : undefined) }));
    await expect(subscribe(client, ENDPOINT, {}, { pollInterval: 1 })).resolves.toEqual({ data: { images: [] }, requestId: "req-1" });
    expect(count(server.calls, /\/requests\/req-1$/)).toBe(2);
  });

  test("a result that stays HTML rejects with the request id instead of resolving with the page", async () => {
    const { client } = await clientFor(queueWith({ result: () => html() }));
    await expect(subscribe(client, ENDPOINT, {}, { pollInterval: 1 })).rejects.toMatchObject({ name: "FalResponseError", requestId: "req-1" });
    await expect(result(client, ENDPOINT, "req-1")).rejects.toMatchObject({ name: "FalResponseError", requestId: "req-1" });
  });

  test("a cancel and an upload initiation answered with something else fail typed", async () => {
    const { client } = await clientFor(queueWith({ cancel: () => html() }));
    await expect(cancel(client, ENDPOINT, "req-1")).rejects.toMatchObject({ name: "FalResponseError", requestId: "req-1" });
    const storage = await serve(() => json({ upload_url: 5 }));
    const uploader = createFalClient({ credentials: KEY, storageUrl: storage.url, retry: fastRetry });
    await expect(uploadFile(uploader, new Uint8Array(10))).rejects.toBeInstanceOf(FalResponseError);
    expect(storage.calls).toHaveLength(3);
  });
});

describe("run and the realtime token check their answers too", () => {
  test("a run answered 200 with an HTML page is a FalResponseError with the request id, sent once", async () => {
    const server = await serve(() => html());
    const client = createFalClient({ credentials: KEY, runUrl: server.url, retry: fastRetry });
    await expect(run(client, ENDPOINT, { prompt: "x" })).rejects.toMatchObject({ name: "FalResponseError", requestId: "req-1" });
    expect(server.calls).toEqual([`POST /${ENDPOINT}`]);
  });

  test("a run cut mid-body is a FalNetworkError with the request id, never resent", async () => {
    const server = await serve(() => cutBody('{"images": [', { "x-fal-request-id": "req-1" }));
    const client = createFalClient({ credentials: KEY, runUrl: server.url, retry: fastRetry });
    await expect(run(client, ENDPOINT, {})).rejects.toMatchObject({ name: "FalNetworkError", requestId: "req-1" });
    expect(server.calls).toHaveLength(1);
  });

  test.each([["an HTML page", () => html()], ["an empty string", () => json("")], ["an object", () => json({ token: "t" })]])(
    "a token answer that is %s is retried, then a FalResponseError",
    async (_what, answer) => {
      const server = await serve(answer);
      const client = createFalClient({ credentials: KEY, storageUrl: server.url, retry: fastRetry });
      await expect(fetchRealtimeToken(client, ENDPOINT)).rejects.toBeInstanceOf(FalResponseError);
      expect(server.calls).toHaveLength(3);
    },
  );
});

describe("a connection cut mid-body", () => {
  test("of a status, a result and a cancel is a FalNetworkError with the request id, retried", async () => {
    const { server, client } = await clientFor(
      queueWith({
        status: (n) => (n === 1 ? cutBody('{"status": "IN_PR') : undefined),
        result: (n) => (n === 1 ? cutBody('{"images": [') : undefined),
        cancel: (n) => (n === 1 ? cutBody('{"status": "CANC') : undefined),
      }),
    );
    await expect(subscribe(client, ENDPOINT, {}, { pollInterval: 1 })).resolves.toEqual({ data: { images: [] }, requestId: "req-1" });
    await expect(cancel(client, ENDPOINT, "req-1")).resolves.toBeUndefined();
    expect(count(server.calls, /\/requests\/req-1$/)).toBe(2);
    expect(count(server.calls, /\/cancel$/)).toBe(2);
  });

  test("that persists ends in a FalNetworkError carrying the request id", async () => {
    const { client } = await clientFor(queueWith({ result: () => cutBody('{"images": [') }));
    const error = await result(client, ENDPOINT, "req-1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FalNetworkError);
    expect(error).toMatchObject({ requestId: "req-1", requestSent: true });
  });

  test("of a submit is never resent, and keeps the request id its headers named", async () => {
    const { server, client } = await clientFor(queueWith({ submit: () => cutBody('{"request_id": "req-', { "x-fal-request-id": "req-1" }) }));
    const error = await submit(client, ENDPOINT, { prompt: "x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FalNetworkError);
    expect(error).toMatchObject({ requestId: "req-1", requestSent: true });
    expect(server.calls).toEqual([`POST /${ENDPOINT}`]);
  });
});

describe("Retry-After is capped", () => {
  const queued = (retryAfter: string) => queueWith({ status: () => json({ detail: "slow down" }, { status: 429, headers: { "retry-after": retryAfter } }) });

  test.each([
    ["36000 seconds", "36000"],
    ["an HTTP date in 2100", "Fri, 01 Jan 2100 00:00:00 GMT"],
    ["more than maxDelayMs", "2"],
  ])("a wait of %s fails at once with the 429, without retrying", async (_what, value) => {
    const { server, client } = await clientFor(queued(value));
    const started = Date.now();
    const error = await status(client, ENDPOINT, "req-1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FalApiError);
    expect(error).toMatchObject({ status: 429, requestId: "req-1" });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(server.calls).toHaveLength(1);
  });

  test("a wait longer than the call's remaining time fails with the 429, not a timeout later", async () => {
    const server = await serve(queued("5"));
    const client = createFalClient({ credentials: KEY, queueUrl: server.url, retry: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 60_000 } });
    const started = Date.now();
    const error = await subscribe(client, ENDPOINT, {}, { timeout: 2000, pollInterval: 1 }).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(FalTimeoutError);
    expect(error).toMatchObject({ name: "FalApiError", status: 429, requestId: "req-1" });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  test("a timeout beyond what a timer holds (2^31 ms) is no timeout, not an immediate one", async () => {
    const { client } = await clientFor(fakeQueue());
    await expect(subscribe(client, ENDPOINT, {}, { pollInterval: 1, timeout: 2 ** 31 })).resolves.toMatchObject({ requestId: "req-1" });
    await expect(subscribe(client, ENDPOINT, {}, { pollInterval: 1, timeout: Number.MAX_SAFE_INTEGER })).resolves.toMatchObject({ requestId: "req-1" });
  });
});

describe("the status stream", () => {
  test("a garbled event is retried (the stream reopened) like any malformed answer, and fails typed when it persists", async () => {
    const garbled = () => new Response("data: {not json\n\n", { headers: { "content-type": "text/event-stream" } });
    const once = await clientFor(queueWith({ stream: (n) => (n === 1 ? garbled() : undefined) }));
    await expect(subscribe(once.client, ENDPOINT, {}, { mode: "streaming" })).resolves.toEqual({ data: { images: [] }, requestId: "req-1" });
    expect(count(once.server.calls, /\/status\/stream$/)).toBe(2);
    const always = await clientFor(queueWith({ stream: garbled }));
    await expect(subscribe(always.client, ENDPOINT, {}, { mode: "streaming" })).rejects.toMatchObject({ name: "FalResponseError", requestId: "req-1" });
    expect(count(always.server.calls, /\/status\/stream$/)).toBe(3);
  });

  test("is closed after COMPLETED even when the server keeps it open", async () => {
    let open = 0;
    let closed = 0;
    const { client } = await clientFor(
      queueWith({
        stream: () => {
          open++;
          const events = `data: ${JSON.stringify({ status: "COMPLETED", request_id: "req-1" })}\n\n`;
          // The event, then nothing, ever: the connection stays open until the client lets go.
          const body = new ReadableStream<Uint8Array>({
            start: (controller) => controller.enqueue(new TextEncoder().encode(events)),
            cancel: () => void closed++,
          });
          return new Response(body, { headers: { "content-type": "text/event-stream" } });
        },
      }),
    );
    const calls = await Promise.all(Array.from({ length: 20 }, () => subscribe(client, ENDPOINT, {}, { mode: "streaming" })));
    expect(calls).toHaveLength(20);
    const deadline = Date.now() + 3000;
    while (closed < open && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect({ open, closed }).toEqual({ open: 20, closed: 20 });
  });
});

describe("logs are an array or absent, never null", () => {
  const nullLogs = [
    { status: "IN_PROGRESS", logs: null },
    { status: "COMPLETED", logs: null, metrics: {} },
  ];

  test("in polled and streamed statuses", async () => {
    const { client } = await clientFor(fakeQueue({ statuses: nullLogs }));
    const polled = await status(client, ENDPOINT, "req-1");
    expect(polled.status).toBe("IN_PROGRESS");
    expect("logs" in polled).toBe(false);
    const streamed: QueueStatus[] = [];
    for await (const event of streamStatus(client, ENDPOINT, "req-1")) streamed.push(event);
    expect(streamed.map((event) => event.logs)).toEqual([undefined, undefined]);
  });

  test("in what subscribe hands onQueueUpdate, in both modes, with logs off and on", async () => {
    for (const mode of ["polling", "streaming"] as const) {
      const { client } = await clientFor(fakeQueue({ statuses: nullLogs }));
      const seen: QueueStatus[] = [];
      await subscribe(client, ENDPOINT, {}, { mode, pollInterval: 1, onQueueUpdate: (s) => seen.push(s) });
      expect(seen.every((s) => s.logs === undefined)).toBe(true);
      const withLogs: QueueStatus[] = [];
      const logged = await clientFor(fakeQueue());
      await subscribe(logged.client, ENDPOINT, {}, { mode, logs: true, pollInterval: 1, onQueueUpdate: (s) => withLogs.push(s) });
      expect(withLogs.at(-1)?.logs?.length).toBeGreaterThan(0);
    }
  });
});

describe("request URLs", () => {
  test.each([
    ["workflows/acme/pipeline/step", "/workflows/acme/pipeline"],
    ["comfy/acme/graph", "/comfy/acme/graph"],
    ["comfy/acme/graph/v2/run", "/comfy/acme/graph"],
    ["fal-ai/bytedance/seedream/v4/text-to-image", "/fal-ai/bytedance"],
  ])("of %s live under %s, for status, its stream, result and cancel", async (endpointId, app) => {
    const { server, client } = await clientFor(fakeQueue());
    await status(client, endpointId, "r-1");
    for await (const _ of streamStatus(client, endpointId, "r-1"));
    await result(client, endpointId, "r-1");
    await cancel(client, endpointId, "r-1");
    expect(server.calls).toEqual([`GET ${app}/requests/r-1/status`, `GET ${app}/requests/r-1/status/stream`, `GET ${app}/requests/r-1`, `PUT ${app}/requests/r-1/cancel`]);
  });

  test.each([
    ["another origin", (evil: string) => `${evil}/fal-ai/flux/requests/req-1`],
    ["a look-alike host", (_evil: string, queue: string) => `${queue}.evil.example/fal-ai/flux/requests/req-1`],
    ["another scheme", (_evil: string, queue: string) => `${queue.replace("http:", "ws:")}/fal-ai/flux/requests/req-1`],
    ["a path that climbs out", (_evil: string, queue: string) => `${queue}/fal-ai/../other/requests/req-1`],
    ["a path that climbs out, encoded", (_evil: string, queue: string) => `${queue}/fal-ai/flux/%2e%2e/%2E%2E/other/requests/req-1`],
    ["user info", (_evil: string, queue: string) => queue.replace("http://", "http://user:pw@") + "/fal-ai/flux/requests/req-1"],
    ["a query", (_evil: string, queue: string) => `${queue}/fal-ai/flux/requests/req-1?x=/requests/req-1`],
    ["not a URL", () => "not a url/requests/req-1"],
  ])("a submit answer pointing at %s: the key is never sent there", async (_what, where) => {
    const evil = await serve(() => json({ status: "COMPLETED" }));
    let queueUrl = "";
    const requests = fakeQueue({ statuses: [{ status: "COMPLETED" }] });
    const server = await serve((request) => {
      if (new URL(request.url).pathname.includes("/requests/")) return requests(request);
      const url = where(evil.url, queueUrl);
      return json({ status: "IN_QUEUE", request_id: "req-1", response_url: url, status_url: `${url}/status`, cancel_url: `${url}/cancel`, queue_position: 0 });
    });
    queueUrl = server.url;
    const client = createFalClient({ credentials: KEY, queueUrl, retry: fastRetry });
    for (const mode of ["polling", "streaming"] as const) {
      await expect(subscribe(client, ENDPOINT, {}, { mode, pollInterval: 1 })).resolves.toEqual({ data: { images: [] }, requestId: "req-1" });
    }
    const submitted = await submit(client, ENDPOINT, {});
    expect(submitted.responseUrl).toBe(`${queueUrl}/fal-ai/flux/requests/req-1`);
    expect(submitted.statusUrl).toBe(`${queueUrl}/fal-ai/flux/requests/req-1/status`);
    expect(evil.calls).toEqual([]);
    expect(server.calls.filter((c) => c.includes("/requests/")).every((c) => c.includes(" /fal-ai/flux/requests/req-1"))).toBe(true);
  });
});
