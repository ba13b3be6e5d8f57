import { ApiError, createFalClient, ValidationError, type RequestMiddleware } from "@fal-ai/client";
import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { createTokenHandler } from "../../generator/runtime/server/token-handler.js";
import { decodePng, fixtureEndpoints, KEY, startTestSimulator } from "./simulator-fixture.js";

const simulator = await startTestSimulator();
const endpoints = await fixtureEndpoints();
const fluxDev = endpoints.find((endpoint) => endpoint.endpointId === "fal-ai/flux/dev")!;
const whisper = endpoints.find((endpoint) => endpoint.endpointId === "fal-ai/whisper")!;

/**
 * Two documented ways to point the official client at the simulator:
 * - `proxyUrl` with `when: "always"`: every call goes to the simulator with `x-fal-target-url`
 *   naming the fal URL it would have called (the simulator accepts that header on any path);
 * - `requestMiddleware` rewriting fal's hosts to the simulator's URLs.
 */
const viaProxy = () => createFalClient({ credentials: KEY, proxyUrl: { url: simulator.proxyUrl, when: "always" } });

const rewriteHosts: RequestMiddleware = async (request) => {
  const url = new URL(request.url);
  const base = { "queue.fal.run": simulator.url, "rest.fal.ai": simulator.storageUrl, "fal.run": `${simulator.url}/_run` }[url.hostname];
  return base ? { ...request, url: `${base}${url.pathname}${url.search}` } : request;
};
const viaMiddleware = () => createFalClient({ credentials: KEY, requestMiddleware: rewriteHosts });

describe.each([
  ["proxyUrl", viaProxy],
  ["requestMiddleware", viaMiddleware],
] as const)("@fal-ai/client 1.10 pointed at the simulator with %s", (_how, makeClient) => {
  const fal = makeClient();

  it("submit, status, result", async () => {
    const submitted = await fal.queue.submit("fal-ai/flux/dev", { input: { prompt: "a red fox", num_images: 2 } });
    expect(submitted).toMatchObject({ status: "IN_QUEUE", request_id: expect.any(String), status_url: expect.stringContaining(simulator.url) });
    const status = await fal.queue.status("fal-ai/flux/dev", { requestId: submitted.request_id, logs: true });
    expect(["IN_QUEUE", "IN_PROGRESS", "COMPLETED"]).toContain(status.status);
    await fal.queue.subscribeToStatus("fal-ai/flux/dev", { requestId: submitted.request_id, pollInterval: 5 });
    const result = await fal.queue.result("fal-ai/flux/dev", { requestId: submitted.request_id });
    expect(result.requestId).toBe(submitted.request_id);
    expect(fluxDev.validator.errors(fluxDev.outputPointer, result.data)).toEqual([]);
    const images = (result.data as { images: { url: string; width: number; height: number }[] }).images;
    expect(images).toHaveLength(2);
    expect(decodePng(Buffer.from(await (await fetch(images[0]!.url)).arrayBuffer()))).toEqual({ width: images[0]!.width, height: images[0]!.height });
  });

  it("subscribe by polling, with logs and queue updates", async () => {
    const updates: string[] = [];
    let enqueued = "";
    let logs = 0;
    const result = await fal.subscribe("fal-ai/flux/dev", {
      input: { prompt: "a red fox", seed: 7 },
      logs: true,
      pollInterval: 5,
      onEnqueue: (requestId) => (enqueued = requestId),
      onQueueUpdate: (update) => {
        updates.push(update.status);
        if (update.status !== "IN_QUEUE") logs = update.logs?.length ?? 0;
      },
    });
    expect(result.requestId).toBe(enqueued);
    expect((result.data as { seed: number }).seed).toBe(7);
    expect(updates).toContain("IN_PROGRESS");
    expect(updates.at(-1)).toBe("COMPLETED");
    expect(logs).toBe(3);
  });

  it("subscribe by streaming (SSE)", async () => {
    const updates: string[] = [];
    const result = await fal.subscribe("fal-ai/flux/dev", {
      input: { prompt: "a streamed fox" },
      mode: "streaming",
      logs: true,
      onQueueUpdate: (update) => updates.push(update.status),
    });
    expect(fluxDev.validator.errors(fluxDev.outputPointer, result.data)).toEqual([]);
    expect(updates.at(-1)).toBe("COMPLETED");
    expect(updates).toContain("IN_PROGRESS");
  });

  it("cancel: accepted while queued, ApiError 400 once completed", async () => {
    const slow = await startTestSimulator({ queueMs: 1000, runMs: 1000 });
    const client = createFalClient({ credentials: KEY, proxyUrl: { url: slow.proxyUrl, when: "always" } });
    const { request_id: requestId } = await client.queue.submit("fal-ai/flux/dev", { input: { prompt: "cancel me" } });
    await expect(client.queue.cancel("fal-ai/flux/dev", { requestId })).resolves.toBeUndefined();
    const status = await client.queue.status("fal-ai/flux/dev", { requestId, logs: false });
    expect(status.status).toBe("COMPLETED");

    const done = await fal.subscribe("fal-ai/flux/dev", { input: { prompt: "finished" }, pollInterval: 5 });
    const error = await fal.queue.cancel("fal-ai/flux/dev", { requestId: done.requestId }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError<unknown>).status).toBe(400);
    expect((error as ApiError<unknown>).body).toEqual({ status: "ALREADY_COMPLETED" });
  });

  it("sees a 422 as its ValidationError, with the field errors", async () => {
    // The official client's own types require a prompt; the point is to send an invalid input.
    const invalidInput = { num_images: 12 } as unknown as { prompt: string };
    const error = await fal.queue.submit("fal-ai/flux/dev", { input: invalidInput }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    const validation = error as ValidationError;
    expect(validation.status).toBe(422);
    expect(validation.getFieldErrors("prompt")).toEqual([{ loc: ["body", "prompt"], msg: "Field required", type: "missing", url: expect.any(String) }]);
    expect(validation.getFieldErrors("num_images")[0]).toMatchObject({ type: "less_than_equal" });
    expect(validation.message).not.toContain(KEY);
  });

  it("uploads with fal.storage.upload and a Blob input is uploaded before submit", async () => {
    const url = await fal.storage.upload(new Blob(["hello from the official client"], { type: "text/plain" }));
    expect(url.startsWith(`${simulator.url}/_files/`)).toBe(true);
    const fetched = await fetch(url);
    expect(fetched.headers.get("content-type")).toBe("text/plain");
    expect(await fetched.text()).toBe("hello from the official client");

    const before = simulator.stats().routes.upload;
    const result = await fal.subscribe("fal-ai/whisper", { input: { audio_url: new Blob([Buffer.from("RIFF....WAVE")], { type: "audio/wav" }) }, pollInterval: 5 });
    expect(simulator.stats().routes.upload).toBe(before + 1);
    expect(whisper.validator.errors(whisper.outputPointer, result.data)).toEqual([]);
  });

  it("fal.run (synchronous) works too", async () => {
    const result = await fal.run("fal-ai/flux/dev", { input: { prompt: "run" } });
    expect(fluxDev.validator.errors(fluxDev.outputPointer, result.data)).toEqual([]);
  });

  it("fal.stream yields the partial outputs and done() the whole output", async () => {
    const stream = await fal.stream("fal-ai/flux/dev", { input: { prompt: "streamed" } });
    const partials: unknown[] = [];
    for await (const partial of stream) partials.push(partial);
    const output = await stream.done();
    expect(partials.length).toBeGreaterThan(1);
    expect(partials.at(-1)).toEqual(output);
    expect(fluxDev.validator.errors(fluxDev.outputPointer, output)).toEqual([]);
    expect(stream.requestId).toEqual(expect.any(String));
  });
});

