import { createWriteStream } from "node:fs";
import { link, mkdir, unlink } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import mime from "mime";

/** A file an output points to, and the name it is saved under (from its place in the output). */
export interface OutputFile {
  url: string;
  contentType: string | undefined;
  /** e.g. "images-0", "video". */
  name: string;
}

/**
 * Every file of an output: fal's File objects (`{url, content_type?, file_name?, ...}`, as
 * `image`, `images[0]`, `video`, `audio`) and `*_url` strings, named by their path in the output.
 */
export function outputFiles(output: unknown): OutputFile[] {
  const files: OutputFile[] = [];
  const visit = (value: unknown, at: (string | number)[], key: string) => {
    if (typeof value === "string") {
      if (/_url$/.test(key) && isFileUrl(value)) files.push({ url: value, contentType: undefined, name: nameOf(at) });
      return;
    }
    if (Array.isArray(value)) return value.forEach((item, index) => visit(item, [...at, index], key));
    if (value === null || typeof value !== "object") return;
    const record = value as Record<string, unknown>;
    if (typeof record.url === "string" && isFileUrl(record.url) && ("content_type" in record || "file_name" in record || "file_size" in record)) {
      files.push({ url: record.url, contentType: typeof record.content_type === "string" ? record.content_type : undefined, name: nameOf(at) });
      return;
    }
    for (const [name, item] of Object.entries(record)) visit(item, [...at, name], name);
  };
  visit(output, [], "");
  return files;
}

function isFileUrl(url: string): boolean {
  return /^(https?:\/\/|data:)/i.test(url);
}

function nameOf(at: (string | number)[]): string {
  const name = at.map((part) => String(part).replace(/[^A-Za-z0-9._-]+/g, "_")).join("-");
  return name || "output";
}

/**
 * Saves `file` into `dir` as `<name>.<extension>` (the extension from its content type, else its
 * URL), never replacing a file: a taken name gets `-1`, `-2`, ... It is written under a temporary
 * name and linked into place once complete, so no half-written file ever carries the final name.
 * Returns the path. No credentials go with the request: output URLs are public.
 */
export async function saveOutputFile(file: OutputFile, dir: string, signal?: AbortSignal): Promise<string> {
  const response = await fetch(file.url, { signal });
  if (!response.ok || !response.body) throw new Error(`downloading ${file.url} failed: HTTP ${response.status}`);
  const contentType = file.contentType ?? response.headers.get("content-type") ?? undefined;
  const extension = (contentType && mime.getExtension(contentType.split(";")[0]!.trim())) || urlExtension(file.url) || "bin";
  await mkdir(dir, { recursive: true });
  const partial = path.join(dir, `.${file.name}.${process.pid}.part`);
  try {
    await pipeline(Readable.fromWeb(response.body as import("node:stream/web").ReadableStream), createWriteStream(partial, { flags: "wx" }));
    for (let attempt = 0; ; attempt++) {
      const target = path.join(dir, `${file.name}${attempt === 0 ? "" : `-${attempt}`}.${extension}`);
      try {
        await link(partial, target);
        return target;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
    }
  } finally {
    await unlink(partial).catch(() => {});
  }
}

function urlExtension(url: string): string | undefined {
  if (url.startsWith("data:")) return undefined;
  const extension = path.posix.extname(new URL(url).pathname).slice(1);
  return /^[A-Za-z0-9]{1,8}$/.test(extension) ? extension.toLowerCase() : undefined;
}
