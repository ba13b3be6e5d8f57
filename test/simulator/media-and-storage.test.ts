import { describe, expect, it } from "vitest";
import { call, decodePng, exampleInput, fixtureEndpoints, pollUntilCompleted, startTestSimulator, submit } from "./simulator-fixture.js";

const simulator = await startTestSimulator();
const endpoints = await fixtureEndpoints();

async function completedOutput(endpointId: string, input: unknown): Promise<unknown> {
  const submitted = await submit(simulator, endpointId, input);
  await pollUntilCompleted(submitted.status_url);
  return (await call(submitted.response_url)).json();
}

/** Every object with a `url` in an output. */
function fileObjects(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(fileObjects);
  if (value === null || typeof value !== "object") return [];
  const record = value as Record<string, unknown>;
  return [...(typeof record.url === "string" ? [record] : []), ...Object.values(record).flatMap(fileObjects)];
}

describe("generated media", () => {
  it("image URLs serve a decodable PNG whose size matches the output's width and height", async () => {
    const output = (await completedOutput("fal-ai/flux/dev", { prompt: "a fox", image_size: { width: 300, height: 200 }, num_images: 3 })) as { images: { url: string; width: number; height: number; content_type: string }[] };
    expect(output.images).toHaveLength(3);
    for (const image of output.images) {
      expect(image).toMatchObject({ width: 300, height: 200, content_type: "image/png" });
      const response = await fetch(image.url);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("image/png");
      expect(decodePng(Buffer.from(await response.arrayBuffer()))).toEqual({ width: 300, height: 200 });
    }
  });

  it("scales requests above 2048 px per side down, keeping output and PNG consistent", async () => {
    const output = (await completedOutput("fal-ai/flux/dev", { prompt: "big", image_size: { width: 8000, height: 4000 } })) as { images: { url: string; width: number; height: number }[] };
    const [image] = output.images;
    expect(image).toMatchObject({ width: 2048, height: 1024 });
    expect(decodePng(Buffer.from(await (await fetch(image!.url)).arrayBuffer()))).toEqual({ width: 2048, height: 1024 });
  });

  it.each(endpoints.map((endpoint) => [endpoint.endpointId, endpoint] as const))("%s: every file in the output is served, with its content type and file_size", async (endpointId, endpoint) => {
    const files = fileObjects(await completedOutput(endpointId, exampleInput(endpoint)));
    for (const file of files) {
      const response = await fetch(file.url as string);
      expect(response.status).toBe(200);
      const bytes = Buffer.from(await response.arrayBuffer());
      if (typeof file.content_type === "string") expect(response.headers.get("content-type")).toBe(file.content_type);
      if (typeof file.file_size === "number") expect(bytes.length).toBe(file.file_size);
      if (response.headers.get("content-type") === "image/png") decodePng(bytes);
      if (response.headers.get("content-type") === "audio/wav") expect(bytes.toString("latin1", 0, 4) + bytes.toString("latin1", 8, 12)).toBe("RIFFWAVE");
    }
  });

  it("serves files without auth (public, like fal's CDN) and 404s unknown ones", async () => {
    expect((await fetch(`${simulator.url}/_files/nope/x.png`)).status).toBe(404);
  });
});

describe("storage", () => {
  it("initiate -> PUT upload_url -> GET file_url round-trips bytes and content type", async () => {
    const initiated = await call(`${simulator.storageUrl}/storage/upload/initiate?storage_type=fal-cdn-v3`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ content_type: "text/plain", file_name: "hello.txt" }),
    });
    expect(initiated.status).toBe(200);
    const { upload_url: uploadUrl, file_url: fileUrl } = (await initiated.json()) as { upload_url: string; file_url: string };
    expect(uploadUrl.startsWith(simulator.storageUrl)).toBe(true);
    expect(fileUrl.startsWith(`${simulator.url}/_files/`)).toBe(true);
    expect(fileUrl.endsWith("/hello.txt")).toBe(true);
    expect((await fetch(fileUrl)).status).toBe(404);

    const put = await fetch(uploadUrl, { method: "PUT", headers: { "Content-Type": "text/plain" }, body: "hello, fal" });
    expect(put.status).toBe(200);
    const fetched = await fetch(fileUrl);
    expect(fetched.headers.get("content-type")).toBe("text/plain");
    expect(await fetched.text()).toBe("hello, fal");
  });

  it("supports the multipart flow of @fal-ai/client (parts, etags, complete)", async () => {
    const initiated = (await (
      await call(`${simulator.storageUrl}/storage/upload/initiate-multipart?storage_type=fal-cdn-v3`, {
        method: "POST",
        body: JSON.stringify({ content_type: "application/octet-stream", file_name: "big.bin" }),
      })
    ).json()) as { upload_url: string; file_url: string };
    const parts = [Buffer.alloc(1000, 1), Buffer.alloc(500, 2)];
    const etags: { partNumber: number; etag: string }[] = [];
    for (const [index, part] of parts.entries()) {
      const response = await fetch(`${initiated.upload_url}/${index + 1}`, { method: "PUT", body: part });
      expect(response.status).toBe(200);
      etags.push((await response.json()) as { partNumber: number; etag: string });
    }
    expect(etags.map((entry) => entry.partNumber)).toEqual([1, 2]);
    const complete = await fetch(`${initiated.upload_url}/complete`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ parts: etags }) });
    expect(complete.status).toBe(200);
    expect(Buffer.from(await (await fetch(initiated.file_url)).arrayBuffer())).toEqual(Buffer.concat(parts));
  });

  it("422s an initiate without content_type, with fal's field-error shape", async () => {
    const response = await call(`${simulator.storageUrl}/storage/upload/initiate?storage_type=fal-cdn-v3`, { method: "POST", body: JSON.stringify({ file_name: "x" }) });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ detail: [{ loc: ["body", "content_type"], msg: "Field required", type: "missing", url: "https://docs.fal.ai/errors/#missing" }] });
  });

  it("accepts an uploaded file URL as a model input", async () => {
    const { upload_url: uploadUrl, file_url: fileUrl } = (await (
      await call(`${simulator.storageUrl}/storage/upload/initiate?storage_type=fal-cdn-v3`, { method: "POST", body: JSON.stringify({ content_type: "audio/wav", file_name: "a.wav" }) })
    ).json()) as { upload_url: string; file_url: string };
    await fetch(uploadUrl, { method: "PUT", body: Buffer.from("RIFF") });
    const output = (await completedOutput("fal-ai/whisper", { audio_url: fileUrl })) as { text: string };
    expect(typeof output.text).toBe("string");
  });
});
