import { describe, expect, test } from "vitest";
import { createFalClient, uploadFile } from "../../generator/runtime/index.js";
import { subscribe } from "../../generator/runtime/endpoint-calls.js";
import { createProxyHandler } from "../../generator/runtime/server/index.js";
import { fakeQueue } from "./fake-queue.js";
import { json, serve } from "./serve.js";

const KEY = "key-id:server-only-secret";
const QUEUE = "https://queue.fal.run";

/** A proxy whose upstream fetch is recorded instead of sent. */
function recordingProxy() {
  const forwarded: Request[] = [];
  const handler = createProxyHandler({
    allowedEndpoints: ["fal-ai/flux/dev", "fal-ai/bytedance/seedream/v4/text-to-image", "workflows/acme/pipeline/step"],
    credentials: KEY,
    fetch: async (input, init) => {
      forwarded.push(new Request(input, init));
      return json({ ok: true }, { headers: { "set-cookie": "upstream=1", "x-fal-request-id": "r" } });
    },
  });
  const call = (target: string | null, method = "GET", headers: Record<string, string> = {}) =>
    handler(
      new Request("https://app.example/api/fal", {
        method,
        headers: { ...(target === null ? {} : { "x-fal-target-url": target }), ...headers },
        body: method === "GET" ? undefined : "{}",
      }),
    );
  return { call, forwarded };
}

