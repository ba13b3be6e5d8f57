import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, test } from "vitest";
import { createFalClient, FalAbortError, FalResponseError, FalTimeoutError, RESPONSE_BODY_LIMIT_BYTES, STATUS_EVENT_LIMIT, uploadFile, type FalClient } from "../../generator/runtime/index.js";
import { cancel, result, run, status, stream, streamStatus, submit, subscribe } from "../../generator/runtime/endpoint-calls.js";
import { fetchRealtimeToken } from "../../generator/runtime/server/index.js";
import { whenDone } from "../helpers/cleanup.js";

// Bodies larger than the runtime reads, and bodies still arriving when a call ends, from a real
// server on loopback that counts what it wrote and sees when the client lets go of the connection.

const ENDPOINT = "fal-ai/flux/dev";
const MiB = 2 ** 20;
const CHUNK = Buffer.alloc(MiB, "x");

interface Hostile {
  client: FalClient;
  /** `METHOD /path` of every request. */
  calls: string[];
  /** Body bytes written so far, over all responses. */
  written(): number;
  /** Resolves when the latest response's connection closed. */
  closed(): Promise<void>;
}

type Answer = (req: IncomingMessage, res: ServerResponse, write: (bytes: Buffer | string) => Promise<boolean>) => void | Promise<void>;

/**
 * A server answering every request with `answer`; `write` resolves false once the client went away
 * (and waits for the socket to drain, so a client that stops reading stops the writes). The client
 * calls the queue at `/`, `run` at `/run` and storage and tokens at `/rest`.
 */
