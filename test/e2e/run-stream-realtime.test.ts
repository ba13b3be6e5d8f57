import path from "node:path";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createFalClient, realtime, run, stream, FalAbortError, FalApiError, FalError, FalNetworkError, FalTimeoutError, FalValidationError, type FalClient } from "../../generated/src/index.js";
import { createProxyHandler, createTokenHandler } from "../../generated/src/runtime/server/index.js";
import * as ideogramEdit from "../../generated/src/endpoints/fal-ai/ideogram/v3/edit.js";
import * as qwen from "../../generated/src/endpoints/fal-ai/qwen-image.js";
import { loadEndpointRegistry, type SimulatedEndpoint } from "../../generator/simulator/endpoints/endpoint-registry.js";
import { FAULT_HEADER, startSimulator, type RunningSimulator } from "../../generator/simulator/start-simulator.js";
import { REPO_ROOT } from "../helpers/temp-dir.js";
import { serve } from "../runtime/serve.js";

const KEY = "sim-key:run-stream-realtime";
const specsDir = path.join(REPO_ROOT, "specs");
const INPUT = { prompt: "a red fox", image_size: { width: 16, height: 16 } } satisfies qwen.Input;
let sim: RunningSimulator;
let endpoint: SimulatedEndpoint;
let fal: FalClient;

beforeAll(async () => {
  sim = await startSimulator({ specsDir, apiKeys: [KEY], queueMs: 10, runMs: 60, streamPingMs: 20 });
  endpoint = (await loadEndpointRegistry({ specsDir })).endpoints.get(qwen.endpointId)!;
  fal = direct(sim);
});

afterAll(async () => {
  await sim?.close();
});

function direct(simulator: RunningSimulator, options: Parameters<typeof createFalClient>[0] = {}): FalClient {
  return createFalClient({ credentials: KEY, queueUrl: simulator.url, storageUrl: simulator.storageUrl, runUrl: `${simulator.url}/_run`, ...options });
}

const outputErrors = (output: unknown) => endpoint.validator.errors(endpoint.outputPointer, output);
// The simulator counts a header's fault uses per header value over its whole run: each call gets a
// value of its own (the `*n` count makes it unique; the call takes one use).
let faultCalls = 0;
const faults = (value: string) => ({ headers: { [FAULT_HEADER]: `${value}*${++faultCalls}` } });

/** A browser-side client: no key, every call through a proxy on loopback that holds it. */
async function throughProxy(simulator: RunningSimulator) {
  const handler = createProxyHandler({
    allowedEndpoints: [qwen.endpointId],
    credentials: KEY,
    queueUrl: simulator.url,
    storageUrl: simulator.storageUrl,
    runUrl: `${simulator.url}/_run`,
  });
  const proxy = await serve(handler);
  return { proxy, client: createFalClient({ proxyUrl: proxy.url, runUrl: `${simulator.url}/_run`, queueUrl: simulator.url, storageUrl: simulator.storageUrl, credentials: () => Promise.reject(new Error("a browser has no key")) }) };
}