describe("createProxyHandler", () => {
  test("forwards an allowed submit with the server's key, dropping the caller's credentials and cookies", async () => {
    const { call, forwarded } = recordingProxy();
    const response = await call(`${QUEUE}/fal-ai/flux/dev?fal_webhook=https%3A%2F%2Fx`, "POST", {
      authorization: "Key stolen",
      cookie: "session=1",
      "content-type": "application/json",
      "x-fal-queue-priority": "low",
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-fal-request-id")).toBe("r");
    expect(response.headers.get("set-cookie")).toBeNull();
    const [upstream] = forwarded;
    expect(upstream?.url).toBe(`${QUEUE}/fal-ai/flux/dev?fal_webhook=https%3A%2F%2Fx`);
    expect(upstream?.method).toBe("POST");
    expect(await upstream?.text()).toBe("{}");
    expect(Object.fromEntries(upstream?.headers ?? [])).toEqual({
      authorization: `Key ${KEY}`,
      "content-type": "application/json",
      "x-fal-queue-priority": "low",
    });
  });

  test.each([
    ["GET", `${QUEUE}/fal-ai/flux/requests/abc-123/status?logs=1`],
    ["GET", `${QUEUE}/fal-ai/flux/requests/abc-123/status/stream`],
    ["GET", `${QUEUE}/fal-ai/bytedance/requests/abc-123`],
    ["PUT", `${QUEUE}/fal-ai/bytedance/requests/abc-123/cancel`],
    ["GET", `${QUEUE}/fal-ai/flux/dev/requests/abc-123/status`],
    ["POST", "https://rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3"],
    ["POST", `${QUEUE}/workflows/acme/pipeline/step`],
    ["GET", `${QUEUE}/workflows/acme/pipeline/requests/abc-123/status`],
    ["GET", `${QUEUE}/workflows/acme/pipeline/requests/abc-123`],
    ["PUT", `${QUEUE}/workflows/acme/pipeline/requests/abc-123/cancel`],
  ])("allows %s %s", async (method, target) => {
    const { call, forwarded } = recordingProxy();
    expect((await call(target, method)).status).toBe(200);
    expect(forwarded[0]?.url).toBe(target);
  });

  /** Where the proxy forwards (its defaults), as a refusal of another host names them. */
  const HOSTS = "it forwards only to https://queue.fal.run/, https://rest.fal.ai/ and https://fal.run/; create the page's client with the queueUrl, storageUrl and runUrl the proxy has";
  test.each([
    ["POST", `${QUEUE}/fal-ai/other-model`, "an endpoint not in the allowlist", `POST ${QUEUE}/fal-ai/other-model: fal-ai/other-model is not in this proxy's allowedEndpoints`],
    ["POST", `${QUEUE}/fal-ai/flux`, "the bare app of an allowed endpoint", `POST ${QUEUE}/fal-ai/flux: fal-ai/flux is not in this proxy's allowedEndpoints`],
    ["GET", `${QUEUE}/fal-ai/other/requests/abc/status`, "requests of another app", `GET ${QUEUE}/fal-ai/other/requests/abc/status: fal-ai/other is not in this proxy's allowedEndpoints`],
    ["GET", `${QUEUE}/workflows/acme/requests/abc/status`, "a namespaced app cut short", `GET ${QUEUE}/workflows/acme/requests/abc/status: workflows/acme is not in this proxy's allowedEndpoints`],
    ["POST", `${QUEUE}/fal-ai/flux/requests/abc/status`, "a status with the wrong method", `POST ${QUEUE}/fal-ai/flux/requests/abc/status is not allowed by this proxy (not a method fal's API takes there)`],
    ["GET", `${QUEUE}/fal-ai/flux/requests/abc/cancel`, "a cancel with the wrong method", `GET ${QUEUE}/fal-ai/flux/requests/abc/cancel is not allowed by this proxy (not a method fal's API takes there)`],
    ["POST", `${QUEUE}/fal-ai/flux/dev/../../other/model`, "dot segments leaving the allowlist", `POST ${QUEUE}/fal-ai/other/model: fal-ai/other/model is not in this proxy's allowedEndpoints`],
    ["POST", `${QUEUE}/fal-ai%2Fflux%2Fdev`, "an encoded endpoint id", `POST ${QUEUE}/fal-ai%2Fflux%2Fdev: fal-ai%2Fflux%2Fdev is not in this proxy's allowedEndpoints`],
    ["POST", "https://evil.example/fal-ai/flux/dev", "another host", `POST https://evil.example/fal-ai/flux/dev is not allowed by this proxy: ${HOSTS}`],
    ["POST", "https://queue.fal.run.evil.example/fal-ai/flux/dev", "a look-alike host", `POST https://queue.fal.run.evil.example/fal-ai/flux/dev is not allowed by this proxy: ${HOSTS}`],
    ["POST", "http://queue.fal.run/fal-ai/flux/dev", "plain http", `POST http://queue.fal.run/fal-ai/flux/dev is not allowed by this proxy: ${HOSTS}`],
    ["POST", "https://user:pw@queue.fal.run/fal-ai/flux/dev", "user info", "Missing or invalid x-fal-target-url header"],
    ["GET", "https://rest.fal.ai/storage/files", "other storage routes", "GET https://rest.fal.ai/storage/files is not allowed by this proxy (of storage, only upload initiation: browsers upload to the URL it returns)"],
    ["GET", "not a url", "a malformed target", "Missing or invalid x-fal-target-url header"],
  ])("refuses %s %s (%s) with 403, saying why", async (method, target, _case, detail) => {
    const { call, forwarded } = recordingProxy();
    const response = await call(target, method);
    expect(response.status).toBe(403);
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({ detail });
    expect(body).not.toContain(KEY);
    expect(forwarded).toEqual([]);
  });

  test("forwards run and stream of allowed endpoints to fal.run, and nothing else there", async () => {
    const { call, forwarded } = recordingProxy();
    expect((await call("https://fal.run/fal-ai/flux/dev", "POST")).status).toBe(200);
    expect((await call("https://fal.run/fal-ai/flux/dev/stream", "POST")).status).toBe(200);
    expect((await call("https://fal.run/workflows/acme/pipeline/step/stream", "POST")).status).toBe(200);
    expect(forwarded.map((request) => request.headers.get("authorization"))).toEqual([`Key ${KEY}`, `Key ${KEY}`, `Key ${KEY}`]);
    for (const [target, method] of [
      ["https://fal.run/fal-ai/other", "POST"],
      ["https://fal.run/fal-ai/other/stream", "POST"],
      ["https://fal.run/fal-ai/flux/dev", "GET"],
      ["https://fal.run/fal-ai/flux/dev/realtime", "POST"],
      ["https://fal.run/fal-ai/flux", "POST"],
    ] as const) {
      expect((await call(target, method)).status, `${method} ${target}`).toBe(403);
    }
    expect(forwarded).toHaveLength(3);
  });

  test("refuses a request without a target", async () => {
    expect((await recordingProxy().call(null)).status).toBe(403);
  });
});

describe("a client in proxy mode", () => {
  test("runs subscribe (both modes) and uploads through the proxy without ever holding the key", async () => {
    const queue = await serve(fakeQueue({ requestId: "px-1" }));
    const storage = await serve(async (request) =>
      new URL(request.url).pathname === "/storage/upload/initiate"
        ? json({ upload_url: `${new URL(request.url).origin}/put`, file_url: "https://cdn.example/f.bin" })
        : new Response(null, { status: 200 }),
    );
    const proxy = await serve(createProxyHandler({ allowedEndpoints: ["fal-ai/flux/dev"], credentials: KEY, queueUrl: queue.url, storageUrl: storage.url }));
    const browser = createFalClient({ proxyUrl: `${proxy.url}/api/fal`, queueUrl: queue.url, storageUrl: storage.url });

    for (const mode of ["polling", "streaming"] as const) {
      await expect(subscribe(browser, "fal-ai/flux/dev", { prompt: "x" }, { mode, pollInterval: 1 })).resolves.toEqual({ data: { images: [] }, requestId: "px-1" });
    }
    await expect(uploadFile(browser, new Uint8Array(10))).resolves.toBe("https://cdn.example/f.bin");

    expect(proxy.received.every((r) => r.url.pathname === "/api/fal" && !r.headers.has("authorization"))).toBe(true);
    expect(proxy.received.map((r) => r.headers.get("x-fal-target-url"))).toContain(`${queue.url}/fal-ai/flux/requests/px-1/status/stream`);
    expect([...queue.received, ...storage.received.slice(0, 1)].every((r) => r.headers.get("authorization") === `Key ${KEY}`)).toBe(true);
    await expect(subscribe(browser, "fal-ai/other/model", {})).rejects.toMatchObject({ name: "FalApiError", status: 403 });
  });
});
