import { describe, expect, test } from "vitest";
import { createFalClient, FalApiError, FalNetworkError, FalTimeoutError, INLINE_FILE_LIMIT_BYTES, uploadFile } from "../../generator/runtime/index.js";
import { submit, subscribe } from "../../generator/runtime/endpoint-calls.js";
import { fakeQueue } from "./fake-queue.js";
import { json, serve } from "./serve.js";

const KEY = "key-id:super-secret-value";

/** A storage that hands out upload slots on itself and records what was PUT. */
async function fakeStorage() {
  const puts: { path: string; body: string; contentType: string | null; authorization: string | null }[] = [];
  let slots = 0;
  const server = await serve(async (request) => {
    const url = new URL(request.url);
    if (url.pathname === "/storage/upload/initiate") {
      const { file_name } = (await request.json()) as { file_name: string };
      const slot = ++slots;
      return json({ upload_url: `${url.origin}/upload/${slot}?signature=abc`, file_url: `https://cdn.example/${slot}/${file_name}` });
    }
    puts.push({ path: url.pathname, body: await request.text(), contentType: request.headers.get("content-type"), authorization: request.headers.get("authorization") });
    return new Response(null, { status: 200 });
  });
  return { server, puts };
}

describe("file inputs", () => {
  test("small files are inlined as data URIs, large ones uploaded; nested arrays and objects are walked", async () => {
    const queue = await serve(fakeQueue());
    const { server: storage, puts } = await fakeStorage();
    const client = createFalClient({ credentials: KEY, queueUrl: queue.url, storageUrl: storage.url });
    const large = "x".repeat(INLINE_FILE_LIMIT_BYTES + 1);
    const when = new Date("2024-01-01T00:00:00Z");
    await submit(client, "fal-ai/flux/dev", {
      image_url: new Blob(["hello"], { type: "text/plain" }),
      mask_url: new Uint8Array([1, 2, 3]),
      image_urls: ["https://already/public.png", new File([large], "big.png", { type: "image/png" })],
      nested: { audio_url: new TextEncoder().encode(large).buffer, keep: 1 },
      when,
    });
    const sent = JSON.parse(queue.received[0]?.body ?? "") as Record<string, unknown>;
    expect(sent).toEqual({
      image_url: "data:text/plain;base64,aGVsbG8=",
      mask_url: "data:application/octet-stream;base64,AQID",
      image_urls: ["https://already/public.png", expect.stringMatching(/^https:\/\/cdn\.example\/\d\/big\.png$/)],
      nested: { audio_url: expect.stringMatching(/^https:\/\/cdn\.example\/\d\/upload\.bin$/), keep: 1 },
      when: "2024-01-01T00:00:00.000Z",
    });
    expect(puts).toHaveLength(2);
    expect(puts.map((p) => p.body)).toEqual([large, large]);
    expect(puts.find((p) => p.contentType === "image/png")).toBeDefined();
  });

  test("storage is initiated with the key, the signed upload URL receives no key", async () => {
    const { server: storage, puts } = await fakeStorage();
    const client = createFalClient({ credentials: KEY, storageUrl: storage.url });
    const url = await uploadFile(client, new Blob(["tiny"], { type: "audio/wav" }));
    expect(url).toBe("https://cdn.example/1/upload.wav");
    const initiate = storage.received[0];
    expect(`${initiate?.method} ${initiate?.url.pathname}${initiate?.url.search}`).toBe("POST /storage/upload/initiate?storage_type=fal-cdn-v3");
    expect(initiate?.headers.get("authorization")).toBe(`Key ${KEY}`);
    expect(JSON.parse(initiate?.body ?? "")).toEqual({ content_type: "audio/wav", file_name: "upload.wav" });
    expect(puts).toEqual([{ path: "/upload/1", body: "tiny", contentType: "audio/wav", authorization: null }]);
  });

  test("a failed upload surfaces as a FalApiError naming the file's field, and nothing is submitted", async () => {
    const queue = await serve(fakeQueue());
    const storage = await serve(() => json({ detail: "quota exceeded" }, { status: 403, headers: { "x-fal-request-id": "storage-req-1" } }));
    const client = createFalClient({ credentials: KEY, queueUrl: queue.url, storageUrl: storage.url });
    const failure = submit(client, "fal-ai/flux/dev", { image_url: new Uint8Array(INLINE_FILE_LIMIT_BYTES + 1) });
    await expect(failure).rejects.toBeInstanceOf(FalApiError);
    await expect(failure).rejects.toMatchObject({
      status: 403,
      body: { detail: "quota exceeded" },
      requestId: "storage-req-1",
      message: "Uploading the file of input field image_url failed: fal API error 403: quota exceeded",
    });
    expect(queue.calls).toEqual([]);
  });

  test("the field is named by its path (image_urls.1, loras.0.weight_url), whichever upload step fails", async () => {
    const queue = await serve(fakeQueue());
    const big = (name: string) => new File(["x".repeat(INLINE_FILE_LIMIT_BYTES + 1)], name, { type: "image/png" });
    // Storage initiates every upload; the PUT of the file named "refused.png" is answered 413.
    const storage = await serve(async (request) => {
      const url = new URL(request.url);
      if (url.pathname === "/storage/upload/initiate") {
        const { file_name } = (await request.json()) as { file_name: string };
        return json({ upload_url: `${url.origin}/upload/${file_name}`, file_url: `https://cdn.example/${file_name}` });
      }
      if (url.pathname === "/upload/refused.png") return json({ detail: "Request Entity Too Large" }, { status: 413 });
      return new Response(null, { status: 200 });
    });
    const client = createFalClient({ credentials: KEY, queueUrl: queue.url, storageUrl: storage.url });
    const tooLarge = submit(client, "fal-ai/flux/dev", { image_urls: [big("fine.png"), big("refused.png")], prompt: "p" });
    await expect(tooLarge).rejects.toBeInstanceOf(FalApiError);
    await expect(tooLarge).rejects.toMatchObject({ status: 413, body: { detail: "Request Entity Too Large" }, message: "Uploading the file of input field image_urls.1 failed: fal API error 413: Request Entity Too Large" });

    // The signed upload URL points at a closed port (1): a network error, named the same way.
    const broken = await serve(() => json({ upload_url: "http://127.0.0.1:1/upload", file_url: "https://cdn.example/x" }));
    const brokenClient = createFalClient({ credentials: KEY, queueUrl: queue.url, storageUrl: broken.url, retry: false });
    const network = submit(brokenClient, "fal-ai/flux/dev", { loras: [{ path: "p", weight_url: big("w.bin") }] });
    await expect(network).rejects.toBeInstanceOf(FalNetworkError);
    await expect(network).rejects.toThrow(/^Uploading the file of input field loras\.0\.weight_url failed: /);
    expect(queue.calls).toEqual([]);
  });

  test("a timeout during uploads stays the call's error: one FalTimeoutError, its message not given to any one field", async () => {
    const storage = await serve(() => new Promise<Response>(() => {}));
    const client = createFalClient({ credentials: KEY, storageUrl: storage.url, queueUrl: storage.url });
    const files = [new Uint8Array(INLINE_FILE_LIMIT_BYTES + 1), new Uint8Array(INLINE_FILE_LIMIT_BYTES + 1)];
    const failure = subscribe(client, "fal-ai/flux/dev", { image_urls: files }, { timeout: 200 });
    await expect(failure).rejects.toBeInstanceOf(FalTimeoutError);
    await expect(failure).rejects.toThrow(/^The call timed out after 200 ms$/);
  });
});
