import { describe, expect, it } from "vitest";
import { parseFaultHeader } from "../../generator/simulator/faults/faults.js";
import { AUTH, call, pollUntilCompleted, startTestSimulator, submit } from "./simulator-fixture.js";

const ENDPOINT = "fal-ai/flux/dev";
const simulator = await startTestSimulator();
// Made here, not in its test: a resource a concurrent test makes could be closed when another ends
// (test/helpers/cleanup.ts).
const slow = await startTestSimulator({ queueMs: 500, runMs: 50 });

async function statusCodes(url: string, count: number, headers: Record<string, string> = {}): Promise<(number | "dropped")[]> {
  const codes: (number | "dropped")[] = [];
  for (let index = 0; index < count; index++) {
    try {
      const response = await call(url, { headers });
      await response.arrayBuffer();
      codes.push(response.status);
    } catch {
      codes.push("dropped");
    }
  }
  return codes;
}

// Each test its own request and fault (the one stats count read here, status:503, is this block's alone): at once.
describe.concurrent("x-sim-faults on submit: faults for that request's later calls", () => {
  it("status=503*2 fails exactly the first two status calls, with fal's error shape", async () => {
    const submitted = await submit(simulator, ENDPOINT, { prompt: "status faults" }, { "x-sim-faults": "status=503*2" });
    const first = await call(submitted.status_url);
    expect(first.status).toBe(503);
    expect(first.headers.get("x-fal-error-type")).toBe("runner_connection_error");
    expect(await first.json()).toEqual({ detail: expect.any(String), error_type: "runner_connection_error" });
    expect((await call(submitted.status_url)).status).toBe(503);
    expect([200, 202]).toContain((await call(submitted.status_url)).status);
    expect(simulator.stats().faults["status:503"]).toBe(2);
  });

  it("result=drop destroys the connection once; the next call answers", async () => {
    const submitted = await submit(simulator, ENDPOINT, { prompt: "result drop" }, { "x-sim-faults": "result=drop" });
    await pollUntilCompleted(submitted.status_url);
    await expect(call(submitted.response_url)).rejects.toThrow();
    expect((await call(submitted.response_url)).status).toBe(200);
  });

  it("stream=drop-after sends the first event, then cuts the stream", async () => {
    const submitted = await submit(slow, ENDPOINT, { prompt: "stream cut" }, { "x-sim-faults": "stream=drop-after" });
    const response = await call(`${submitted.status_url}/stream`);
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const first = await reader.read();
    // Any status: on a loaded machine the request may have left the queue before the stream opened.
    expect(new TextDecoder().decode(first.value)).toMatch(/^data: \{"status":"(IN_QUEUE|IN_PROGRESS|COMPLETED)"/);
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) return "ended";
      })(),
    ).rejects.toThrow();
    const again = await (await call(`${submitted.status_url}/stream`)).text();
    expect(again).toContain('"status":"COMPLETED"');
  });

  it("cancel=429:3 answers 429 with Retry-After: 3", async () => {
    const submitted = await submit(simulator, ENDPOINT, { prompt: "cancel limited" }, { "x-sim-faults": "cancel=429:3" });
    const limited = await call(submitted.cancel_url, { method: "PUT" });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("3");
    expect(await limited.json()).toEqual({ detail: expect.any(String) });
    expect([202, 400]).toContain((await call(submitted.cancel_url, { method: "PUT" })).status);
  });

  it("status=slow:150 delays the answer", async () => {
    const submitted = await submit(simulator, ENDPOINT, { prompt: "slow" }, { "x-sim-faults": "status=slow:150" });
    const started = Date.now();
    expect((await call(submitted.status_url)).ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("outcome=503 makes the request itself fail: COMPLETED with error, result 503", async () => {
    const submitted = await submit(simulator, ENDPOINT, { prompt: "doomed" }, { "x-sim-faults": "outcome=503" });
    const statuses = await pollUntilCompleted(submitted.status_url);
    expect(statuses.at(-1)).toMatchObject({ status: "COMPLETED", error: expect.any(String), error_type: "runner_connection_error" });
    const result = await call(submitted.response_url);
    expect(result.status).toBe(503);
    expect(result.headers.get("x-fal-request-id")).toBe(submitted.request_id);
  });
});

describe("x-sim-faults on the submit call itself", () => {
  it("submit=500 fails the first submit; a retry with the same header value succeeds and the body is enqueued once", async () => {
    const own = await startTestSimulator();
    const body = JSON.stringify({ prompt: "retried submit" });
    const headers = { ...AUTH, "Content-Type": "application/json", "x-sim-faults": "submit=500,status=502" };
    const first = await fetch(`${own.url}/${ENDPOINT}`, { method: "POST", headers, body });
    expect(first.status).toBe(500);
    const second = await fetch(`${own.url}/${ENDPOINT}`, { method: "POST", headers, body });
    expect(second.status).toBe(200);
    const submitted = (await second.json()) as { status_url: string };
    expect((await call(submitted.status_url)).status).toBe(502);
    expect(own.stats().submittedBodies).toEqual({ [body]: 1 });
  });

  it("submit=drop-after enqueues the request but loses the response (a blind retry would submit twice)", async () => {
    const own = await startTestSimulator();
    const body = JSON.stringify({ prompt: "lost response" });
    const headers = { ...AUTH, "x-sim-faults": "submit=drop-after" };
    await expect(fetch(`${own.url}/${ENDPOINT}`, { method: "POST", headers, body })).rejects.toThrow();
    expect(own.stats().submittedBodies).toEqual({ [body]: 1 });
    await fetch(`${own.url}/${ENDPOINT}`, { method: "POST", headers, body });
    expect(own.stats().submittedBodies).toEqual({ [body]: 2 });
  });

  it("submit=drop destroys the connection before anything is enqueued", async () => {
    const own = await startTestSimulator();
    await expect(fetch(`${own.url}/${ENDPOINT}`, { method: "POST", headers: { ...AUTH, "x-sim-faults": "submit=drop" }, body: "{}" })).rejects.toThrow();
    expect(own.stats().submittedBodies).toEqual({});
  });

  it("storage=503 fails an upload initiation", async () => {
    const response = await call(`${simulator.storageUrl}/storage/upload/initiate`, {
      method: "POST",
      headers: { "x-sim-faults": "storage=503:2" },
      body: JSON.stringify({ content_type: "text/plain" }),
    });
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("2");
  });
});

describe("x-sim-faults on an individual later call", () => {
  it("applies to calls of that request carrying the same header value, counted", async () => {
    const submitted = await submit(simulator, ENDPOINT, { prompt: "per call" });
    const codes = await statusCodes(submitted.status_url, 3, { "x-sim-faults": "status=502*2" });
    expect(codes.slice(0, 2)).toEqual([502, 502]);
    expect([200, 202]).toContain(codes[2]);
  });

  it("rejects a malformed header with 400 naming the entry", async () => {
    const submitted = await submit(simulator, ENDPOINT, { prompt: "bad header" });
    const response = await call(submitted.status_url, { headers: { "x-sim-faults": "status=teapot" } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toContain("teapot");
  });

  it("parses the documented syntax", () => {
    expect(parseFaultHeader("status=503*2, result=drop,stream=drop-after,cancel=429:3,submit=500,status=slow:20,outcome=504")).toEqual([
      { route: "status", fault: { type: "status", status: 503 }, remaining: 2 },
      { route: "result", fault: { type: "drop" }, remaining: 1 },
      { route: "stream", fault: { type: "drop-after" }, remaining: 1 },
      { route: "cancel", fault: { type: "status", status: 429, retryAfter: 3 }, remaining: 1 },
      { route: "submit", fault: { type: "status", status: 500 }, remaining: 1 },
      { route: "status", fault: { type: "slow", ms: 20 }, remaining: 1 },
      { route: "outcome", fault: { type: "status", status: 504 }, remaining: 1 },
    ]);
    expect(() => parseFaultHeader("queue=500")).toThrow(/route/);
    expect(() => parseFaultHeader("outcome=drop")).toThrow(/outcome/);
    // Faults a route cannot carry are refused, never silently ignored.
    for (const kind of ["drop-after", "cut", "malformed", "stall"]) expect(() => parseFaultHeader(`realtime=${kind}`)).toThrow(/realtime takes/);
    for (const route of ["submit", "status", "result", "cancel", "storage", "token"]) expect(() => parseFaultHeader(`${route}=stall`)).toThrow(/stall applies/);
    expect(parseFaultHeader("stream=stall,run=stall,realtime=slow:5").map((rule) => rule.fault.type)).toEqual(["stall", "stall", "slow"]);
  });
});

describe("rate faults (per run)", () => {
  it("errorRate 1 answers every status call with 500, 502 or 503 but leaves submit alone", async () => {
    const faulty = await startTestSimulator({ faults: { errorRate: 1 } });
    const submitted = await submit(faulty, ENDPOINT, { prompt: "errors" });
    const codes = await statusCodes(submitted.status_url, 12);
    for (const code of codes) expect([500, 502, 503]).toContain(code);
    expect(new Set(codes).size).toBeGreaterThan(1);
  });

  it("rateLimitRate 1 answers 429 with the configured Retry-After", async () => {
    const limited = await startTestSimulator({ faults: { rateLimitRate: 1, retryAfterSeconds: 2 } });
    const submitted = await submit(limited, ENDPOINT, { prompt: "limited" });
    const response = await call(submitted.status_url);
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("2");
  });

  it("dropRate 1 drops result calls; latencyMs delays them", async () => {
    const dropping = await startTestSimulator({ faults: { dropRate: 1 } });
    const submitted = await submit(dropping, ENDPOINT, { prompt: "drops" });
    expect(await statusCodes(submitted.response_url, 2)).toEqual(["dropped", "dropped"]);

    const slow = await startTestSimulator({ faults: { latencyMs: 120 } });
    const other = await submit(slow, ENDPOINT, { prompt: "latency" });
    const started = Date.now();
    await call(other.status_url);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it("is deterministic for a seed", async () => {
    const sequence = async (seed: number) => {
      const faulty = await startTestSimulator({ faults: { errorRate: 0.5, rateLimitRate: 0.2, seed } });
      const submitted = await submit(faulty, ENDPOINT, { prompt: "seeded" });
      // 200 vs 202 depends on timing; which calls were faulted, and how, does not.
      return (await statusCodes(submitted.status_url, 20)).map((code) => (code === 200 || code === 202 ? "ok" : code));
    };
    const [a, b, c] = [await sequence(7), await sequence(7), await sequence(8)];
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a).toContain("ok");
    expect(a.some((code) => code !== "ok")).toBe(true);
  });

  it("hits submit only with includeSubmit", async () => {
    const faulty = await startTestSimulator({ faults: { errorRate: 1, includeSubmit: true } });
    const response = await call(`${faulty.url}/${ENDPOINT}`, { method: "POST", body: JSON.stringify({ prompt: "x" }) });
    expect([500, 502, 503]).toContain(response.status);
    expect(faulty.stats().submittedBodies).toEqual({});
  });
});

describe("cut and malformed faults: the call is handled, then its answer is spoiled", () => {
  it("cut sends the headers and half the body, then destroys the socket", async () => {
    const submitted = await submit(simulator, ENDPOINT, { prompt: "cut" }, { "x-sim-faults": "status=cut" });
    const response = await call(submitted.status_url);
    expect(response.status).toBeLessThan(300);
    expect(response.headers.get("x-fal-request-id")).toBe(submitted.request_id);
    await expect(response.text()).rejects.toThrow(/terminated/);
    expect([200, 202]).toContain((await call(submitted.status_url)).status);
    expect(simulator.stats().faults["status:cut"]).toBe(1);
  });

  it("submit=cut enqueues the request and cuts the answer, keeping x-fal-request-id", async () => {
    const body = JSON.stringify({ prompt: "submit cut" });
    const response = await call(`${simulator.url}/${ENDPOINT}`, { method: "POST", headers: { "x-sim-faults": "submit=cut", "content-type": "application/json" }, body });
    expect(response.headers.get("x-fal-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    await expect(response.text()).rejects.toThrow();
    expect(simulator.stats().submittedBodies[body]).toBe(1);
  });

  it("stream=cut cuts the stream inside its first event", async () => {
    const submitted = await submit(simulator, ENDPOINT, { prompt: "stream cut" }, { "x-sim-faults": "stream=cut" });
    const response = await call(`${submitted.status_url}/stream`);
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow(/terminated/);
  });

  it.each(["submit", "status", "stream", "result", "cancel"])("%s=malformed answers 200 with an HTML page", async (route) => {
    const submitted = await submit(simulator, ENDPOINT, { prompt: `malformed ${route}` });
    const url = {
      submit: `${simulator.url}/${ENDPOINT}`,
      status: submitted.status_url,
      stream: `${submitted.status_url}/stream`,
      result: submitted.response_url,
      cancel: submitted.cancel_url,
    }[route]!;
    await pollUntilCompleted(submitted.status_url);
    const response = await call(url, {
      method: route === "submit" ? "POST" : route === "cancel" ? "PUT" : "GET",
      headers: route === "submit" ? { "x-sim-faults": "submit=malformed", "content-type": "application/json" } : { "x-sim-faults": `${route}=malformed` },
      body: route === "submit" ? JSON.stringify({ prompt: "x" }) : undefined,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html");
    expect(await response.text()).toMatch(/^<html>/);
  });

  it("cutRate and malformedRate draw those faults per call", async () => {
    const cutting = await startTestSimulator({ faults: { cutRate: 0.5, malformedRate: 0.5 } });
    const submitted = await submit(cutting, ENDPOINT, { prompt: "rates" });
    for (let i = 0; i < 10; i++) {
      try {
        await (await call(submitted.status_url)).text();
      } catch {
        // a cut
      }
    }
    const { faults } = cutting.stats();
    expect(faults["status:cut"]).toBeGreaterThan(0);
    expect(faults["status:malformed"]).toBeGreaterThan(0);
    expect(faults["status:cut"]! + faults["status:malformed"]!).toBe(10);
  });
});
