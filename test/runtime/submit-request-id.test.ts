import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, test } from "vitest";
import { createFalClient, FalError } from "../../generator/runtime/index.js";
import { submit, subscribe } from "../../generator/runtime/endpoint-calls.js";
import { whenDone } from "../helpers/cleanup.js";
import { KEY as SIMULATOR_KEY, startTestSimulator } from "../simulator/simulator-fixture.js";
import { fakeQueue } from "./fake-queue.js";
import { json, serve } from "./serve.js";

const KEY = "key-id:super-secret-value";
const ENDPOINT = "fal-ai/flux/dev";

/**
 * A queue whose submit answer sends its headers (200, `x-fal-request-id: fixed-1`) and then
 * `then`: stalls (the body never comes) or cuts the connection after half a body.
 */
async function submitAnswering(then: "stall" | "cut"): Promise<string> {
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { "content-type": "application/json", "x-fal-request-id": "fixed-1" });
    res.flushHeaders();
    if (then === "cut") res.write('{"request_id": "fix', () => res.socket?.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  whenDone(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("a submit that reached the queue but did not complete keeps its request id", () => {
  const cases = [
    { how: "the caller's signal aborts", name: "FalAbortError", options: () => ({ signal: AbortSignal.timeout(300) }), then: "stall" as const },
    { how: "the timeout elapses", name: "FalTimeoutError", options: () => ({ timeout: 300 }), then: "stall" as const },
    { how: "the connection drops mid-body", name: "FalNetworkError", options: () => ({}), then: "cut" as const },
  ];
  for (const { how, name, options, then } of cases) {
    test(`subscribe: ${how}: the error carries the id, says the request may be queued, and onEnqueue got the id`, async () => {
      const queueUrl = await submitAnswering(then);
      const enqueued: string[] = [];
      const error = await subscribe(createFalClient({ credentials: KEY, queueUrl }), ENDPOINT, {}, { ...options(), onEnqueue: (id) => enqueued.push(id) }).catch((e: unknown) => e);
      expect(error).toMatchObject({ name, requestId: "fixed-1" });
      expect((error as Error).message).toContain("(request fixed-1 may be queued: its id fetches or cancels it)");
      expect(enqueued).toEqual(["fixed-1"]);
    });

    test(`submit: ${how}: the error carries the id and says the request may be queued`, async () => {
      const queueUrl = await submitAnswering(then);
      const error = await submit(createFalClient({ credentials: KEY, queueUrl }), ENDPOINT, {}, options()).catch((e: unknown) => e);
      expect(error).toMatchObject({ name, requestId: "fixed-1" });
      expect((error as Error).message).toContain("request fixed-1 may be queued");
    });
  }

  test("an error status naming a request id is no queued request: onEnqueue is not called, nothing says it is queued", async () => {
    const server = await serve(() => json({ detail: "bad gateway" }, { status: 400, headers: { "x-fal-request-id": "gw-1" } }));
    const enqueued: string[] = [];
    const error = await subscribe(createFalClient({ credentials: KEY, queueUrl: server.url }), ENDPOINT, {}, { onEnqueue: (id) => enqueued.push(id) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "FalApiError", status: 400, requestId: "gw-1", message: "fal API error 400: bad gateway" });
    expect(enqueued).toEqual([]);
  });

  test("onEnqueue is called once for a completed submit whose header named the id too", async () => {
    const queue = fakeQueue();
    // fal names the request in the submit answer's header and body alike.
    const server = await serve(async (request) => {
      const response = await queue(request);
      if (request.method === "POST") response.headers.set("x-fal-request-id", "req-1");
      return response;
    });
    const enqueued: string[] = [];
    await subscribe(createFalClient({ credentials: KEY, queueUrl: server.url }), ENDPOINT, {}, { pollInterval: 1, onEnqueue: (id) => enqueued.push(id) });
    expect(enqueued).toEqual(["req-1"]);
  });
});

describe("an onEnqueue callback that throws", () => {
  test("fails the call with a FalError naming the callback, its error as cause, and the queued request's id", async () => {
    const server = await serve(fakeQueue());
    const thrown = new Error("database down");
    const error = await subscribe(createFalClient({ credentials: KEY, queueUrl: server.url }), ENDPOINT, {}, {
      pollInterval: 1,
      onEnqueue: () => {
        throw thrown;
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FalError);
    expect(error).toMatchObject({ requestId: "req-1", cause: thrown });
    expect((error as Error).message).toBe("onEnqueue threw (request req-1 is queued: its id fetches or cancels it): Error: database down");
    // Nothing waited on the request after the callback failed.
    expect(server.calls).toEqual(["POST /fal-ai/flux/dev"]);
  });
});

describe("the simulator's submit=cut fault", () => {
  test("subscribe reports the queued request to onEnqueue and in the error", async () => {
    const simulator = await startTestSimulator();
    const enqueued: string[] = [];
    const client = createFalClient({ credentials: SIMULATOR_KEY, queueUrl: simulator.url });
    const error = await subscribe(client, ENDPOINT, { prompt: "cut" }, { headers: { "x-sim-faults": "submit=cut" }, onEnqueue: (id) => enqueued.push(id) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "FalNetworkError", requestSent: true });
    const { requestId } = error as FalError;
    expect(requestId).toEqual(expect.any(String));
    expect(enqueued).toEqual([requestId]);
    expect((error as Error).message).toContain(`request ${requestId} may be queued`);
  });
});
