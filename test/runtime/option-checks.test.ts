import { describe, expect, test } from "vitest";
import { createFalClient, FalError, type FalClient } from "../../generator/runtime/index.js";
import { cancel, result, run, status, stream, streamStatus, submit, subscribe } from "../../generator/runtime/endpoint-calls.js";
import { fakeQueue } from "./fake-queue.js";
import { json, serve } from "./serve.js";

// Options and inputs the runtime cannot honour are refused with a FalError before anything is sent.

const ENDPOINT = "fal-ai/flux/dev";

async function setup() {
  const queue = fakeQueue();
  const server = await serve((request) => (new URL(request.url).pathname.startsWith("/run/") ? json({ images: [] }, { headers: { "x-fal-request-id": "req-1" } }) : queue(request)));
  const client = createFalClient({ credentials: "id:secret", queueUrl: server.url, runUrl: `${server.url}/run` });
  return { server, client };
}

/** The error `call` rejects with (it must reject, not throw). */
async function refusal(call: () => Promise<unknown>): Promise<FalError> {
  const pending = call();
  expect(pending).toBeInstanceOf(Promise);
  const error = await pending.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FalError);
  return error as FalError;
}

const drain = async (statuses: AsyncIterable<unknown>) => {
  for await (const _ of statuses);
};

describe("a time option that is not a usable number of milliseconds", () => {
  const calls: [string, string, (client: FalClient, value: number) => Promise<unknown>][] = [
    ["subscribe", "timeout", (client, value) => subscribe(client, ENDPOINT, { prompt: "x" }, { timeout: value })],
    ["run", "timeout", (client, value) => run(client, ENDPOINT, { prompt: "x" }, { timeout: value })],
    ["stream", "timeout", (client, value) => stream(client, ENDPOINT, { prompt: "x" }, { timeout: value }).done()],
    ["subscribe", "pollInterval", (client, value) => subscribe(client, ENDPOINT, { prompt: "x" }, { pollInterval: value })],
    ["stream", "idleTimeout", (client, value) => stream(client, ENDPOINT, { prompt: "x" }, { idleTimeout: value }).done()],
  ];
  const bad: [string, unknown][] = [
    ["negative", -5],
    ["NaN", Number.NaN],
    ["not a number", "soon"],
  ];

  test.each(calls.flatMap(([call, option, make]) => bad.map(([what, value]) => [call, option, what, make, value] as const)))("%s, %s %s: refused, nothing sent", async (_call, option, _what, make, value) => {
    const { server, client } = await setup();
    const error = await refusal(() => make(client, value as number));
    expect(error.message).toBe(`Invalid option ${option}: ${String(value)} ms, nothing was sent (at least ${option === "timeout" ? 1 : 0})`);
    expect(server.calls).toEqual([]);
  });

  test.each(calls.filter(([, option]) => option === "timeout"))("%s, timeout 0: refused (it would time out at once), nothing sent", async (_call, _option, make) => {
    const { server, client } = await setup();
    const error = await refusal(() => make(client, 0));
    expect(error.message).toContain("Invalid option timeout: 0 ms, nothing was sent (at least 1)");
    expect(server.calls).toEqual([]);
  });

  test("waits of 0 and timeouts too long for a timer are fine", async () => {
    const { client } = await setup();
    await expect(subscribe(client, ENDPOINT, { prompt: "x" }, { pollInterval: 0, timeout: Number.POSITIVE_INFINITY })).resolves.toMatchObject({ requestId: "req-1" });
    await expect(run(client, ENDPOINT, { prompt: "x" }, { timeout: 2 ** 40 })).resolves.toEqual({ data: { images: [] }, requestId: "req-1" });
  });
});

describe("an input with no JSON form", () => {
  const inputs: [string, unknown][] = [
    ["a BigInt", { prompt: "x", seed: 10n }],
    ["a toJSON that throws", { prompt: "x", when: { toJSON: () => { throw new Error("no JSON for this"); } } }],
  ];
  const calls: [string, (client: FalClient, input: unknown) => Promise<unknown>][] = [
    ["submit", (client, input) => submit(client, ENDPOINT, input)],
    ["subscribe", (client, input) => subscribe(client, ENDPOINT, input)],
    ["run", (client, input) => run(client, ENDPOINT, input)],
    ["stream", (client, input) => stream(client, ENDPOINT, input).done()],
  ];

  test.each(calls.flatMap(([call, make]) => inputs.map(([what, input]) => [call, what, make, input] as const)))("%s with %s: a FalError saying nothing was sent", async (_call, _what, make, input) => {
    const { server, client } = await setup();
    const error = await refusal(() => make(client, input));
    expect(error.message).toMatch(/^Invalid input, nothing was sent: (Do not know how to serialize a BigInt|no JSON for this)$/);
    expect(error).not.toBeInstanceOf(TypeError);
    expect(server.calls).toEqual([]);
  });
});

describe("a request id the queue never makes", () => {
  const calls: [string, (client: FalClient, id: string) => Promise<unknown>][] = [
    ["status", (client, id) => status(client, ENDPOINT, id)],
    ["result", (client, id) => result(client, ENDPOINT, id)],
    ["cancel", (client, id) => cancel(client, ENDPOINT, id)],
    ["streamStatus", (client, id) => drain(streamStatus(client, ENDPOINT, id))],
  ];
  const ids: [string, unknown][] = [
    ["empty", ""],
    ["a dot segment", ".."],
    ["not a string", 42],
  ];

  test.each(calls.flatMap(([call, make]) => ids.map(([what, id]) => [call, what, make, id] as const)))("%s, %s: refused, nothing sent", async (_call, _what, make, id) => {
    const { server, client } = await setup();
    const error = await refusal(() => make(client, id as string));
    expect(error.message).toBe(`Invalid request id ${JSON.stringify(id)}, nothing was sent: pass the requestId submit returned`);
    expect(server.calls).toEqual([]);
  });
});
