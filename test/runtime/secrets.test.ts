import { inspect } from "node:util";
import { afterEach, describe, expect, test } from "vitest";
import { createFalClient, FalError, uploadFile, type FalClient } from "../../generator/runtime/index.js";
import { cancel, result, run, status, stream, streamStatus, submit, subscribe } from "../../generator/runtime/endpoint-calls.js";
import { createProxyHandler, createTokenHandler, fetchRealtimeToken } from "../../generator/runtime/server/index.js";
import { base64, echoes, KEY as ENCODED_KEY, SECRET as ENCODED_SECRET } from "../helpers/key-echoes.js";
import { fakeQueue } from "./fake-queue.js";
import { json, serve } from "./serve.js";

// The secret half of every key below: it must never show up in an error, however it is printed.
const SECRET = "S3CRET-never-print-me";
const ID = "key-id-0042";
const fastRetry = { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 5 };

/** Every way an error gets printed or logged. */
function renderings(error: unknown): string[] {
  const e = error as Error;
  return [String(e?.message), String(e?.stack), JSON.stringify(error) ?? "", inspect(error, { depth: Infinity, showHidden: true }), String(error)];
}

/** Fails when any rendering of `error` holds the secret (or the key id next to it). */
function expectNoKey(error: unknown): void {
  expect(error).toBeInstanceOf(Error);
  for (const text of renderings(error)) {
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(SECRET.slice(0, 8));
    expect(text).not.toContain(`${ID}:`);
  }
}

const failure = (promise: Promise<unknown>) => promise.then(
  () => {
    throw new Error("expected the call to fail");
  },
  (error: unknown) => error,
);

/** Every public call of the runtime that sends the key, as thunks. */
function everyCall(client: FalClient): [string, () => Promise<unknown>][] {
  return [
    ["submit", () => submit(client, "fal-ai/flux/dev", { prompt: "x" })],
    ["status", () => status(client, "fal-ai/flux/dev", "req-1")],
    ["result", () => result(client, "fal-ai/flux/dev", "req-1")],
    ["cancel", () => cancel(client, "fal-ai/flux/dev", "req-1")],
    ["subscribe (polling)", () => subscribe(client, "fal-ai/flux/dev", {}, { pollInterval: 1 })],
    ["subscribe (streaming)", () => subscribe(client, "fal-ai/flux/dev", {}, { mode: "streaming" })],
    [
      "streamStatus",
      async () => {
        for await (const _ of streamStatus(client, "fal-ai/flux/dev", "req-1"));
      },
    ],
    ["uploadFile", () => uploadFile(client, new Uint8Array(100 * 1024))],
    ["run", () => run(client, "fal-ai/flux/dev", {})],
    ["stream", () => stream(client, "fal-ai/flux/dev", {}).done()],
    ["fetchRealtimeToken", () => fetchRealtimeToken(client, "fal-ai/flux/dev")],
  ];
}

const savedEnv = { ...process.env };
afterEach(() => {
  for (const name of ["FAL_KEY", "FAL_KEY_ID", "FAL_KEY_SECRET"]) {
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
  }
});

