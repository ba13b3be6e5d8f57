import { describe, expect, test } from "vitest";
import { createFalClient, FalApiError, FalNetworkError, FalValidationError } from "../../generator/runtime/index.js";
import { cancel, result, status, submit } from "../../generator/runtime/endpoint-calls.js";
import { fakeQueue } from "./fake-queue.js";
import { json, serve } from "./serve.js";

const KEY = "key-id:super-secret-value";
const ENDPOINT = "fal-ai/bytedance/seedream/v4/text-to-image";
const fastRetry = { baseDelayMs: 1, maxDelayMs: 5 };

describe("submit", () => {
  test("POSTs the input to <queueUrl>/<endpoint id> with the key and the queue options", async () => {
    const server = await serve(fakeQueue());
    const client = createFalClient({ credentials: KEY, queueUrl: server.url, headers: { "x-custom": "1" } });
    const submitted = await submit(client, ENDPOINT, { prompt: "a fox" }, {
      webhookUrl: "https://example.com/hook?a=1",
      priority: "low",
      startTimeout: 30,
      hint: "warm",
    });
    const [request] = server.received;
    expect(request?.method).toBe("POST");
    expect(request?.url.pathname).toBe(`/${ENDPOINT}`);
    expect(request?.url.searchParams.get("fal_webhook")).toBe("https://example.com/hook?a=1");
    expect(JSON.parse(request?.body ?? "")).toEqual({ prompt: "a fox" });
    expect(Object.fromEntries(request?.headers ?? [])).toMatchObject({
      authorization: `Key ${KEY}`,
      "content-type": "application/json",
      "x-fal-queue-priority": "low",
      "x-fal-request-timeout": "30",
      "x-fal-runner-hint": "warm",
      "x-custom": "1",
    });
    expect(submitted).toEqual({
      requestId: "req-1",
      statusUrl: `${server.url}/fal-ai/bytedance/requests/req-1/status`,
      responseUrl: `${server.url}/fal-ai/bytedance/requests/req-1`,
      cancelUrl: `${server.url}/fal-ai/bytedance/requests/req-1/cancel`,
      queuePosition: 0,
    });
  });

  test("call headers win over the client's, and the key over both, whatever their case", async () => {
    const server = await serve(fakeQueue());
    const client = createFalClient({ credentials: KEY, queueUrl: server.url, headers: { "X-Fal-Runner-Hint": "client", Authorization: "Key stolen", "X-Keep": "k" } });
    await submit(client, ENDPOINT, {}, { hint: "call", headers: { "X-FAL-RUNNER-HINT": "header", "Content-Type": "application/json; charset=utf-8" } });
    expect(Object.fromEntries(server.received[0]?.headers ?? [])).toMatchObject({
      authorization: `Key ${KEY}`,
      "x-fal-runner-hint": "header",
      "x-keep": "k",
      "content-type": "application/json; charset=utf-8",
    });
  });

  test("sends no optional query or headers when none are given", async () => {
    const server = await serve(fakeQueue());
    await submit(createFalClient({ credentials: KEY, queueUrl: server.url }), ENDPOINT, {});
    expect(server.calls).toEqual([`POST /${ENDPOINT}`]);
    expect(server.received[0]?.headers.has("x-fal-queue-priority")).toBe(false);
  });

  test("is not retried on a 503: a paid request is never queued twice", async () => {
    const server = await serve(() => json({ detail: "busy" }, { status: 503 }));
    const failure = submit(createFalClient({ credentials: KEY, queueUrl: server.url, retry: fastRetry }), ENDPOINT, {});
    await expect(failure).rejects.toMatchObject({ name: "FalApiError", status: 503 });
    expect(server.calls).toHaveLength(1);
  });

  test("is retried when the connection was refused, since nothing reached the server", async () => {
    let attempts = 0;
    const refusingOnce: typeof fetch = async (input, init) => {
      if (++attempts === 1) throw new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) });
      return json({ request_id: "r", response_url: "u", status_url: "s", cancel_url: "c", queue_position: 0 });
    };
    const client = createFalClient({ credentials: KEY, fetch: refusingOnce, retry: fastRetry });
    await expect(submit(client, ENDPOINT, {})).resolves.toMatchObject({ requestId: "r" });
    expect(attempts).toBe(2);
  });

  test("is not retried after a connection reset (the request may have arrived)", async () => {
    let attempts = 0;
    const resetting: typeof fetch = async () => {
      attempts++;
      throw new TypeError("fetch failed", { cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }) });
    };
    const failure = submit(createFalClient({ credentials: KEY, fetch: resetting, retry: fastRetry }), ENDPOINT, {});
    await expect(failure).rejects.toMatchObject({ name: "FalNetworkError", requestSent: true });
    expect(attempts).toBe(1);
  });

  test("a 422 becomes a FalValidationError with the field errors", async () => {
    const detail = [{ loc: ["body", "prompt"], msg: "field required", type: "missing" }];
    const server = await serve(() => json({ detail }, { status: 422, headers: { "x-fal-error-type": "validation_error", "x-fal-request-id": "gw-1" } }));
    const error = await submit(createFalClient({ credentials: KEY, queueUrl: server.url }), ENDPOINT, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FalValidationError);
    expect(error).toMatchObject({ status: 422, fieldErrors: detail, errorType: "validation_error", requestId: "gw-1", body: { detail } });
    expect((error as Error).message).toBe("fal API error 422: prompt: field required");
  });
});

