import { afterEach, describe, expect, test, vi } from "vitest";
import { createFalClient, FalError, type FalClient } from "../../generator/runtime/index.js";
import { result, run, status, stream, submit, subscribe } from "../../generator/runtime/endpoint-calls.js";
import { fakeQueue } from "./fake-queue.js";
import { json, serve } from "./serve.js";

const KEY = "key-id:super-secret-value";
const ENDPOINT = "fal-ai/flux/dev";

afterEach(() => {
  vi.unstubAllEnvs();
});

async function authorizationSent(options: Parameters<typeof createFalClient>[0]): Promise<string | null> {
  const server = await serve(fakeQueue());
  await submit(createFalClient({ ...options, queueUrl: server.url }), ENDPOINT, {});
  return server.received[0]?.headers.get("authorization") ?? null;
}

describe("credentials", () => {
  test("come from FAL_KEY", async () => {
    vi.stubEnv("FAL_KEY", "env-key");
    expect(await authorizationSent({})).toBe("Key env-key");
  });

  test("or from FAL_KEY_ID and FAL_KEY_SECRET joined by ':'", async () => {
    vi.stubEnv("FAL_KEY", "");
    vi.stubEnv("FAL_KEY_ID", "id");
    vi.stubEnv("FAL_KEY_SECRET", "secret");
    expect(await authorizationSent({})).toBe("Key id:secret");
  });

  test("given explicitly win over the environment, and a function is asked on every request", async () => {
    vi.stubEnv("FAL_KEY", "env-key");
    expect(await authorizationSent({ credentials: KEY })).toBe(`Key ${KEY}`);
    let asked = 0;
    const server = await serve(fakeQueue());
    const client = createFalClient({ credentials: async () => `rotating-${++asked}`, queueUrl: server.url });
    await submit(client, ENDPOINT, {});
    await status(client, ENDPOINT, "req-1");
    expect(server.received.map((r) => r.headers.get("authorization"))).toEqual(["Key rotating-1", "Key rotating-2"]);
  });

  test("a credentials function that throws or rejects fails the call with a FalError, once (never retried), without its message", async () => {
    for (const credentials of [() => { throw new Error(`bad ${KEY}`); }, async () => { throw new Error(`bad ${KEY}`); }]) {
      let asked = 0;
      const server = await serve(fakeQueue());
      const client = createFalClient({ credentials: () => (asked++, credentials()), queueUrl: server.url, retry: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 1 } });
      for (const call of [() => submit(client, ENDPOINT, {}), () => status(client, ENDPOINT, "req-1")]) {
        const error = await call().then(() => undefined, (failure: unknown) => failure);
        expect(error).toBeInstanceOf(FalError);
        expect(error).toMatchObject({ name: "FalError", message: "The credentials function failed (see `cause`)" });
      }
      expect(asked).toBe(2);
      expect(server.calls).toEqual([]);
    }
  });

  test("missing credentials fail before anything is sent", async () => {
    vi.stubEnv("FAL_KEY", "");
    vi.stubEnv("FAL_KEY_ID", "");
    const server = await serve(fakeQueue());
    const failure = submit(createFalClient({ queueUrl: server.url }), ENDPOINT, {});
    await expect(failure).rejects.toThrow(/No fal credentials.*FAL_KEY/);
    expect(server.calls).toEqual([]);
  });
});

describe("the key never leaks into errors", () => {
  const describeError = (error: unknown) =>
    [String(error), (error as Error).stack, JSON.stringify(error), String((error as Error).cause), JSON.stringify((error as Error).cause)].join("\n");

  test.each([
    ["401", () => json({ detail: "Invalid key" }, { status: 401 })],
    ["422", () => json({ detail: [{ loc: ["body", "prompt"], msg: "required", type: "missing" }] }, { status: 422 })],
    ["500 with a text body", () => new Response("upstream exploded", { status: 500 })],
  ])("%s", async (_, reply) => {
    const server = await serve(reply);
    const error = await subscribe(createFalClient({ credentials: KEY, queueUrl: server.url, retry: false }), ENDPOINT, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FalError);
    expect(describeError(error)).not.toContain("super-secret");
  });

  test("network errors, timeouts and aborts", async () => {
    const failures = [
      status(createFalClient({ credentials: KEY, queueUrl: "http://127.0.0.1:1", retry: false }), ENDPOINT, "r"),
      result(createFalClient({ credentials: KEY, queueUrl: (await serve(() => new Promise(() => {}))).url }), ENDPOINT, "r", { signal: AbortSignal.timeout(20) }),
      subscribe(createFalClient({ credentials: KEY, queueUrl: (await serve(fakeQueue({ statuses: [{ status: "IN_QUEUE" }] }))).url }), ENDPOINT, {}, { timeout: 50 }),
    ];
    for (const failure of failures) {
      const error = await failure.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FalError);
      expect(describeError(error)).not.toContain("super-secret");
    }
  });
});