describe("run", () => {
  test("returns the typed output and the request id", async () => {
    const { data, requestId } = await qwen.run(fal, INPUT);
    expect(outputErrors(data)).toEqual([]);
    expect(data.images[0]?.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("a bad input is a FalValidationError with fal's field errors", async () => {
    const error = await qwen.run(fal, { prompt: 42 } as unknown as qwen.Input).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FalValidationError);
    expect((error as FalValidationError).fieldErrors[0]).toMatchObject({ loc: ["body", "prompt"], type: "string_type" });
  });

  test("is never sent twice: a response lost after the request arrived is a FalNetworkError, not a retry", async () => {
    const before = sim.stats().routes.run;
    const error = await qwen.run(fal, INPUT, faults("run=drop-after")).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FalNetworkError);
    expect(sim.stats().routes.run - before).toBe(1);
  });

  test("timeout and signal end the call with FalTimeoutError and FalAbortError", async () => {
    const started = Date.now();
    await expect(qwen.run(fal, INPUT, { timeout: 80, ...faults("run=slow:2000") })).rejects.toBeInstanceOf(FalTimeoutError);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 40);
    await expect(qwen.run(fal, INPUT, { signal: controller.signal, ...faults("run=slow:2000") })).rejects.toBeInstanceOf(FalAbortError);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  test("uploads a file input first", async () => {
    const uploads = sim.stats().routes.upload;
    // Over the inline limit: uploaded to storage, its URL sent in its place.
    const big = new Blob([new Uint8Array(100 * 1024)], { type: "image/png" });
    await expect(ideogramEdit.run(fal, { prompt: "edit", image_url: big, mask_url: big })).resolves.toBeDefined();
    expect(sim.stats().routes.upload).toBe(uploads + 2);
    // The queue's calls too.
    await expect(ideogramEdit.subscribe(fal, { prompt: "edit", image_url: big, mask_url: "https://example.com/mask.png" }, { pollInterval: 20 })).resolves.toBeDefined();
    expect(sim.stats().routes.upload).toBe(uploads + 3);
    // The root's functions keyed by endpoint id upload whatever the endpoint: its id is known only at run time.
    await expect(run(fal, qwen.endpointId, { ...INPUT, extra_image_url: big } as qwen.Input)).resolves.toBeDefined();
    expect(sim.stats().routes.upload).toBe(uploads + 4);
  });

  test("works through the proxy, whose key the page never holds", async () => {
    const { proxy, client } = await throughProxy(sim);
    const { data } = await qwen.run(client, INPUT);
    expect(outputErrors(data)).toEqual([]);
    expect(proxy.received.every((request) => request.headers.get("authorization") === null)).toBe(true);
  });
});

describe("stream", () => {
  test("yields typed partial outputs, the last one the output done() resolves with", async () => {
    const stream = qwen.stream(fal, INPUT);
    const partials: Partial<qwen.Output>[] = [];
    for await (const partial of stream) partials.push(partial);
    const output = await stream.done();
    expect(partials.length).toBeGreaterThan(1);
    expect(Object.keys(partials[0]!)).toHaveLength(1);
    expect(partials.at(-1)).toEqual(output);
    expect(outputErrors(output)).toEqual([]);
    expect(output.images[0]?.url).toMatch(/^http:/);
    expect(stream.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("done() alone resolves with the output", async () => {
    expect(outputErrors(await qwen.stream(fal, INPUT).done())).toEqual([]);
  });

  test("a stalled stream ends with a FalTimeoutError after idleTimeout, in the iteration and in done(), despite keep-alives", async () => {
    const started = Date.now();
    const stream = qwen.stream(fal, INPUT, { idleTimeout: 150, ...faults("run=stall") });
    const seen: unknown[] = [];
    const iteration = (async () => {
      for await (const partial of stream) seen.push(partial);
    })();
    await expect(iteration).rejects.toBeInstanceOf(FalTimeoutError);
    const error = await stream.done().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FalTimeoutError);
    expect((error as FalTimeoutError).message).toContain("no event for 150 ms");
    expect((error as FalTimeoutError).requestId).toBe(stream.requestId);
    expect(seen).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  test("the wait for the response is bounded by timeout, not idleTimeout (a runner may take long to start)", async () => {
    const slowStart = qwen.stream(fal, INPUT, { idleTimeout: 100, ...faults("run=slow:300") });
    expect(outputErrors(await slowStart.done())).toEqual([]);
    await expect(qwen.stream(fal, INPUT, { timeout: 100, ...faults("run=slow:3000") }).done()).rejects.toBeInstanceOf(FalTimeoutError);
  });

  test("timeout, signal and abort() end it, and stopping the iteration early rejects done()", async () => {
    await expect(qwen.stream(fal, INPUT, { timeout: 100, ...faults("run=stall") }).done()).rejects.toBeInstanceOf(FalTimeoutError);
    const controller = new AbortController();
    const aborted = qwen.stream(fal, INPUT, { signal: controller.signal, ...faults("run=stall") });
    setTimeout(() => controller.abort(), 50);
    await expect(aborted.done()).rejects.toBeInstanceOf(FalAbortError);
    const stopped = qwen.stream(fal, INPUT, faults("run=stall"));
    setTimeout(() => stopped.abort(), 50);
    await expect(stopped.done()).rejects.toBeInstanceOf(FalAbortError);
    const early = qwen.stream(fal, INPUT);
    for await (const partial of early) {
      expect(partial).toBeDefined();
      break;
    }
    await expect(early.done()).rejects.toBeInstanceOf(FalAbortError);
  });

  test("an error event becomes the FalApiError the status would be, with the request id", async () => {
    const stream = qwen.stream(fal, INPUT, faults("outcome=503"));
    const error = await stream.done().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FalApiError);
    expect(error).toMatchObject({ status: 503, errorType: "runner_connection_error", requestId: stream.requestId });
  });

  test("an error status (a bad input) is a FalValidationError", async () => {
    const error = await qwen.stream(fal, { prompt: 42 } as unknown as qwen.Input).done().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FalValidationError);
    expect((error as FalValidationError).fieldErrors.map((entry) => entry.loc.join("."))).toContain("body.prompt");
  });

  test("a connection dropped mid-stream is a FalNetworkError, never a resend", async () => {
    const before = sim.stats().routes["run-stream"];
    await expect(qwen.stream(fal, INPUT, faults("run=drop-after")).done()).rejects.toBeInstanceOf(FalNetworkError);
    expect(sim.stats().routes["run-stream"] - before).toBe(1);
  });

  test("works through the proxy", async () => {
    const { client } = await throughProxy(sim);
    const stream = qwen.stream(client, INPUT);
    let count = 0;
    for await (const partial of stream) count += partial ? 1 : 0;
    expect(count).toBeGreaterThan(1);
    expect(outputErrors(await stream.done())).toEqual([]);
  });
});

describe("realtime", () => {
  // Reconnections wait the client's retry backoff (by default up to 0.5 s, then 1 s, ...); these
  // tests count reconnections, not their delays.
  const QUICK_RECONNECTS = { baseDelayMs: 5, maxDelayMs: 20 };

  /** The app's token route (createTokenHandler, holding the key) on loopback, and a page-side provider calling it. */
  async function tokenRoute(simulator: RunningSimulator) {
    const route = await serve(createTokenHandler({ allowedEndpoints: [qwen.endpointId], credentials: KEY, storageUrl: simulator.storageUrl }));
    const tokens: string[] = [];
    const tokenProvider = async (endpointId: string): Promise<string> => {
      const response = await fetch(route.url, { method: "POST", body: JSON.stringify({ endpointId }) });
      const token = (await response.json()) as string;
      tokens.push(token);
      return token;
    };
    return { route, tokens, tokenProvider };
  }

  test("50 inputs get 50 outputs, in order, across forced reconnections, each with a fresh token", async () => {
    const closing = await startSimulator({ specsDir, apiKeys: [KEY], faults: { realtimeCloseAfter: 20 } });
    try {
      const { tokens, tokenProvider, route } = await tokenRoute(closing);
      const client = createFalClient({ proxyUrl: "http://127.0.0.1:9/unused", runUrl: `${closing.url}/_run`, retry: QUICK_RECONNECTS });
      const connection = qwen.realtime(client, { tokenProvider, WebSocket, throttleInterval: 1, dropStale: false });
      for (let seed = 0; seed < 50; seed++) connection.send({ ...INPUT, seed });
      const seeds: number[] = [];
      for await (const output of connection) {
        expect(outputErrors(output)).toEqual([]);
        seeds.push(output.seed);
        if (seeds.length === 50) connection.close();
      }
      expect(seeds).toEqual(Array.from({ length: 50 }, (_, seed) => seed));
      const stats = closing.stats().realtime;
      expect(stats.connections).toBeGreaterThanOrEqual(3);
      expect(tokens.length).toBe(stats.connections);
      expect(new Set(tokens).size).toBe(tokens.length);
      // The page sent no key: only the token route held it.
      expect(route.received.every((request) => !request.body.includes(KEY) && request.headers.get("authorization") === null)).toBe(true);
      expect(tokens.some((token) => token.includes(KEY))).toBe(false);
    } finally {
      await closing.close();
    }
  });

  test("server side, without a tokenProvider, the client fetches its own token with its key", async () => {
    const tokensBefore = sim.stats().realtime.tokens;
    const output = await new Promise<qwen.Output>((resolve, reject) => {
      const connection = qwen.realtime(fal, { WebSocket, onResult: (result) => (resolve(result), connection.close()), onError: reject });
      connection.send(INPUT);
    });
    expect(outputErrors(output)).toEqual([]);
    expect(sim.stats().realtime.tokens).toBe(tokensBefore + 1);
  });

  test("throttled, an input waiting for its turn is replaced by a newer one (dropStale, the default)", async () => {
    const connection = qwen.realtime(fal, { WebSocket, throttleInterval: 200 });
    for (let seed = 0; seed < 10; seed++) connection.send({ ...INPUT, seed });
    const seeds: number[] = [];
    for await (const output of connection) {
      seeds.push(output.seed);
      if (seeds.length === 1) setTimeout(() => connection.close(), 400);
    }
    // Before the socket opens, only the newest input waits; nothing older is sent after it.
    expect(seeds).toEqual([9]);
  });

  test("a bad input is a FalValidationError with field errors (onError), and the session goes on", async () => {
    const errors: FalError[] = [];
    const outputs: qwen.Output[] = [];
    const connection = qwen.realtime(fal, { WebSocket, throttleInterval: 0, dropStale: false, onError: (error) => errors.push(error), onResult: (output) => outputs.push(output) });
    connection.send({ prompt: 7 } as unknown as qwen.Input);
    connection.send(INPUT);
    await until(() => outputs.length === 1);
    connection.close();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(FalValidationError);
    expect((errors[0] as FalValidationError).fieldErrors[0]?.loc).toEqual(["body", "prompt"]);
  });

  test("without onError, a bad input ends the iteration with that error", async () => {
    const connection = qwen.realtime(fal, { WebSocket, throttleInterval: 0 });
    connection.send({ prompt: 7 } as unknown as qwen.Input);
    const iteration = (async () => {
      for await (const output of connection) expect(output).toBeUndefined();
    })();
    await expect(iteration).rejects.toBeInstanceOf(FalValidationError);
    expect(() => connection.send(INPUT)).toThrow(FalValidationError);
  });

  test("a refused token is fetched again, then the session ends with an error; the signal aborts it", async () => {
    let asked = 0;
    const connection = qwen.realtime(direct(sim, { retry: QUICK_RECONNECTS }), { WebSocket, maxReconnects: 2, tokenProvider: async () => (asked++, "not-a-token") });
    connection.send(INPUT);
    const iteration = (async () => {
      for await (const output of connection) expect(output).toBeUndefined();
    })();
    const error = await iteration.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FalError);
    expect((error as FalError).message).toContain("Unauthorized");
    expect(asked).toBe(3);

    const controller = new AbortController();
    const aborted = qwen.realtime(fal, { WebSocket, signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    await expect((async () => {
      for await (const output of aborted) expect(output).toBeUndefined();
    })()).rejects.toBeInstanceOf(FalAbortError);
  });

  test("a runtime without WebSocket (Node 20) is told to pass one", () => {
    expect(() => qwen.realtime(fal)).toThrow(/has no WebSocket: pass `WebSocket`/);
  });

  test("the token handler refuses endpoints it does not allow, and never echoes the key", async () => {
    const handler = createTokenHandler({ allowedEndpoints: [qwen.endpointId], credentials: KEY, storageUrl: sim.storageUrl });
    const post = (body: unknown) => handler(new Request("http://app.test/api/fal/token", { method: "POST", body: JSON.stringify(body) }));
    expect((await post({ endpointId: "fal-ai/other" })).status).toBe(403);
    expect((await post({})).status).toBe(400);
    const officialStyle = await post({ app: `${qwen.endpointId}/realtime` });
    expect(officialStyle.status).toBe(200);
    const wrongKey = createTokenHandler({ allowedEndpoints: [qwen.endpointId], credentials: "wrong:key", storageUrl: sim.storageUrl });
    const refused = await wrongKey(new Request("http://app.test/t", { method: "POST", body: JSON.stringify({ endpointId: qwen.endpointId }) }));
    expect(refused.status).toBe(502);
    expect(await refused.text()).not.toContain("wrong:key");
  });
});

describe("the root's functions keyed by endpoint id", () => {
  test("run, stream and realtime take the id first and type the output from it", async () => {
    const { data } = await run(fal, qwen.endpointId, INPUT);
    expect(data.images[0]?.url).toMatch(/^http:/);
    const streamed = stream(fal, qwen.endpointId, INPUT);
    expect((await streamed.done()).images.length).toBe(1);
    const output = await new Promise<qwen.Output>((resolve, reject) => {
      const connection = realtime(fal, qwen.endpointId, { WebSocket, onResult: (result) => (resolve(result), connection.close()), onError: reject });
      connection.send(INPUT);
    });
    expect(outputErrors(output)).toEqual([]);
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 5000) throw new Error("condition never held");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