describe("status, result, cancel", () => {
  test("live under owner/app, whatever the endpoint's full id", async () => {
    const server = await serve(fakeQueue());
    const client = createFalClient({ credentials: KEY, queueUrl: server.url });
    await status(client, ENDPOINT, "req-1", { logs: true });
    await status(client, ENDPOINT, "req-1");
    await expect(result(client, ENDPOINT, "req-1")).resolves.toEqual({ data: { images: [] }, requestId: "req-1" });
    await cancel(client, ENDPOINT, "req-1");
    expect(server.calls).toEqual([
      "GET /fal-ai/bytedance/requests/req-1/status?logs=1",
      "GET /fal-ai/bytedance/requests/req-1/status",
      "GET /fal-ai/bytedance/requests/req-1",
      "PUT /fal-ai/bytedance/requests/req-1/cancel",
    ]);
    expect(server.received.every((r) => r.headers.get("authorization") === `Key ${KEY}`)).toBe(true);
  });

  test.each([
    ["workflows/acme/pipeline/step", "/workflows/acme/pipeline"],
    ["comfy/acme/graph", "/comfy/acme/graph"],
    ["fal-ai/veo3", "/fal-ai/veo3"],
  ])("%s: status, result and cancel live under %s (fal's namespace rule)", async (endpointId, app) => {
    const server = await serve(fakeQueue());
    const client = createFalClient({ credentials: KEY, queueUrl: server.url });
    await status(client, endpointId, "req-1");
    await result(client, endpointId, "req-1");
    await cancel(client, endpointId, "req-1");
    expect(server.calls).toEqual([`GET ${app}/requests/req-1/status`, `GET ${app}/requests/req-1`, `PUT ${app}/requests/req-1/cancel`]);
  });

  test("status is retried on 503 and 429, honouring Retry-After", async () => {
    let calls = 0;
    const server = await serve(() => {
      calls++;
      if (calls === 1) return json({ detail: "busy" }, { status: 503 });
      if (calls === 2) return json({ detail: "slow down" }, { status: 429, headers: { "retry-after": "0" } });
      return json({ status: "IN_PROGRESS", request_id: "req-1" });
    });
    const client = createFalClient({ credentials: KEY, queueUrl: server.url, retry: fastRetry });
    await expect(status(client, ENDPOINT, "req-1")).resolves.toMatchObject({ status: "IN_PROGRESS" });
    expect(calls).toBe(3);
  });

  test("errors carry the request id, and network errors are FalNetworkErrors", async () => {
    const server = await serve(() => json({ detail: "gone" }, { status: 500 }));
    const client = createFalClient({ credentials: KEY, queueUrl: server.url, retry: false });
    await expect(result(client, ENDPOINT, "req-7")).rejects.toMatchObject({ name: "FalApiError", status: 500, requestId: "req-7" });
    const offline = createFalClient({ credentials: KEY, queueUrl: "http://127.0.0.1:9", retry: false });
    const error = await status(offline, ENDPOINT, "req-8").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FalNetworkError);
    expect(error).toMatchObject({ requestId: "req-8" });
  });

  test("cancel of a completed request rejects with the 400 ALREADY_COMPLETED", async () => {
    const server = await serve(() => json({ status: "ALREADY_COMPLETED" }, { status: 400 }));
    const error = await cancel(createFalClient({ credentials: KEY, queueUrl: server.url }), ENDPOINT, "req-1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FalApiError);
    expect(error).toMatchObject({ status: 400, body: { status: "ALREADY_COMPLETED" }, requestId: "req-1" });
    expect((error as Error).message).toContain("ALREADY_COMPLETED");
  });

  test("an aborted signal rejects with a FalAbortError carrying the request id", async () => {
    const server = await serve(() => new Promise<Response>(() => {}));
    const controller = new AbortController();
    const pending = status(createFalClient({ credentials: KEY, queueUrl: server.url }), ENDPOINT, "req-3", { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: "FalAbortError", requestId: "req-3" });
  });
});
