import { createHash } from "node:crypto";
import { errorReply, json, type Call, type Reply } from "../server/http-reply.js";
import type { SimulatorContext } from "../server/simulator-context.js";
import { parseJson, unprocessable } from "../validation/input.js";
import { fieldError } from "../validation/validation-errors.js";

/**
 * fal's storage, as `@fal-ai/client` 1.10 drives it (storage.ts):
 *   POST <storageUrl>/storage/upload/initiate?storage_type=fal-cdn-v3 {content_type, file_name}
 *     -> {upload_url, file_url}; then PUT upload_url with the bytes (no auth: the URL is presigned).
 *   Files over 90 MB: POST .../initiate-multipart -> {upload_url, file_url}; PUT <upload_url>/<n>
 *     per 10 MB part -> {partNumber, etag}; POST <upload_url>/complete {parts}.
 * file_url is public, like fal's CDN.
 */
export async function initiateUpload(sim: SimulatorContext, call: Call, multipart: boolean): Promise<Reply> {
  const parsed = parseJson(await call.body());
  if ("reply" in parsed) return parsed.reply;
  const { content_type: contentType, file_name: fileName } = (parsed.value ?? {}) as Record<string, unknown>;
  if (typeof contentType !== "string" || contentType === "") return unprocessable([fieldError(["body", "content_type"], "missing", "Field required")]);
  if (fileName !== undefined && typeof fileName !== "string") return unprocessable([fieldError(["body", "file_name"], "string_type", "Input should be a valid string")]);
  const name = fileName || `upload-${Date.now()}.${contentType.split("/")[1]?.split(/[-;+]/)[0] || "bin"}`;
  const { token, url } = sim.files.reserve(contentType, name);
  if (multipart) sim.multipart.set(token, new Map());
  const uploadUrl = `${sim.storageUrl}/storage/upload/${multipart ? "multipart" : "put"}/${token}`;
  return json(200, { upload_url: uploadUrl, file_url: url });
}

export async function putUpload(sim: SimulatorContext, call: Call, token: string): Promise<Reply> {
  if (!sim.files.isReserved(token)) return errorReply("notFound", "Upload URL not found or expired");
  sim.files.fill(token, await call.body(), call.header("content-type"));
  return { kind: "empty", status: 200 };
}

export async function putPart(sim: SimulatorContext, call: Call, token: string, partNumber: number): Promise<Reply> {
  const parts = sim.multipart.get(token);
  if (!parts) return errorReply("notFound", "Multipart upload not found or already completed");
  const bytes = await call.body();
  parts.set(partNumber, bytes);
  return json(200, { partNumber, etag: etagOf(bytes) });
}

export async function completeMultipart(sim: SimulatorContext, call: Call, token: string): Promise<Reply> {
  const parts = sim.multipart.get(token);
  if (!parts) return errorReply("notFound", "Multipart upload not found or already completed");
  const parsed = parseJson(await call.body());
  if ("reply" in parsed) return parsed.reply;
  const listed = ((parsed.value ?? {}) as { parts?: { partNumber?: unknown; etag?: unknown }[] }).parts ?? [];
  const chunks: Buffer[] = [];
  for (const part of listed) {
    const bytes = typeof part.partNumber === "number" ? parts.get(part.partNumber) : undefined;
    if (!bytes || part.etag !== etagOf(bytes)) return errorReply("invalid", `Part ${String(part.partNumber)} was not uploaded or its etag does not match`);
    chunks.push(bytes);
  }
  sim.multipart.delete(token);
  sim.files.fill(token, Buffer.concat(chunks));
  return json(200, { status: "COMPLETED" });
}

export function serveFile(sim: SimulatorContext, token: string): Reply {
  const file = sim.files.get(token);
  if (!file) return errorReply("notFound", "File not found");
  return { kind: "bytes", status: 200, body: file.bytes, contentType: file.contentType, headers: { "Cache-Control": "public, max-age=3600" } };
}

function etagOf(bytes: Buffer): string {
  return `"${createHash("md5").update(bytes).digest("hex")}"`;
}