describe("credentials are checked before use", () => {
  test.each([
    ["a trailing newline", `${ID}:${SECRET}\n`],
    ["a trailing CRLF", `${ID}:${SECRET}\r\n`],
    ["surrounding spaces", `  ${ID}:${SECRET}  `],
  ])("a key with %s is trimmed and works", async (_what, key) => {
    const server = await serve(fakeQueue());
    const client = createFalClient({ credentials: key, queueUrl: server.url, storageUrl: server.url });
    await expect(subscribe(client, "fal-ai/flux/dev", {}, { pollInterval: 1 })).resolves.toMatchObject({ requestId: "req-1" });
    expect(new Set(server.received.map((r) => r.headers.get("authorization")))).toEqual(new Set([`Key ${ID}:${SECRET}`]));
  });

  test("FAL_KEY_ID and FAL_KEY_SECRET read from files with trailing newlines are trimmed each", async () => {
    delete process.env.FAL_KEY;
    process.env.FAL_KEY_ID = `${ID}\n`;
    process.env.FAL_KEY_SECRET = `${SECRET}\n`;
    const server = await serve(fakeQueue());
    await submit(createFalClient({ queueUrl: server.url }), "fal-ai/flux/dev", {});
    expect(server.received[0]?.headers.get("authorization")).toBe(`Key ${ID}:${SECRET}`);
  });

  test("a blank FAL_KEY_ID or FAL_KEY_SECRET is no half of a key: no credentials, nothing sent; a blank FAL_KEY leaves the pair", async () => {
    for (const [id, secret] of [[" \n", SECRET], [ID, "\n"]]) {
      process.env.FAL_KEY = "";
      process.env.FAL_KEY_ID = id;
      process.env.FAL_KEY_SECRET = secret;
      const server = await serve(fakeQueue());
      await expect(submit(createFalClient({ queueUrl: server.url }), "fal-ai/flux/dev", {})).rejects.toThrow(/^No fal credentials/);
      expect(server.calls).toEqual([]);
    }
    process.env.FAL_KEY = " \n";
    process.env.FAL_KEY_ID = ID;
    process.env.FAL_KEY_SECRET = SECRET;
    const server = await serve(fakeQueue());
    await submit(createFalClient({ queueUrl: server.url }), "fal-ai/flux/dev", {});
    expect(server.received[0]?.headers.get("authorization")).toBe(`Key ${ID}:${SECRET}`);
  });

  const BAD_KEYS: [string, string][] = [
    ["a newline inside", `${ID}:${SECRET.slice(0, 6)}\n${SECRET.slice(6)}`],
    ["a carriage return inside", `${ID}\r:${SECRET}`],
    ["a NUL", `${ID}:${SECRET}\u0000`],
    ["a tab", `${ID}:\t${SECRET}`],
    ["an escape character", `${ID}:${SECRET}\u001b[2J`],
    ["DEL", `${ID}:${SECRET}\u007f`],
    ["a space inside", `${ID}: ${SECRET}`],
    ["a non-ASCII letter", `${ID}:${SECRET}é`],
    ["a line separator (U+2028)", `${ID}:${SECRET}\u2028x`],
  ];

  test.each(BAD_KEYS)("a key with %s is refused by every call, with an error that never holds it", async (_what, key) => {
    const server = await serve(fakeQueue());
    for (const credentials of [key, () => key, async () => key]) {
      const client = createFalClient({ credentials, queueUrl: server.url, storageUrl: server.url, runUrl: server.url, retry: fastRetry });
      for (const [, call] of everyCall(client)) {
        const error = await failure(call());
        expect(error).toBeInstanceOf(FalError);
        expect((error as Error).message).toMatch(/Invalid fal key: character \d+ is not printable ASCII/);
        expectNoKey(error);
      }
    }
    expect(server.calls).toEqual([]);
  });

  test.each(BAD_KEYS)("a proxy whose key has %s answers 500 {detail} without it, and forwards nothing", async (_what, key) => {
    const upstream = await serve(fakeQueue());
    const proxy = await serve(createProxyHandler({ allowedEndpoints: ["fal-ai/flux/dev"], credentials: key, queueUrl: upstream.url }));
    const browser = createFalClient({ proxyUrl: proxy.url, queueUrl: upstream.url, retry: false });
    const error = await failure(submit(browser, "fal-ai/flux/dev", {}));
    expect(error).toMatchObject({ name: "FalApiError", status: 500 });
    expect((error as Error).message).toMatch(/The proxy has no usable fal credentials: Invalid fal key/);
    expectNoKey(error);
    expect(upstream.calls).toEqual([]);
  });
});

