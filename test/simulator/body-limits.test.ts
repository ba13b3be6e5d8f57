import { request } from "node:http";
import WebSocket from "ws";
import { describe, expect, it } from "vitest";
import { AUTH, KEY, startTestSimulator } from "./simulator-fixture.js";

/**
 * The simulator's body limits: a JSON body (submit, run, stream, tokens, upload initiation) over
 * `maxBodyBytes`, and an upload PUT over `maxUploadBytes`, get fal's 413 `{detail}` as soon as the
 * limit is passed, without the rest being read.
 */

const MiB = 1024 * 1024;

/** A body of `total` bytes sent in 64 KiB chunks as they are pulled, counting how many were. */
function streamedBody(total: number): { body: ReadableStream<Uint8Array>; pulled: () => number } {
  let sent = 0;
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { body, pulled: () => sent };
}

/** A streamed (chunked, no Content-Length) oversize request: its status, JSON body and headers, and the bytes the client got to send. */
async function sendStreamed(url: string, method: string, total: number, headers: Record<string, string> = {}) {
  const { body, pulled } = streamedBody(total);
  const response = await fetch(url, { method, headers: { "content-type": "application/json", ...headers }, body, duplex: "half" } as RequestInit);
  return { status: response.status, body: (await response.json()) as { detail: string }, connection: response.headers.get("connection"), pulled: pulled() };
}

describe("JSON bodies over maxBodyBytes", () => {
  it("a streamed 60 MB submit is answered 413 {detail} once 1 MiB passed, the rest never read", async () => {
    const sim = await startTestSimulator({ maxBodyBytes: MiB });
    const before = sim.stats().submitsByEndpoint["fal-ai/flux/dev"] ?? 0;
    const answer = await sendStreamed(`${sim.url}/fal-ai/flux/dev`, "POST", 60 * MiB, AUTH);
    expect(answer.status).toBe(413);
    expect(answer.body).toEqual({ detail: `Request Entity Too Large: the request body is over ${MiB} bytes (the simulator's maxBodyBytes / --max-body-bytes)` });
    expect(answer.connection).toBe("close");
    // What left the client: the limit plus what socket buffers held when the answer came, not 60 MB.
    expect(answer.pulled).toBeLessThan(20 * MiB);
    expect(sim.stats().submitsByEndpoint["fal-ai/flux/dev"] ?? 0).toBe(before);
    // The simulator goes on serving.
    const next = await fetch(`${sim.url}/fal-ai/flux/dev`, { method: "POST", headers: AUTH, body: JSON.stringify({ prompt: "after" }) });
    expect(next.status).toBe(200);
  });

  it("every JSON route has the limit: run, stream, tokens, upload initiation (a Content-Length over it is refused unread)", async () => {
    const sim = await startTestSimulator({ maxBodyBytes: 64 * 1024 });
    const big = JSON.stringify({ prompt: "x".repeat(100 * 1024) });
    for (const path of ["/fal-ai/flux/dev", "/_run/fal-ai/flux/dev", "/_run/fal-ai/flux/dev/stream", "/_rest/tokens/", "/_rest/storage/upload/initiate?storage_type=fal-cdn-v3"]) {
      const response = await fetch(`${sim.url}${path}`, { method: "POST", headers: { ...AUTH, "content-type": "application/json" }, body: big });
      expect([path, response.status]).toEqual([path, 413]);
      expect(((await response.json()) as { detail: string }).detail).toMatch(/^Request Entity Too Large: the request body is over 65536 bytes/);
    }
    // A body under the limit is served as before.
    const fine = await fetch(`${sim.url}/_run/fal-ai/flux/dev`, { method: "POST", headers: AUTH, body: JSON.stringify({ prompt: "x".repeat(60 * 1024) }) });
    expect(fine.status).toBe(200);
  });

  it("the default is 10 MiB", async () => {
    const sim = await startTestSimulator();
    const status = await new Promise<number>((resolve, reject) => {
      // A Content-Length just over 10 MiB and no body: the answer comes from the header alone.
      const call = request(`${sim.url}/fal-ai/flux/dev`, { method: "POST", headers: { ...AUTH, "content-length": String(10 * MiB + 1) } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      call.on("error", reject);
      call.flushHeaders();
    });
    expect(status).toBe(413);
  });

  it("a realtime message over the limit closes the connection with 1009", async () => {
    const sim = await startTestSimulator({ maxBodyBytes: 64 * 1024 });
    const socket = new WebSocket(`${sim.url.replace("http", "ws")}/_run/fal-ai/flux/dev/realtime`, { headers: { Authorization: `Key ${KEY}` } });
    await new Promise((resolve, reject) => socket.on("open", resolve).on("error", reject));
    const closed = new Promise<number>((resolve) => socket.on("close", (code) => resolve(code)));
    socket.send(JSON.stringify({ prompt: "x".repeat(100 * 1024) }));
    expect(await closed).toBe(1009);
  });
});

/**
 * A call with `Expect: 100-continue` on a real loopback connection: the body is sent only once the
 * server says 100 Continue (as curl and .NET clients do), so whether a 100 came is seen.
 */
function callExpectingContinue(url: string, method: string, headers: Record<string, string>, body: Buffer): Promise<{ status: number; detail: unknown; continued: boolean }> {
  return new Promise((resolve, reject) => {
    let continued = false;
    const call = request(url, { method, headers: { ...headers, expect: "100-continue", "content-length": String(body.length) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, detail: (JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as { detail?: unknown }).detail, continued }));
    });
    call.on("continue", () => {
      continued = true;
      call.end(body);
    });
    call.on("error", reject);
    call.flushHeaders();
  });
}

