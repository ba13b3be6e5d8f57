import { describe, expect, test } from "vitest";
import { createFalClient } from "../../generator/runtime/client.js";
import type { RetryOptions } from "../../generator/runtime/index.js";
import { FalApiError, FalNetworkError } from "../../generator/runtime/errors.js";
import { request } from "../../generator/runtime/internal/request.js";
import { isRetryable, parseRetryAfter, retryDelay } from "../../generator/runtime/internal/retry.js";

const apiError = (status: number, headers: Record<string, string> = {}) => new FalApiError(new Response(null, { status, headers }), null);
const policy: RetryOptions = { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 4 };

describe("isRetryable", () => {
  test.each([408, 429, 500, 502, 503, 504])("status %i is retried for idempotent calls, never for a submit", (status) => {
    expect(isRetryable(apiError(status), true)).toBe(true);
    expect(isRetryable(apiError(status), false)).toBe(false);
  });

  test.each([400, 401, 403, 404, 422])("status %i is not retried", (status) => {
    expect(isRetryable(apiError(status), true)).toBe(false);
  });

  test("a 504 caused by the caller's own startTimeout is not retried", () => {
    expect(isRetryable(apiError(504, { "x-fal-request-timeout-type": "user" }), true)).toBe(false);
  });

  test("network errors: idempotent calls retry; a submit only when it provably never left", () => {
    const sent = new FalNetworkError("reset", { requestSent: true });
    const refused = new FalNetworkError("refused", { requestSent: false });
    expect(isRetryable(sent, true)).toBe(true);
    expect(isRetryable(sent, false)).toBe(false);
    expect(isRetryable(refused, false)).toBe(true);
  });

  test("other errors are not retried", () => {
    expect(isRetryable(new TypeError("bug"), true)).toBe(false);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2024-01-01T00:00:00Z");
  test.each([
    ["3", 3000],
    ["0", 0],
    ["1.5", 1500],
    ["Mon, 01 Jan 2024 00:00:10 GMT", 10_000],
    ["Sun, 31 Dec 2023 23:59:00 GMT", 0],
  ])("%s -> %i ms", (value, ms) => expect(parseRetryAfter(value, now)).toBe(ms));

  test.each([null, "", "soon"])("%s is ignored", (value) => expect(parseRetryAfter(value, now)).toBeUndefined());
});

describe("retryDelay", () => {
  const backoff: RetryOptions = { maxRetries: 5, baseDelayMs: 100, maxDelayMs: 1000 };

  test("full jitter within an exponentially growing, capped window", () => {
    expect(retryDelay(0, backoff, apiError(503), 0, () => 0.999)).toBeCloseTo(99.9);
    expect(retryDelay(3, backoff, apiError(503), 0, () => 0.5)).toBe(400);
    expect(retryDelay(10, backoff, apiError(503), 0, () => 0.5)).toBe(500);
    expect(retryDelay(2, backoff, apiError(503), 0, () => 0)).toBe(0);
  });

  test("Retry-After overrides the backoff, up to maxDelayMs; a longer one is not waited for", () => {
    expect(retryDelay(0, backoff, apiError(429, { "retry-after": "0.7" }), 0, () => 0.5)).toBe(700);
    expect(retryDelay(0, backoff, apiError(429, { "retry-after": "1" }), 0, () => 0.5)).toBe(1000);
    expect(retryDelay(0, backoff, apiError(429, { "retry-after": "7" }), 0, () => 0.5)).toBeUndefined();
    expect(retryDelay(0, backoff, apiError(429, { "retry-after": "Fri, 01 Jan 2100 00:00:00 GMT" }), 0, () => 0.5)).toBeUndefined();
  });
});

describe("request retries under the policy", () => {
  const signal = new AbortController().signal;
  const reply = (status: number, headers: Record<string, string> = {}) => new Response(JSON.stringify({ detail: "busy" }), { status, headers });
  /** One request through a client whose fetch is `answer`, under `retry` (the client's policy is another, unused one). */
  const send = (retry: RetryOptions | false, idempotent: boolean, answer: () => Promise<Response>) =>
    request(createFalClient({ credentials: "key:secret", retry: { maxRetries: 9 }, fetch: answer }), { url: "https://queue.fal.run/x", signal, idempotent, retry });

  test("repeats a retryable failure, then returns the success", async () => {
    let calls = 0;
    const value = await send(policy, true, async () => (++calls < 3 ? reply(503) : Response.json("ok")));
    expect([value, calls]).toEqual(["ok", 3]);
  });

  test("gives up after maxRetries and throws the last error", async () => {
    let calls = 0;
    const failure = send(policy, true, async () => {
      calls++;
      return reply(502);
    });
    await expect(failure).rejects.toMatchObject({ status: 502 });
    expect(calls).toBe(1 + policy.maxRetries);
  });

  test("a submit is tried once on a 503", async () => {
    let calls = 0;
    const failure = send(policy, false, async () => {
      calls++;
      return reply(503);
    });
    await expect(failure).rejects.toBeInstanceOf(FalApiError);
    expect(calls).toBe(1);
  });

  test("retry: false tries once", async () => {
    let calls = 0;
    const failure = send(false, true, async () => {
      calls++;
      return reply(503);
    });
    await expect(failure).rejects.toThrow();
    expect(calls).toBe(1);
  });

  test("waits as long as Retry-After asks", async () => {
    let calls = 0;
    const started = Date.now();
    await send({ maxRetries: 1, baseDelayMs: 0, maxDelayMs: 1000 }, true, async () => (++calls === 1 ? reply(429, { "retry-after": "1" }) : Response.json(null)));
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });
});