async function hostile(answer: Answer): Promise<Hostile> {
  const calls: string[] = [];
  let written = 0;
  let lastClosed: Promise<void> = Promise.resolve();
  const server = createServer((req, res) => {
    calls.push(`${req.method} ${req.url}`);
    let gone = false;
    const closed = new Promise<void>((resolve) => res.on("close", () => ((gone = true), resolve())));
    lastClosed = closed;
    const write = async (bytes: Buffer | string) => {
      if (gone) return false;
      written += bytes.length;
      // One drain listener at a time, removed when the close comes first: no listener piles up.
      if (!res.write(bytes)) {
        let onDrain = () => {};
        await Promise.race([new Promise<void>((resolve) => res.once("drain", (onDrain = resolve))), closed]);
        res.off("drain", onDrain);
      }
      return !gone;
    };
    req.resume();
    req.on("end", () => void Promise.resolve(answer(req, res, write)).catch(() => res.destroy()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  whenDone(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
  const client = createFalClient({ credentials: "id:secret", queueUrl: url, runUrl: `${url}/run`, storageUrl: `${url}/rest`, retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 10 } });
  return { client, calls, written: () => written, closed: () => lastClosed };
}

/** Writes 1 MiB chunks until `total` bytes went out or the client went away. */
async function pour(write: (bytes: Buffer | string) => Promise<boolean>, total: number, start = ""): Promise<void> {
  if (start && !(await write(start))) return;
  for (let sent = start.length; sent < total; sent += MiB) if (!(await write(CHUNK))) return;
}

const HEADERS = { "content-type": "application/json", "x-fal-request-id": "req-1" };

/** Every call that reads a JSON body; the error carries the request id the response's header names. */
const CALLS: [string, (client: FalClient) => Promise<unknown>][] = [
  ["submit", (client) => submit(client, ENDPOINT, { prompt: "x" })],
  ["status", (client) => status(client, ENDPOINT, "req-1")],
  ["result", (client) => result(client, ENDPOINT, "req-1")],
  ["cancel", (client) => cancel(client, ENDPOINT, "req-1")],
  ["run", (client) => run(client, ENDPOINT, { prompt: "x" })],
  ["a stream route's JSON answer", (client) => stream(client, ENDPOINT, { prompt: "x" }).done()],
  ["storage upload initiation", (client) => uploadFile(client, new Uint8Array(8))],
  ["the realtime token", (client) => fetchRealtimeToken(client, ENDPOINT)],
];

describe("a body over RESPONSE_BODY_LIMIT_BYTES fails the call at once, unread, and is not retried", () => {
  test("the limit is 256 MiB", () => {
    expect(RESPONSE_BODY_LIMIT_BYTES).toBe(256 * MiB);
  });

  test.each(CALLS)("%s: a declared Content-Length over the limit is refused before its body is read", async (_what, call) => {
    const server = await hostile(async (_req, res, write) => {
      res.writeHead(200, { ...HEADERS, "content-length": String(3 * 2 ** 30) });
      await pour(write, 64 * MiB, '{"data":"');
      res.destroy();
    });
    const error = await call(server.client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FalResponseError);
    expect(error).toMatchObject({ status: 200, limit: RESPONSE_BODY_LIMIT_BYTES, requestId: "req-1" });
    expect((error as Error).message).toContain("256 MiB limit");
    expect(server.calls).toHaveLength(1);
    await server.closed();
    expect(server.written()).toBeLessThan(64 * MiB);
  });

  test.each([
    ["a result (200)", 200, (client: FalClient) => result(client, ENDPOINT, "req-1")],
    ["an error body (500) of a status", 500, (client: FalClient) => status(client, ENDPOINT, "req-1")],
  ])("%s streamed without a length stops being read once past the limit", async (_what, code, call) => {
    const total = RESPONSE_BODY_LIMIT_BYTES + 128 * MiB;
    const server = await hostile(async (_req, res, write) => {
      res.writeHead(code, HEADERS);
      await pour(write, total, '{"data":"');
      res.end('"}');
    });
    const error = await call(server.client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FalResponseError);
    expect(error).toMatchObject({ status: code, limit: RESPONSE_BODY_LIMIT_BYTES, requestId: "req-1" });
    expect(server.calls).toHaveLength(1);
    await server.closed();
    expect(server.written()).toBeLessThan(total);
  });
});

describe("a stream event over its limit fails the call; the stream is not read on", () => {
  const sseHeaders = { "content-type": "text/event-stream", "x-fal-request-id": "req-1" };

  test.each([
    ["one long data line", "data: "],
    ["many data lines of one event", `data: ${"x".repeat(120)}\n`],
    ["a line that is not data", ": comment "],
  ])("status stream, %s", async (_what, line) => {
    const total = STATUS_EVENT_LIMIT + 256 * MiB;
    const server = await hostile(async (_req, res, write) => {
      res.writeHead(200, sseHeaders);
      const chunk = line.endsWith("\n") ? line.repeat(MiB / line.length) : CHUNK.toString();
      if (!(await write(line))) return;
      for (let sent = 0; sent < total; sent += chunk.length) if (!(await write(chunk))) return;
      res.end();
    });
    const statuses = streamStatus(server.client, ENDPOINT, "req-1");
    const error = await (async () => {
      for await (const _ of statuses);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FalResponseError);
    expect(error).toMatchObject({ limit: STATUS_EVENT_LIMIT, requestId: "req-1" });
    expect(server.calls).toHaveLength(1);
    await server.closed();
    expect(server.written()).toBeLessThan(total);
  });

  test("output stream: an event past the body limit", async () => {
    const total = RESPONSE_BODY_LIMIT_BYTES + 256 * MiB;
    const server = await hostile(async (_req, res, write) => {
      res.writeHead(200, sseHeaders);
      await pour(write, total, 'data: {"images":[]}\n\ndata: {"pad":"');
      res.end('"}\n\n');
    });
    const error = await stream(server.client, ENDPOINT, { prompt: "x" }).done().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FalResponseError);
    expect(error).toMatchObject({ limit: RESPONSE_BODY_LIMIT_BYTES, requestId: "req-1" });
    await server.closed();
    expect(server.written()).toBeLessThan(total);
  });
});

describe("a timeout or abort while a body arrives ends the read: the connection is let go", () => {
  /** Headers and the start of a JSON body, then a chunk every 20 ms for as long as the client reads. */
  const trickle: Answer = async (_req, res, write) => {
    res.writeHead(200, HEADERS);
    if (!(await write('{"images":['))) return;
    while (await write("0,")) await new Promise((resolve) => setTimeout(resolve, 20));
  };

  test.each([
    ["subscribe's result, at its timeout", (client: FalClient) => subscribe(client, ENDPOINT, { prompt: "x" }, { timeout: 300, pollInterval: 1 }), FalTimeoutError],
    ["run, at its timeout", (client: FalClient) => run(client, ENDPOINT, { prompt: "x" }, { timeout: 300 }), FalTimeoutError],
    ["result, at its signal", (client: FalClient) => result(client, ENDPOINT, "req-1", { signal: AbortSignal.timeout(300) }), FalAbortError],
  ])("%s", async (_what, call, kind) => {
    let bodies = 0;
    const server = await hostile(async (req, res, write) => {
      if (req.url === `/${ENDPOINT}`) {
        res.writeHead(200, HEADERS);
        return void res.end(JSON.stringify({ status: "IN_QUEUE", request_id: "req-1", queue_position: 0 }));
      }
      if (req.url?.endsWith("/status")) return void (res.writeHead(200, HEADERS), res.end('{"status":"COMPLETED"}'));
      bodies++;
      await trickle(req, res, write);
    });
    const started = Date.now();
    const error = await call(server.client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(kind);
    expect(error).toMatchObject({ requestId: "req-1" });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(bodies).toBe(1);
    // Let go of at once, not when the server gives up: the server would write forever.
    const closed = await Promise.race([server.closed().then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 1000))]);
    expect(closed).toBe(true);
  });

  test.each([
    ["subscribe's status stream, at its timeout", (client: FalClient) => subscribe(client, ENDPOINT, { prompt: "x" }, { timeout: 300, mode: "streaming" }), FalTimeoutError],
    ["an output stream, at its timeout", (client: FalClient) => stream(client, ENDPOINT, { prompt: "x" }, { timeout: 300 }).done(), FalTimeoutError],
  ])("%s, while keep-alives arrive", async (_what, call, kind) => {
    const server = await hostile(async (req, res, write) => {
      if (req.url === `/${ENDPOINT}`) return void (res.writeHead(200, HEADERS), res.end(JSON.stringify({ status: "IN_QUEUE", request_id: "req-1", queue_position: 0 })));
      res.writeHead(200, { "content-type": "text/event-stream", "x-fal-request-id": "req-1" });
      while (await write(": keep-alive\n\n")) await new Promise((resolve) => setTimeout(resolve, 20));
    });
    const error = await call(server.client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(kind);
    expect(error).toMatchObject({ requestId: "req-1" });
    const closed = await Promise.race([server.closed().then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 1000))]);
    expect(closed).toBe(true);
  });

  test.each([
    ["subscribe's result, at its timeout", (client: FalClient) => subscribe(client, ENDPOINT, { prompt: "x" }, { timeout: 300, pollInterval: 1 }), FalTimeoutError],
    ["result, at its signal", (client: FalClient) => result(client, ENDPOINT, "req-1", { signal: AbortSignal.timeout(300) }), FalAbortError],
  ])("%s, while a body within the limit arrives as fast as it can: the read ends, not the body", async (_what, call, kind) => {
    const total = RESPONSE_BODY_LIMIT_BYTES - 8 * MiB;
    const server = await hostile(async (req, res, write) => {
      if (req.url === `/${ENDPOINT}`) return void (res.writeHead(200, HEADERS), res.end(JSON.stringify({ status: "IN_QUEUE", request_id: "req-1", queue_position: 0 })));
      if (req.url?.endsWith("/status")) return void (res.writeHead(200, HEADERS), res.end('{"status":"COMPLETED"}'));
      res.writeHead(200, HEADERS);
      await pour(write, total, '{"data":"');
      res.end('"}');
    });
    const error = await call(server.client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(kind);
    expect(error).toMatchObject({ requestId: "req-1" });
    await server.closed();
    expect(server.written()).toBeLessThan(total);
  });

});