describe("Expect: 100-continue", () => {
  it("a body over the limit on any route gets 413 at once, never 100 Continue first", async () => {
    const sim = await startTestSimulator({ maxBodyBytes: 64 * 1024, maxUploadBytes: 128 * 1024 });
    const json = { ...AUTH, "content-type": "application/json" };
    const routes: [string, string, number, RegExp][] = [
      ["POST", "/fal-ai/flux/dev", 64 * 1024, /the request body is over 65536 bytes/],
      ["POST", "/_run/fal-ai/flux/dev", 64 * 1024, /the request body is over 65536 bytes/],
      ["POST", "/_run/fal-ai/flux/dev/stream", 64 * 1024, /the request body is over 65536 bytes/],
      ["POST", "/_rest/tokens/", 64 * 1024, /the request body is over 65536 bytes/],
      ["POST", "/_rest/storage/upload/initiate?storage_type=fal-cdn-v3", 64 * 1024, /the request body is over 65536 bytes/],
      ["POST", "/_rest/storage/upload/multipart/some-token/complete", 64 * 1024, /the request body is over 65536 bytes/],
      ["PUT", "/_rest/storage/upload/put/some-token", 128 * 1024, /the upload is over 131072 bytes/],
      ["PUT", "/_rest/storage/upload/multipart/some-token/1", 128 * 1024, /the upload is over 131072 bytes/],
    ];
    for (const [method, path, limit, detail] of routes) {
      const answer = await callExpectingContinue(`${sim.url}${path}`, method, json, Buffer.alloc(limit + 1, 0x61));
      expect([path, answer.status, answer.continued]).toEqual([path, 413, false]);
      expect(answer.detail).toMatch(detail);
    }
  });

  it("a call refused before its body is read (no key, no such endpoint) gets no 100 either; an accepted one gets it and is served", async () => {
    const sim = await startTestSimulator();
    const body = Buffer.from(JSON.stringify({ prompt: "a red fox" }));
    const unauthorized = await callExpectingContinue(`${sim.url}/fal-ai/flux/dev`, "POST", { "content-type": "application/json" }, body);
    expect([unauthorized.status, unauthorized.continued]).toEqual([401, false]);
    const unknown = await callExpectingContinue(`${sim.url}/fal-ai/no-such-model`, "POST", AUTH, body);
    expect([unknown.status, unknown.continued]).toEqual([404, false]);
    const accepted = await callExpectingContinue(`${sim.url}/_run/fal-ai/flux/dev`, "POST", { ...AUTH, "content-type": "application/json" }, body);
    expect([accepted.status, accepted.continued]).toEqual([200, true]);
  });
});

describe("storage uploads over maxUploadBytes", () => {
  it("have their own, larger limit: 2 MiB is stored where JSON stops at 1 MiB; a streamed 60 MB PUT is answered 413 early", async () => {
    const sim = await startTestSimulator({ maxBodyBytes: MiB, maxUploadBytes: 4 * MiB });
    const initiate = async (path = "initiate") => {
      const response = await fetch(`${sim.storageUrl}/storage/upload/${path}?storage_type=fal-cdn-v3`, { method: "POST", headers: AUTH, body: JSON.stringify({ content_type: "image/png", file_name: "a.png" }) });
      return (await response.json()) as { upload_url: string; file_url: string };
    };
    const fits = await initiate();
    const bytes = new Uint8Array(2 * MiB).fill(7);
    expect((await fetch(fits.upload_url, { method: "PUT", headers: { "content-type": "image/png" }, body: bytes })).status).toBe(200);
    expect(Buffer.from(await (await fetch(fits.file_url)).arrayBuffer()).equals(bytes)).toBe(true);

    const over = await sendStreamed((await initiate()).upload_url, "PUT", 60 * MiB, { "content-type": "image/png" });
    expect(over.status).toBe(413);
    expect(over.body.detail).toBe(`Request Entity Too Large: the upload is over ${4 * MiB} bytes (the simulator's maxUploadBytes / --max-upload-bytes)`);
    expect(over.pulled).toBeLessThan(24 * MiB);

    // A multipart part is one PUT too.
    const part = await sendStreamed(`${(await initiate("initiate-multipart")).upload_url}/1`, "PUT", 60 * MiB);
    expect(part.status).toBe(413);
  });
});