describe("no error of the client or the proxy holds the key", () => {
  const KEY = `${ID}:${SECRET}`;

  /** A queue that fails every call in the way named by `kind`; the `echo-` kinds repeat the key it was sent. */
  async function failingQueue(kind: string) {
    return serve((request) => {
      const path = new URL(request.url).pathname;
      // What a hostile or broken server echoes: the Authorization header, or just the key's secret.
      const auth = request.headers.get("authorization") ?? "";
      const echo = { "x-echo": auth, "x-fal-error-type": auth };
      if (path.includes("/requests/") || path.startsWith("/fal-ai") || path.startsWith("/storage") || path.startsWith("/run") || path.startsWith("/tokens")) {
        switch (kind) {
          case "echo-401":
            return json({ detail: `Invalid key: ${auth}`, key: auth, nested: [{ auth }] }, { status: 401, headers: echo });
          case "echo-422":
            return json({ detail: [{ loc: ["body", auth], msg: `not ${auth}`, type: "missing" }] }, { status: 422, headers: echo });
          case "echo-500":
            return new Response(`Internal error for ${auth}`, { status: 500, headers: echo });
          case "echo-secret":
            return new Response(`secret ${auth.slice(auth.indexOf(":") + 1)} leaked`, { status: 503, headers: echo });
          case "echo-html":
            return new Response(`<html>${auth}</html>`, { headers: { "content-type": "text/html", ...echo } });
          case "echo-event":
            return new Response(`data: ${JSON.stringify({ type: "x-fal-error", error: auth, reason: auth })}\n\n`, { headers: { "content-type": "text/event-stream", ...echo } });
          case "401":
            return json({ detail: "Invalid key" }, { status: 401 });
          case "422":
            return json({ detail: [{ loc: ["body", "prompt"], msg: "Field required", type: "missing" }] }, { status: 422 });
          case "500":
            return new Response("Internal Server Error", { status: 500 });
          case "429":
            return json({ detail: "slow down" }, { status: 429, headers: { "retry-after": "3600" } });
          case "html":
            return new Response("<html>gateway</html>", { headers: { "content-type": "text/html" } });
          case "cut":
            return new Response(
              new ReadableStream({
                start: (c) => c.enqueue(new TextEncoder().encode('{"a":')),
                pull: async (c) => {
                  await new Promise((resolve) => setTimeout(resolve, 10));
                  c.error(new Error("cut"));
                },
              }),
            );
          case "redirect":
            return new Response(null, { status: 302, headers: { location: "/elsewhere" } });
          case "slow":
            return new Promise<Response>((resolve) => setTimeout(() => resolve(json({})), 2000));
        }
      }
      return json({});
    });
  }

  const KINDS = ["401", "422", "500", "429", "html", "cut", "redirect", "slow", "echo-401", "echo-422", "echo-500", "echo-secret", "echo-html", "echo-event"];

  test.each(KINDS)("a queue answering %s: every call's error, direct and through the proxy", async (kind) => {
    const queue = await failingQueue(kind);
    const direct = createFalClient({ credentials: KEY, queueUrl: queue.url, storageUrl: queue.url, runUrl: `${queue.url}/run`, retry: fastRetry });
    const proxy = await serve(createProxyHandler({ allowedEndpoints: ["fal-ai/flux/dev"], credentials: KEY, queueUrl: queue.url, storageUrl: queue.url, runUrl: `${queue.url}/run` }));
    const browser = createFalClient({ proxyUrl: proxy.url, queueUrl: queue.url, storageUrl: queue.url, runUrl: `${queue.url}/run`, retry: fastRetry });
    for (const client of [direct, browser]) {
      for (const [name, call] of everyCall(client)) {
        // Through the proxy, a token is not fetched: the page asks the app's token handler instead.
        if (client === browser && name === "fetchRealtimeToken") continue;
        const error = await failure(kind === "slow" ? subscribe(client, "fal-ai/flux/dev", {}, { timeout: 50 }) : call());
        expect(error, name).toBeInstanceOf(FalError);
        expectNoKey(error);
        if (kind === "slow") break;
      }
    }
  });

  test("a key that holds an earlier key's secret is scrubbed whole, not left around the shorter one", async () => {
    const queue = await failingQueue("echo-401");
    // The process sent the shorter key first; then one whose secret begins with the shorter's secret.
    const shorter = "short-id:overlap-secret";
    const longer = "long-id:overlap-secret-0123456789";
    for (const key of [shorter, longer]) {
      const error = (await failure(status(createFalClient({ credentials: key, queueUrl: queue.url, retry: false }), "fal-ai/flux/dev", "req-1"))) as FalError;
      expect(error).toBeInstanceOf(FalError);
      const shown = inspect(error, { depth: 10 });
      for (const part of ["overlap-secret", "short-id:", "long-id:", "0123456789"]) expect(shown).not.toContain(part);
    }
  });

  /** A proxy (with `key`) whose upstream answers `bytes` in chunks of `size` bytes (with `init`), and what it forwards of that. */
  async function throughProxy(bytes: Uint8Array, size: number, init?: ResponseInit, key = KEY): Promise<Response> {
    const proxy = createProxyHandler({
      allowedEndpoints: ["fal-ai/flux/dev"],
      credentials: key,
      queueUrl: "http://127.0.0.1:9",
      fetch: async () =>
        new Response(
          new ReadableStream({
            start(controller) {
              for (let at = 0; at < bytes.length; at += size) controller.enqueue(bytes.slice(at, at + size));
              controller.close();
            },
          }),
          init,
        ),
    });
    return proxy(new Request("http://proxy.test/", { method: "POST", headers: { "x-fal-target-url": "http://127.0.0.1:9/fal-ai/flux/dev" }, body: "{}" }));
  }

  test("a proxy's answers never hold its key, wherever upstream's chunks split an echo of it", async () => {
    const bytes = new TextEncoder().encode(`{"detail":"Key ${KEY}","again":"${SECRET}","end":"Key ${KEY}"}`);
    // Every chunk size from 1 byte to past the key's length: each split point of the echo is crossed.
    for (let size = 1; size <= KEY.length + 6; size++) {
      const response = await throughProxy(bytes, size, { status: 401, statusText: `Key ${KEY}`, headers: { "x-echo": `Key ${KEY}` } });
      expect(await response.json(), `chunks of ${size} bytes`).toEqual({ detail: "Key [redacted]", again: "[redacted]", end: "Key [redacted]" });
      expect(response.headers.get("x-echo")).toBe("Key [redacted]");
      expect(response.statusText).toBe("Key [redacted]");
    }
  });

  test("bodies without the key pass the proxy byte for byte, binary included", async () => {
    // Every byte value, and near-misses of the key: a prefix cut short at the very end, one wrong byte.
    const tail = new TextEncoder().encode(`${KEY.slice(0, -1)}x ${KEY.slice(0, -2)}`);
    const bytes = new Uint8Array([...Array.from({ length: 256 }, (_, i) => i), ...tail]);
    for (const size of [1, 7, 4096]) {
      const response = await throughProxy(bytes, size);
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
    }
  });

  describe("a proxy's key echoed encoded (base64 and base64url at each alignment, hex, other letter case)", () => {
    // The proxy's answers go to a browser, not a terminal: characters a terminal hides are not its concern.
    const encoded = echoes().filter(({ name }) => !/split by/.test(name));

    test("is forwarded in no body, wherever upstream's chunks split it", async () => {
      const bytes = new TextEncoder().encode(encoded.map(({ text }) => text).join("\n"));
      const longest = Math.max(...encoded.map(({ text }) => text.length));
      for (let size = 1; size <= longest; size += size < 16 ? 1 : 7) {
        const lines = (await (await throughProxy(bytes, size, undefined, ENCODED_KEY)).text()).split("\n");
        for (const [i, line] of lines.entries()) expect(line, `${encoded[i]!.name}, chunks of ${size} bytes`).toMatch(encoded[i]!.left);
      }
    });

    test.each(encoded)("$name: in no header", async ({ text, left }) => {
      expect((await throughProxy(new Uint8Array(), 1, { headers: { "x-echo": text } }, ENCODED_KEY)).headers.get("x-echo")).toMatch(left);
    });

    test("bodies without it pass byte for byte, other base64 and hex included", async () => {
      const near = `${base64(`${ENCODED_KEY.slice(0, -1)}x`)} ${Buffer.from(ENCODED_SECRET.slice(1)).toString("hex").slice(2)} ${ENCODED_KEY.slice(0, 20)}`;
      const bytes = new Uint8Array([...Array.from({ length: 256 }, (_, i) => i), ...new TextEncoder().encode(near)]);
      for (const size of [1, 7, 4096]) expect(new Uint8Array(await (await throughProxy(bytes, size, undefined, ENCODED_KEY)).arrayBuffer())).toEqual(bytes);
    });
  });

  test("a key too short to be fal's (under 8 characters) is not scrubbed from messages, which would garble them", async () => {
    const queue = await serve(() => json({ detail: "Invalid key, check it" }, { status: 401 }));
    const error = await failure(submit(createFalClient({ credentials: "key", queueUrl: queue.url, retry: false }), "fal-ai/flux/dev", {}));
    expect((error as Error).message).toBe("fal API error 401: Invalid key, check it");
  });

  test("network failures, aborts and timeouts", async () => {
    const nowhere = createFalClient({ credentials: KEY, queueUrl: "http://127.0.0.1:9", storageUrl: "http://127.0.0.1:9", retry: false });
    for (const [, call] of everyCall(nowhere)) expectNoKey(await failure(call()));
    const proxy = await serve(createProxyHandler({ allowedEndpoints: ["fal-ai/flux/dev"], credentials: KEY, queueUrl: "http://127.0.0.1:9" }));
    const browser = createFalClient({ proxyUrl: proxy.url, queueUrl: "http://127.0.0.1:9", retry: false });
    expectNoKey(await failure(submit(browser, "fal-ai/flux/dev", {})));
    const queue = await serve(fakeQueue({ statuses: [{ status: "IN_QUEUE", queue_position: 1 }] }));
    const client = createFalClient({ credentials: KEY, queueUrl: queue.url });
    expectNoKey(await failure(subscribe(client, "fal-ai/flux/dev", {}, { timeout: 30, pollInterval: 1 })));
    expectNoKey(await failure(subscribe(client, "fal-ai/flux/dev", {}, { signal: AbortSignal.timeout(30), pollInterval: 1 })));
  });

  test("a proxy whose credentials function throws (with the key in its message) answers 500 without echoing it", async () => {
    const upstream = await serve(fakeQueue());
    const proxy = await serve(
      createProxyHandler({
        allowedEndpoints: ["fal-ai/flux/dev"],
        credentials: () => {
          throw new Error(`vault refused ${KEY}`);
        },
        queueUrl: upstream.url,
      }),
    );
    const response = await fetch(proxy.url, { method: "POST", headers: { "x-fal-target-url": `${upstream.url}/fal-ai/flux/dev` }, body: "{}" });
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain(SECRET);
    expect(upstream.calls).toEqual([]);
  });

  test("a token handler never hands the page the key in any form, as the token or in an error", async () => {
    let answer: unknown;
    const tokens = await serve(() => json(answer));
    const handler = await serve(createTokenHandler({ allowedEndpoints: ["fal-ai/flux/dev"], credentials: ENCODED_KEY, storageUrl: tokens.url }));
    const ask = async () => {
      const response = await fetch(handler.url, { method: "POST", body: JSON.stringify({ endpointId: "fal-ai/flux/dev" }) });
      return { status: response.status, body: await response.text() };
    };
    // Forms split by invisible characters are the terminal's concern (what falgen prints), not a token's.
    const forms = echoes().filter(({ name }) => !name.includes("split"));
    for (const { name, text } of forms) {
      answer = text;
      const { status, body } = await ask();
      expect(status, name).toBe(502);
      expect(body, name).not.toContain(text.slice("echo ".length, -" end".length));
      expect(body, name).not.toContain(ENCODED_SECRET);
    }
    // Quoted in the error of an answer that holds no token (retried first: one form, as they share the redaction above).
    for (const { name, text } of forms.filter(({ name }) => name === "base64 of the key after 1 byte(s), before 1")) {
      answer = { detail: text };
      const { status, body } = await ask();
      expect(status, name).toBe(502);
      expect(body, name).toContain("without a token");
      expect(body, name).not.toContain(text.slice("echo ".length, -" end".length));
    }
    answer = "token-1";
    expect(await ask()).toEqual({ status: 200, body: '"token-1"' });
  });

  test("a token handler whose key is bad answers without it", async () => {
    const tokens = await serve(() => json("token-1"));
    for (const credentials of [`${ID}:${SECRET}\u0000`, () => {
      throw new Error(`vault refused ${KEY}`);
    }]) {
      const handler = await serve(createTokenHandler({ allowedEndpoints: ["fal-ai/flux/dev"], credentials, storageUrl: tokens.url }));
      const response = await fetch(handler.url, { method: "POST", body: JSON.stringify({ endpointId: "fal-ai/flux/dev" }) });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(await response.text()).not.toContain(SECRET);
    }
    expect(tokens.calls).toEqual([]);
  });

  test("no credentials at all", async () => {
    delete process.env.FAL_KEY;
    delete process.env.FAL_KEY_ID;
    delete process.env.FAL_KEY_SECRET;
    const error = await failure(submit(createFalClient({ queueUrl: "http://127.0.0.1:9" }), "fal-ai/flux/dev", {}));
    expect((error as Error).message).toMatch(/No fal credentials/);
  });
});