describe("@fal-ai/client 1.10 realtime against the simulator", () => {
  /**
   * Its realtime client opens `new WebSocket("wss://fal.run/<app>/realtime?fal_jwt_token=...")`
   * with the global WebSocket: on Node 20 (none built in) the test installs the `ws` package's,
   * pointed at the simulator's run host, for the length of the test.
   */
  class SimulatorWebSocket extends WebSocket {
    constructor(url: string) {
      super(url.replace(/^wss:\/\/fal\.run\//, `${simulator.url.replace(/^http/, "ws")}/_run/`));
    }
  }
  const tokenHandler = createTokenHandler({ allowedEndpoints: ["fal-ai/flux/dev"], credentials: KEY, storageUrl: simulator.storageUrl });

  it("fal.realtime.connect with a tokenProvider sends inputs and gets outputs", async () => {
    const global = globalThis as { WebSocket?: unknown };
    const previous = global.WebSocket;
    global.WebSocket = SimulatorWebSocket;
    const appsAsked: string[] = [];
    try {
      const fal = createFalClient({ credentials: KEY });
      const outputs = await new Promise<unknown[]>((resolve, reject) => {
        const received: unknown[] = [];
        const connection = fal.realtime.connect("fal-ai/flux/dev", {
          throttleInterval: 0,
          tokenProvider: async (app) => {
            appsAsked.push(app);
            const response = await tokenHandler(new Request("http://app.test/api/fal/token", { method: "POST", body: JSON.stringify({ app }) }));
            return (await response.json()) as string;
          },
          onResult: (result) => {
            received.push(result);
            if (received.length === 1) connection.send({ prompt: "second", seed: 2 });
            else {
              connection.close();
              resolve(received);
            }
          },
          onError: reject,
        });
        connection.send({ prompt: "first", seed: 1 });
      });
      expect(appsAsked).toEqual(["fal-ai/flux/dev/realtime"]);
      expect(outputs.map((output) => (output as { seed: number }).seed)).toEqual([1, 2]);
      for (const output of outputs) expect(fluxDev.validator.errors(fluxDev.outputPointer, output)).toEqual([]);
    } finally {
      global.WebSocket = previous;
    }
  });
});

describe("a wrong key through the official client", () => {
  it("is an ApiError 401 whose message and body do not contain the key", async () => {
    const wrong = "definitely-not-the-key";
    const fal = createFalClient({ credentials: wrong, proxyUrl: { url: simulator.proxyUrl, when: "always" } });
    const error = (await fal.queue.submit("fal-ai/flux/dev", { input: { prompt: "x" } }).catch((caught: unknown) => caught)) as ApiError<unknown>;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(401);
    expect(JSON.stringify(error.body) + error.message).not.toContain(wrong);
  });
});