describe("redirects", () => {
  /** Answers `/moved` with a status and redirects everything else there. */
  const redirecting = () => serve((request) => (new URL(request.url).pathname === "/moved" ? json({ status: "COMPLETED", request_id: "r" }) : new Response(null, { status: 302, headers: { location: "/moved" } })));

  test("a redirect from fal is a network error, not followed: fal's API never redirects", async () => {
    const server = await redirecting();
    const failure = status(createFalClient({ credentials: KEY, queueUrl: server.url, retry: false }), ENDPOINT, "r");
    await expect(failure).rejects.toMatchObject({ name: "FalNetworkError", message: expect.stringContaining("redirect") });
    expect(server.calls).toEqual(["GET /fal-ai/flux/requests/r/status"]);
  });

  test("through the proxy, the app's own route, a redirect is followed", async () => {
    const server = await redirecting();
    await expect(status(createFalClient({ proxyUrl: `${server.url}/api/fal` }), ENDPOINT, "r")).resolves.toMatchObject({ status: "COMPLETED" });
    expect(server.calls).toEqual(["GET /api/fal", "GET /moved"]);
  });

  test("where Request refuses redirect: 'error' (Cloudflare Workers), requests go without it", async () => {
    const inits: RequestInit[] = [];
    const recording: typeof fetch = async (_, init) => {
      inits.push(init ?? {});
      return json({ status: "COMPLETED", request_id: "r" });
    };
    await status(createFalClient({ credentials: KEY, fetch: recording }), ENDPOINT, "r");
    const Native = globalThis.Request;
    vi.stubGlobal(
      "Request",
      class extends Native {
        constructor(input: RequestInfo | URL, init?: RequestInit) {
          if (init?.redirect === "error") throw new TypeError('Invalid redirect value, must be one of "follow" or "manual"');
          super(input, init);
        }
      },
    );
    try {
      await status(createFalClient({ credentials: KEY, fetch: recording }), ENDPOINT, "r");
    } finally {
      vi.unstubAllGlobals();
    }
    expect(inits.map(({ redirect, window }) => ({ redirect, window }))).toEqual([{ redirect: "error", window: null }, { redirect: undefined, window: undefined }]);
  });
});

describe("the run host", () => {
  test("run and stream call https://fal.run unless runUrl names another host (its trailing slashes dropped)", async () => {
    const urls: string[] = [];
    const fetch = async (input: RequestInfo | URL) => {
      urls.push(String(input));
      return String(input).endsWith("/stream")
        ? new Response('data: {"images": []}\n\n', { headers: { "content-type": "text/event-stream" } })
        : Response.json({ images: [] });
    };
    for (const runUrl of [undefined, "http://127.0.0.1:9/_run//"]) {
      const client = createFalClient({ credentials: KEY, fetch, runUrl });
      await run(client, ENDPOINT, {});
      await stream(client, ENDPOINT, {}).done();
    }
    expect(urls).toEqual([
      "https://fal.run/fal-ai/flux/dev",
      "https://fal.run/fal-ai/flux/dev/stream",
      "http://127.0.0.1:9/_run/fal-ai/flux/dev",
      "http://127.0.0.1:9/_run/fal-ai/flux/dev/stream",
    ]);
  });
});

describe("the client's shape", () => {
  test("its own properties are its settings: no send or fetch that would sign any URL with the key", () => {
    const fal = createFalClient({ credentials: "key:secret", runUrl: "http://127.0.0.1:1", storageUrl: "http://127.0.0.1:2" });
    expect(Object.keys(fal).sort()).toEqual(["queueUrl", "retry", "runUrl", "storageUrl", "validate", "validators"]);
    // The run and storage hosts as given: their defaults are applied where they are used.
    expect(Object.keys(createFalClient()).sort()).toEqual(["queueUrl", "retry", "validate", "validators"]);
    // @ts-expect-error not a member of FalClient
    expect(fal.send).toBeUndefined();
    // @ts-expect-error not a member of FalClient
    expect(fal.fetch).toBeUndefined();
  });

  test("an object createFalClient did not make is refused with a FalError saying so, before anything is sent", async () => {
    const fake = { queueUrl: "http://127.0.0.1:9", storageUrl: "http://127.0.0.1:9", retry: false, validate: false, validators: [] } as FalClient;
    await expect(submit(fake, "fal-ai/x", {})).rejects.toThrow(new FalError("Not a fal client: pass what createFalClient() returns"));
  });

  test("a custom fetch that throws instead of rejecting fails the call as a network error, direct and through the proxy", async () => {
    const throwing = () => {
      throw new TypeError("fetch threw");
    };
    for (const options of [{ credentials: "key:secret" }, { proxyUrl: "/api/fal/proxy" }]) {
      const fal = createFalClient({ ...options, fetch: throwing, retry: false });
      await expect(submit(fal, "fal-ai/x", {})).rejects.toMatchObject({ name: "FalNetworkError", message: "Network error: fetch threw" });
      await expect(status(fal, "fal-ai/x", "req-1")).rejects.toMatchObject({ name: "FalNetworkError", requestId: "req-1" });
    }
  });

  test("a copy of a client (spread with another setting) still sends", async () => {
    const seen: string[] = [];
    const fal = createFalClient({ credentials: "key:secret", fetch: async (input) => (seen.push(String(input)), Response.json({ request_id: "r1" })) });
    await submit({ ...fal, queueUrl: "http://127.0.0.1:9" }, "fal-ai/x", {});
    expect(seen).toEqual(["http://127.0.0.1:9/fal-ai/x"]);
  });
});
