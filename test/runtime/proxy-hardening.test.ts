import path from "node:path";
import { describe, expect, test } from "vitest";
import { createFalClient, uploadFile } from "../../generator/runtime/index.js";
import { subscribe } from "../../generator/runtime/endpoint-calls.js";
import { createProxyHandler, DEFAULT_PROXY_BODY_LIMIT_BYTES } from "../../generator/runtime/server/index.js";
import { startSimulator } from "../../generator/simulator/start-simulator.js";
import { REPO_ROOT } from "../helpers/temp-dir.js";
import { fakeQueue } from "./fake-queue.js";
import { json, serve } from "./serve.js";
import { postDeclaringGigabyte, postLarge, serveStreaming } from "./streaming-server.js";

const KEY = "key-id:proxy-hardening-secret";
const ENDPOINT = "fal-ai/flux/dev";

async function proxyTo(upstream: string, options: { maxBodyBytes?: number; storageUrl?: string; allowedEndpoints?: string[] } = {}) {
  const handler = createProxyHandler({ allowedEndpoints: options.allowedEndpoints ?? [ENDPOINT], credentials: KEY, queueUrl: upstream, storageUrl: options.storageUrl, maxBodyBytes: options.maxBodyBytes });
  return serveStreaming(handler);
}

describe("the proxy's body limit", () => {
  test(`refuses a body over the default (${DEFAULT_PROXY_BODY_LIMIT_BYTES} bytes) with 413 {detail}, reading little more than the limit`, async () => {
    const upstream = await serve(fakeQueue());
    const proxy = await proxyTo(upstream.url);
    const { status, text } = await postLarge(proxy.url, { "x-fal-target-url": `${upstream.url}/${ENDPOINT}`, "content-type": "application/json" }, 64 * 1024 * 1024);
    expect(status).toBe(413);
    expect(JSON.parse(text)).toEqual({ detail: expect.stringMatching(/larger than this proxy's limit of 4194304 bytes/) });
    expect(proxy.bytesRead()).toBeLessThanOrEqual(DEFAULT_PROXY_BODY_LIMIT_BYTES + 1024 * 1024);
    expect(upstream.calls).toEqual([]);
  });

  test("refuses a declared Content-Length over the limit before reading any of it", async () => {
    const upstream = await serve(fakeQueue());
    const proxy = await proxyTo(upstream.url);
    expect(await postDeclaringGigabyte(proxy.url, { "x-fal-target-url": `${upstream.url}/${ENDPOINT}` })).toBe(413);
    expect(proxy.bytesRead()).toBe(0);
    expect(upstream.calls).toEqual([]);
  });

  test("maxBodyBytes sets the limit: a body at the limit passes, one byte more does not", async () => {
    const upstream = await serve(fakeQueue());
    const proxy = await proxyTo(upstream.url, { maxBodyBytes: 1000 });
    const send = (size: number) =>
      fetch(proxy.url, { method: "POST", headers: { "x-fal-target-url": `${upstream.url}/${ENDPOINT}`, "content-type": "application/json" }, body: JSON.stringify({ prompt: "x".repeat(size - 13) }) });
    expect((await send(1000)).status).toBe(200);
    expect((await send(1001)).status).toBe(413);
    expect(upstream.calls).toEqual([`POST /${ENDPOINT}`]);
  });
});

describe("the proxy's routes", () => {
  test("with storage under the queue URL (the simulator's layout), uploads and queue calls both pass", async () => {
    const sim = await startSimulator({ specsDir: path.join(REPO_ROOT, "specs"), apiKeys: [KEY], queueMs: 10, runMs: 10 });
    try {
      const proxy = await serveStreaming(createProxyHandler({ allowedEndpoints: ["fal-ai/qwen-image"], credentials: KEY, queueUrl: sim.url, storageUrl: sim.storageUrl }));
      const browser = createFalClient({ proxyUrl: proxy.url, queueUrl: sim.url, storageUrl: sim.storageUrl });
      const url = await uploadFile(browser, new Blob([new Uint8Array(100 * 1024)], { type: "image/png" }));
      expect(url.startsWith(sim.url)).toBe(true);
      const { data } = await subscribe<{ images: unknown[] }>(browser, "fal-ai/qwen-image", { prompt: "a fox" }, { pollInterval: 5 });
      expect(data.images.length).toBeGreaterThan(0);
      const refused = await fetch(proxy.url, { method: "POST", headers: { "x-fal-target-url": `${sim.storageUrl}/storage/upload/other` }, body: "{}" });
      expect(refused.status).toBe(403);
    } finally {
      await sim.close();
    }
  });

  test("a namespaced endpoint's request URLs, as the queue returns them, are allowed", async () => {
    const upstream = await serve(fakeQueue({ requestId: "ns-1", appPath: "/workflows/acme/pipeline" }));
    const proxy = await proxyTo(upstream.url, { allowedEndpoints: ["workflows/acme/pipeline/step"] });
    const browser = createFalClient({ proxyUrl: proxy.url, queueUrl: upstream.url });
    for (const mode of ["polling", "streaming"] as const) {
      await expect(subscribe(browser, "workflows/acme/pipeline/step", {}, { mode, pollInterval: 1 })).resolves.toEqual({ data: { images: [] }, requestId: "ns-1" });
    }
    expect(upstream.calls).toContain("GET /workflows/acme/pipeline/requests/ns-1/status/stream");
  });

  test.each([301, 302, 303, 307, 308])("an upstream %i redirect is not followed (the key stays put): 502 {detail}", async (code) => {
    const upstream = await serve((request) =>
      new URL(request.url).pathname === `/${ENDPOINT}` ? new Response(null, { status: code, headers: { location: "/fal-ai/not-allowed/model" } }) : json({ stolen: true }),
    );
    const proxy = await proxyTo(upstream.url);
    const response = await fetch(proxy.url, { method: "POST", headers: { "x-fal-target-url": `${upstream.url}/${ENDPOINT}` }, body: "{}" });
    expect(response.status).toBe(502);
    const text = await response.text();
    expect(JSON.parse(text)).toHaveProperty("detail");
    expect(text).not.toContain(KEY);
    expect(upstream.calls).toEqual([`POST /${ENDPOINT}`]);
  });

  test("an upstream it cannot reach is a 502 {detail}, not a thrown error", async () => {
    const gone = await serve(() => json({}));
    const proxy = await proxyTo("http://127.0.0.1:9", {});
    const response = await fetch(proxy.url, { method: "POST", headers: { "x-fal-target-url": `http://127.0.0.1:9/${ENDPOINT}` }, body: "{}" });
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ detail: "The proxy could not reach http://127.0.0.1:9" });
    expect(gone.calls).toEqual([]);
  });
});
