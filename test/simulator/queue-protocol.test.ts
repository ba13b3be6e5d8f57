import { describe, expect, it } from "vitest";
import { startSimulator } from "../../generator/simulator/start-simulator.js";
import { SHARED_FIXTURES } from "../helpers/temp-dir.js";
import {
  AUTH,
  BROKEN_FIXTURE,
  KEY,
  call,
  exampleInput,
  fixtureEndpoints,
  fixtureSpecsDir,
  pollUntilCompleted,
  readSse,
  startTestSimulator,
  submit,
} from "./simulator-fixture.js";

// Phases long enough for a test to meet a request queued or running on a loaded machine (the
// default 30 ms is not).
const simulator = await startTestSimulator({ queueMs: 100, runMs: 100 });
// Phases long enough for polls to see each one on a loaded machine, while the walks run at once
// (at 400 ms one failed under load 8, with the rest of the fast set running).
const walks = await startTestSimulator({ queueMs: 800, runMs: 800 });
const endpoints = await fixtureEndpoints();
const fluxDev = endpoints.find((endpoint) => endpoint.endpointId === "fal-ai/flux/dev")!;
// An endpoint's first validation compiles its schemas (tens of ms of CPU, here and in the
// simulator, this same process): done now, one endpoint at a time, so that the walks, which run at
// once, do not wait behind eight compilations before their first poll. A body that is not an
// object is refused, so nothing is queued.
const inputs = new Map(endpoints.map((endpoint) => [endpoint, exampleInput(endpoint)] as const));
for (const endpoint of endpoints) {
  endpoint.validator.errors(endpoint.inputPointer, inputs.get(endpoint));
  endpoint.validator.errors(endpoint.outputPointer, {});
  await (await call(`${walks.url}/${endpoint.endpointId}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "[]" })).arrayBuffer();
}

describe("the queue walk, for every valid fixture", () => {
  it("serves every valid fixture", () => {
    expect(simulator.endpointIds).toEqual(endpoints.map((endpoint) => endpoint.endpointId).sort());
    expect(simulator.endpointIds).toHaveLength(8);
  });

  // All at once (their requests are distinct and each walks on its own timers): the walk is waiting.
  it.concurrent.each(endpoints.map((endpoint) => [endpoint.endpointId, endpoint] as const))("%s: submit -> IN_QUEUE -> IN_PROGRESS (logs) -> COMPLETED -> a valid Output", async (endpointId, endpoint) => {
    const input = inputs.get(endpoint)!;
    expect(endpoint.validator.errors(endpoint.inputPointer, input)).toEqual([]);
    const submitted = await submit(walks, endpointId, input);

    expect(submitted.status).toBe("IN_QUEUE");
    expect(submitted.request_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(submitted.queue_position).toBe(2);
    const base = `${walks.url}/${endpoint.appPath}/requests/${submitted.request_id}`;
    expect(endpoint.appPath.split("/")).toHaveLength(2);
    expect(submitted).toMatchObject({ response_url: base, status_url: `${base}/status`, cancel_url: `${base}/cancel` });

    const statuses = await pollUntilCompleted(submitted.status_url, {}, 20);
    const phases = statuses.map((status) => status.status);
    expect(phases[0]).toBe("IN_QUEUE");
    expect(phases).toContain("IN_PROGRESS");
    expect(phases.at(-1)).toBe("COMPLETED");
    expect(phases.indexOf("IN_PROGRESS")).toBeGreaterThan(phases.lastIndexOf("IN_QUEUE"));
    const positions = statuses.filter((status) => status.status === "IN_QUEUE").map((status) => status.queue_position as number);
    expect(positions).toEqual([...positions].sort((a, b) => b - a));
    for (const status of statuses) {
      expect(status).toMatchObject({ request_id: submitted.request_id, response_url: base, status_url: `${base}/status`, cancel_url: `${base}/cancel` });
    }
    const completed = statuses.at(-1)!;
    expect(completed.logs).toHaveLength(3);
    for (const log of completed.logs as Record<string, unknown>[]) {
      expect(log).toEqual({ message: expect.any(String), level: "INFO", source: "USER", timestamp: expect.any(String) });
      expect(Number.isNaN(Date.parse(log.timestamp as string))).toBe(false);
    }
    expect((completed.metrics as { inference_time: number }).inference_time).toBeGreaterThan(0);

    const result = await call(submitted.response_url);
    expect(result.status).toBe(200);
    expect(result.headers.get("x-fal-request-id")).toBe(submitted.request_id);
    const output = await result.json();
    expect(endpoint.validator.errors(endpoint.outputPointer, output)).toEqual([]);
    for (const url of JSON.stringify(output).match(/https?:\/\/[^"]+/g) ?? []) expect(url.startsWith(`${walks.url}/_files/`)).toBe(true);
  });
});

describe("status", () => {
  it("answers 202 while queued or running and 200 once complete; IN_PROGRESS carries logs only when asked", async () => {
    const slow = await startTestSimulator({ queueMs: 100, runMs: 800 });
    const submitted = await submit(slow, fluxDev.endpointId, { prompt: "a red fox" });
    const queued = await call(submitted.status_url);
    expect(queued.status).toBe(202);
    expect(await queued.json()).toMatchObject({ status: "IN_QUEUE", queue_position: expect.any(Number) });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const running = await call(submitted.status_url);
    expect(running.status).toBe(202);
    expect(await running.json()).toMatchObject({ status: "IN_PROGRESS", logs: null, metrics: {} });
    const withLogs = (await (await call(`${submitted.status_url}?logs=1`)).json()) as { logs: unknown[] };
    expect(withLogs.logs.length).toBeGreaterThan(0);
    const statuses = await pollUntilCompleted(submitted.status_url);
    expect(statuses.at(-1)!.status).toBe("COMPLETED");
    expect((await call(submitted.status_url)).status).toBe(200);
  });

  it("counts queue_position down to 0 before IN_PROGRESS", async () => {
    // 200 ms a position: 100 ms missed one under load 8, with the rest of the fast set running.
    const slow = await startTestSimulator({ queueMs: 800, runMs: 10, queueDepth: 3 });
    const submitted = await submit(slow, fluxDev.endpointId, { prompt: "a red fox" });
    expect(submitted.queue_position).toBe(3);
    const statuses = await pollUntilCompleted(submitted.status_url);
    const positions = [...new Set(statuses.filter((status) => status.status === "IN_QUEUE").map((status) => status.queue_position))];
    expect(positions).toEqual([3, 2, 1, 0]);
  });

  it("404s for an unknown request, and for the full endpoint id path (status lives under owner/app)", async () => {
    const unknown = await call(`${simulator.url}/fal-ai/flux/requests/00000000-0000-0000-0000-000000000000/status`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ detail: expect.stringContaining("not found") });
    const submitted = await submit(simulator, fluxDev.endpointId, { prompt: "a red fox" });
    const fullId = await call(`${simulator.url}/fal-ai/flux/dev/requests/${submitted.request_id}/status`);
    expect(fullId.status).toBe(404);
    expect(((await fullId.json()) as { detail: string }).detail).toContain("/fal-ai/flux/requests/");
  });
});

describe("result", () => {
  it("answers 400 'Request is still in progress' before completion", async () => {
    const slow = await startTestSimulator({ queueMs: 200, runMs: 200 });
    const submitted = await submit(slow, fluxDev.endpointId, { prompt: "a red fox" });
    const early = await call(submitted.response_url);
    expect(early.status).toBe(400);
    expect(early.headers.get("x-fal-request-id")).toBe(submitted.request_id);
    expect(await early.json()).toEqual({
      detail: "Request is still in progress",
      request_id: submitted.request_id,
      response_url: submitted.response_url,
      status_url: submitted.status_url,
      cancel_url: submitted.cancel_url,
    });
  });

  it("echoes the input: seed, prompt, num_images and image_size", async () => {
    const submitted = await submit(simulator, fluxDev.endpointId, { prompt: "two foxes", seed: 4242, num_images: 2, image_size: "portrait_16_9" });
    await pollUntilCompleted(submitted.status_url);
    const output = (await (await call(submitted.response_url)).json()) as { seed: number; prompt: string; images: { width: number; height: number }[]; has_nsfw_concepts: boolean[] };
    expect(output.seed).toBe(4242);
    expect(output.prompt).toBe("two foxes");
    expect(output.images).toHaveLength(2);
    expect(output.has_nsfw_concepts).toHaveLength(2);
    expect(output.images[0]).toMatchObject({ width: 576, height: 1024 });
  });

  it("fails with 504 and x-fal-request-timeout-type: user when x-fal-request-timeout passes while queued", async () => {
    const slow = await startTestSimulator({ queueMs: 3000, runMs: 10 });
    const submitted = await submit(slow, fluxDev.endpointId, { prompt: "a red fox" }, { "x-fal-request-timeout": "0.05" });
    const statuses = await pollUntilCompleted(submitted.status_url);
    expect(statuses.at(-1)).toMatchObject({ status: "COMPLETED", error_type: "request_timeout", error: expect.any(String) });
    const result = await call(submitted.response_url);
    expect(result.status).toBe(504);
    expect(result.headers.get("x-fal-request-timeout-type")).toBe("user");
    expect(result.headers.get("x-fal-error-type")).toBe("request_timeout");
    expect(await result.json()).toEqual({ detail: expect.any(String), error_type: "request_timeout" });
  });

  it("rejects a malformed x-fal-request-timeout or priority with 400", async () => {
    for (const headers of [{ "x-fal-request-timeout": "soon" }, { "x-fal-queue-priority": "urgent" }] as Record<string, string>[]) {
      const response = await call(`${simulator.url}/${fluxDev.endpointId}`, { method: "POST", headers, body: JSON.stringify({ prompt: "x" }) });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ detail: expect.any(String), error_type: "bad_request" });
    }
  });
});

// The shared simulator only: at once.
describe.concurrent("SSE status stream", () => {
  it("sends one JSON status per event, with new logs only, and closes after COMPLETED", async () => {
    const submitted = await submit(simulator, fluxDev.endpointId, { prompt: "a red fox" });
    const response = await call(`${submitted.status_url}/stream?logs=1`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const events = await readSse(response);
    expect(events.length).toBeGreaterThan(2);
    expect(events.at(-1)!.status).toBe("COMPLETED");
    expect(events.filter((event) => event.status === "COMPLETED")).toHaveLength(1);
    expect(events.map((event) => event.status)).toContain("IN_PROGRESS");
    const logs = events.flatMap((event) => (event.logs as unknown[] | undefined) ?? []);
    expect(logs).toHaveLength(3);
    for (const event of events) expect(event).toMatchObject({ request_id: submitted.request_id, status_url: submitted.status_url, response_url: submitted.response_url, cancel_url: submitted.cancel_url });
  });

  it("on a completed request sends the COMPLETED status and closes", async () => {
    const submitted = await submit(simulator, fluxDev.endpointId, { prompt: "a red fox" });
    await pollUntilCompleted(submitted.status_url);
    const events = await readSse(await call(`${submitted.status_url}/stream`));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ status: "COMPLETED", logs: null });
  });
});

describe("cancel", () => {
  it("202 CANCELLATION_REQUESTED while queued; the request then completes as cancelled", async () => {
    const slow = await startTestSimulator({ queueMs: 500, runMs: 500 });
    const submitted = await submit(slow, fluxDev.endpointId, { prompt: "a red fox" });
    const cancelled = await call(submitted.cancel_url, { method: "PUT" });
    expect(cancelled.status).toBe(202);
    expect(await cancelled.json()).toEqual({ status: "CANCELLATION_REQUESTED" });
    const status = (await (await call(submitted.status_url)).json()) as Record<string, unknown>;
    expect(status).toMatchObject({ status: "COMPLETED", error_type: "client_cancelled" });
    const result = await call(submitted.response_url);
    expect(result.status).toBe(499);
    expect(await result.json()).toMatchObject({ error_type: "client_cancelled" });
  });

  it("400 ALREADY_COMPLETED once complete, 404 for an unknown request", async () => {
    const submitted = await submit(simulator, fluxDev.endpointId, { prompt: "a red fox" });
    await pollUntilCompleted(submitted.status_url);
    const late = await call(submitted.cancel_url, { method: "PUT" });
    expect(late.status).toBe(400);
    expect(await late.json()).toEqual({ status: "ALREADY_COMPLETED" });
    const unknown = await call(`${simulator.url}/fal-ai/flux/requests/11111111-1111-1111-1111-111111111111/cancel`, { method: "PUT" });
    expect(unknown.status).toBe(404);
  });
});

describe("input validation (422, FastAPI-shaped)", () => {
  const post = (body: string) => call(`${simulator.url}/${fluxDev.endpointId}`, { method: "POST", headers: { "Content-Type": "application/json" }, body });

  it("reports a missing required field as loc [body, field], type missing, msg Field required", async () => {
    const response = await post(JSON.stringify({ num_images: 1 }));
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ detail: [{ loc: ["body", "prompt"], msg: "Field required", type: "missing", url: expect.any(String) }] });
  });

  it("reports every bad field with its path, through anyOf and $ref", async () => {
    const response = await post(JSON.stringify({ prompt: 7, num_images: 9, image_size: { width: 0, height: 64 }, output_format: "gif", seed: "x" }));
    expect(response.status).toBe(422);
    const { detail } = (await response.json()) as { detail: { loc: unknown[]; type: string; msg: string }[] };
    expect(detail.map((error) => [error.loc, error.type])).toEqual([
      [["body", "prompt"], "string_type"],
      [["body", "num_images"], "less_than_equal"],
      [["body", "image_size", "width"], "greater_than"],
      [["body", "output_format"], "enum"],
      [["body", "seed"], "int_type"],
    ]);
    expect(detail[1]!.msg).toBe("Input should be less than or equal to 4");
    expect(detail[3]!.msg).toBe("Input should be 'jpeg' or 'png'");
  });

  it("rejects a body that is not JSON, and an empty body", async () => {
    const broken = await post("{not json");
    expect(broken.status).toBe(422);
    expect(((await broken.json()) as { detail: { type: string }[] }).detail[0]!.type).toBe("json_invalid");
    const empty = await post("");
    expect(empty.status).toBe(422);
    expect(await empty.json()).toMatchObject({ detail: [{ loc: ["body"], type: "missing" }] });
  });

  it("does not enqueue an invalid request", async () => {
    const before = simulator.stats().submitsByEndpoint[fluxDev.endpointId] ?? 0;
    await post(JSON.stringify({}));
    expect(simulator.stats().submitsByEndpoint[fluxDev.endpointId] ?? 0).toBe(before);
  });
});

describe("auth and unknown endpoints", () => {
  it("401s every queue and storage route without a key or with a wrong one, never echoing the key", async () => {
    const wrongKey = "wrong-key-which-must-not-be-echoed";
    const urls: [string, RequestInit][] = [
      [`${simulator.url}/${fluxDev.endpointId}`, { method: "POST", body: "{}" }],
      [`${simulator.url}/fal-ai/flux/requests/x/status`, {}],
      [`${simulator.url}/fal-ai/flux/requests/x/status/stream`, {}],
      [`${simulator.url}/fal-ai/flux/requests/x`, {}],
      [`${simulator.url}/fal-ai/flux/requests/x/cancel`, { method: "PUT" }],
      [`${simulator.storageUrl}/storage/upload/initiate?storage_type=fal-cdn-v3`, { method: "POST", body: "{}" }],
    ];
    for (const [url, init] of urls) {
      for (const headers of [{}, { Authorization: `Key ${wrongKey}` }, { Authorization: `Bearer ${KEY}` }] as Record<string, string>[]) {
        const response = await fetch(url, { ...init, headers });
        expect(response.status, url).toBe(401);
        const text = await response.text();
        expect(JSON.parse(text)).toEqual({ detail: expect.any(String) });
        expect(text).not.toContain(wrongKey);
        expect(text).not.toContain(KEY);
      }
    }
  });

  it("accepts any non-empty key when no keys are configured", async () => {
    const open = await startTestSimulator({ apiKeys: undefined });
    const response = await fetch(`${open.url}/${fluxDev.endpointId}`, { method: "POST", headers: { Authorization: "Key anything" }, body: JSON.stringify({ prompt: "x" }) });
    expect(response.status).toBe(200);
    expect((await fetch(`${open.url}/${fluxDev.endpointId}`, { method: "POST", headers: { Authorization: "Key " }, body: "{}" })).status).toBe(401);
  });

  it("404s an unknown endpoint with {detail}", async () => {
    const response = await call(`${simulator.url}/fal-ai/does-not-exist`, { method: "POST", body: "{}" });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ detail: expect.stringContaining("fal-ai/does-not-exist") });
  });

  it("reports a broken spec without serving it, and serves the rest", async () => {
    const all = await startSimulator({ specsDir: SHARED_FIXTURES, port: 0 });
    try {
      expect(all.endpointIds).toHaveLength(8);
      expect(all.specErrors).toHaveLength(1);
      expect(all.specErrors[0]!.message).toContain(BROKEN_FIXTURE);
    } finally {
      await all.close();
    }
  });
});

describe("synchronous run (fal.run)", () => {
  it("answers the output directly", async () => {
    const response = await call(`${simulator.url}/_run/${fluxDev.endpointId}`, { method: "POST", headers: AUTH, body: JSON.stringify({ prompt: "x" }) });
    expect(response.status).toBe(200);
    expect(fluxDev.validator.errors(fluxDev.outputPointer, await response.json())).toEqual([]);
  });
});

describe("stats", () => {
  it("counts routes, submits per endpoint and each exact body", async () => {
    const own = await startTestSimulator();
    const body = { prompt: "counted once" };
    const submitted = await submit(own, fluxDev.endpointId, body);
    await pollUntilCompleted(submitted.status_url);
    await call(submitted.response_url);
    const stats = own.stats();
    expect(stats.submitsByEndpoint).toEqual({ [fluxDev.endpointId]: 1 });
    expect(stats.submittedBodies).toEqual({ [JSON.stringify(body)]: 1 });
    expect(stats.routes.submit).toBe(1);
    expect(stats.routes.result).toBe(1);
    expect(stats.routes.status).toBeGreaterThan(1);
  });
});

describe("close()", () => {
  it("ends timers, open SSE streams, pending webhook retries and keep-alive sockets, and is idempotent", async () => {
    const own = await startSimulator({ specsDir: await fixtureSpecsDir(), port: 0, queueMs: 60_000, runMs: 60_000, webhookRetryMs: 60_000 });
    const submitted = await submit(own, fluxDev.endpointId, { prompt: "never finishes" }, {}, `?fal_webhook=${encodeURIComponent("http://127.0.0.1:9/unreachable")}`);
    // Ends within the 60 s queue (its own start timeout), so its webhook is attempted, fails, and waits to be retried.
    await submit(own, fluxDev.endpointId, { prompt: "x" }, { "x-fal-request-timeout": "0.01" }, `?fal_webhook=${encodeURIComponent("http://127.0.0.1:9/unreachable")}`);
    await expect.poll(() => own.stats().webhooks.failedAttempts).toBe(1);
    const stream = await call(`${submitted.status_url}/stream`);
    const reader = stream.body!.getReader();
    await reader.read();
    const keptAlive = await call(`${own.url}/.well-known/jwks.json`);
    await keptAlive.arrayBuffer();

    const started = Date.now();
    await Promise.all([own.close(), own.close()]);
    expect(Date.now() - started).toBeLessThan(1000);
    const drained = (async () => {
      for (;;) if ((await reader.read()).done) return "ended";
    })().catch(() => "cut");
    expect(["ended", "cut"]).toContain(await drained);
    await expect(fetch(`${own.url}/.well-known/jwks.json`)).rejects.toThrow();
  });
});
