import { createWriteStream } from "node:fs";
import { constants, copyFile, link, mkdir, unlink } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import mime from "mime";
import { fileProblem } from "../errors.js";
import { redactKeys } from "../shared/redact-keys.js";
import { expectedContent, fieldKind, judgeContent, SNIFF_BYTES, type ContentVerdict } from "./file-content.js";

/** A file an output points to, and the name it is saved under (from its place in the output). */
export interface OutputFile {
  url: string;
  contentType: string | undefined;
  /** A File object's `file_name`, when it has one. */
  fileName?: string;
  /** e.g. "images-0", "video". */
  name: string;
}

/**
 * Every file of an output: fal's File objects (`{url, content_type?, file_name?, ...}`, as
 * `image`, `images[0]`, `video`, `audio`: told by one of those fields, or, as fal may leave them
 * all out, by a place whose name says image, video or audio) and `*_url` strings, named by their
 * path in the output.
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
    if (typeof record.url === "string" && isFileUrl(record.url) && ("content_type" in record || "file_name" in record || "file_size" in record || fieldKind(nameOf(at)) !== undefined)) {
      const text = (value: unknown) => (typeof value === "string" ? value : undefined);
      files.push({ url: record.url, contentType: text(record.content_type), fileName: text(record.file_name), name: nameOf(at) });
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

/** A saved file: its path, and a warning when it is not what the output names (a ZIP for an image). */
export interface SavedFile {
  path: string;
  warning?: string;
}

/**
 * Saves `file` into `dir` as `<name>.<extension>` (the extension from its content type, else its
 * URL), never replacing a file: a taken name gets `-1`, `-2`, ... It is written under a temporary
 * name and linked into place once complete, so no half-written file ever carries the final name
 * (copied where the file system has no hard links, as exFAT and FAT do not).
 * No credentials go with the request: output URLs are public. A file that holds a fal key this
 * process sent (a server echoing it), an HTTP error, a body cut off, or a page or an empty body
 * sent for the file the output names (see `judgeContent`) is not saved: an Error says so, naming
 * the output field and the URL. A file of another kind or format than the output names (a ZIP or
 * a JPEG where it names a PNG) is saved under the extension of what it is, with a warning.
 */
export async function saveOutputFile(file: OutputFile, dir: string, signal?: AbortSignal, maxBytes: number = DEFAULT_MAX_DOWNLOAD_BYTES): Promise<SavedFile> {
  const failed = (why: string) => new Error(`${file.name}: downloading ${shownUrl(file.url)} failed: ${why}`);
  const tooLarge = (size: string) => new TooLarge(`${file.name}: ${shownUrl(file.url)} is ${size}, over --max-download-bytes ${maxBytes}; falgen did not save it (raise the limit to download it)`);
  let response: Response;
  try {
    response = await fetch(file.url, { signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw failed(causeOf(error));
  }
  if (!response.ok || !response.body) throw failed(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`);
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body.cancel().catch(() => {});
    throw tooLarge(`${declared} bytes by its content-length`);
  }
  const received = response.headers.get("content-type") ?? undefined;
  const expected = expectedContent(file.contentType, file.fileName, file.url, file.name);
  let verdict: ContentVerdict;
  const judged = headCheck(async (head) => {
    verdict = await judgeContent(head, received, expected);
    if (verdict && "refused" in verdict) throw new NotTheFile(`${file.name}: ${shownUrl(file.url)} ${verdict.refused}; falgen did not save it`);
  });
  await mkdir(dir, { recursive: true });
  const partial = path.join(dir, `.${file.name}.${process.pid}.part`);
  const sink = createWriteStream(partial, { flags: "wx" });
  try {
    const scan = keyScan();
    try {
      // The signal also ends the copy: a file whose server stalls mid-body stops at --timeout or Ctrl-C.
      await pipeline(Readable.fromWeb(response.body as import("node:stream/web").ReadableStream), scan, byteLimit(maxBytes, () => tooLarge(`more than ${maxBytes} bytes`)), judged, sink, { signal });
    } catch (error) {
      if (signal?.aborted || error instanceof NotTheFile || error instanceof TooLarge) throw error;
      // A local write failed (a full disk, a folder removed meanwhile): the folder is at fault, not the server.
      if ((error as NodeJS.ErrnoException).syscall !== undefined) throw new Error(`${file.name}: saving ${shownUrl(file.url)} into ${dir} failed: ${(error as Error).message}`);
      const length = Number(response.headers.get("content-length") ?? Number.NaN);
      throw failed(`connection cut after ${scan.bytes()}${Number.isFinite(length) ? ` of ${length}` : ""} bytes (${causeOf(error)})`);
    }
    if (scan.found()) throw new Error(`${file.name}: the file downloaded holds your fal key; falgen did not save it`);
    const mismatch = verdict && "warning" in verdict ? verdict : undefined;
    const contentType = file.contentType ?? received;
    const extension = mismatch?.extension ?? ((contentType && mime.getExtension(contentType.split(";")[0]!.trim())) || urlExtension(file.url) || "bin");
    for (let attempt = 0; ; attempt++) {
      const target = path.join(dir, `${file.name}${attempt === 0 ? "" : `-${attempt}`}.${extension}`);
      try {
        await placeNew(partial, target);
        return { path: target, warning: mismatch && `${file.name}: ${shownUrl(file.url)} ${mismatch.warning}; saved as ${target}` };
      } catch (error) {
        // Where the copy runs out of room (a full exFAT stick: the copy needs the space again), the
        // message names the output and the folder, not the temporary file, which is gone.
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw new Error(`${file.name}: saving ${shownUrl(file.url)} as ${target} failed: ${fileProblem(error)}`);
      }
    }
  } finally {
    // pipeline rejects before its file stream closed (nor, for a body refused by its first bytes,
    // even opened): it is closed first, so the unlink meets no open that is still to come, nor an
    // open handle (which Windows refuses to unlink).
    if (!sink.closed) await new Promise<void>((resolve) => sink.once("close", () => resolve()).destroy());
    await unlink(partial).catch(() => {});
  }
}

/** What `link` fails with on a file system that has no hard links (exFAT, FAT, some SMB mounts). */
const NO_HARD_LINKS = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS"]);

/**
 * Puts the finished download at `target`, never over a file already there (EEXIST then): a hard
 * link, or where the file system has none an exclusive copy, removed again if it fails part-way.
 */
async function placeNew(partial: string, target: string): Promise<void> {
  try {
    return await link(partial, target);
  } catch (error) {
    if (!NO_HARD_LINKS.has((error as NodeJS.ErrnoException).code ?? "")) throw error;
  }
  try {
    await copyFile(partial, target, constants.COPYFILE_EXCL);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") await unlink(target).catch(() => {});
    throw error;
  }
}

/** A download that is not the file its output names (see `judgeContent`). */
class NotTheFile extends Error {}

/**
 * The most bytes one output file may have unless --max-download-bytes says otherwise: fal's
 * outputs are images, audio and short videos, far below it, while a server that never ends a
 * body would otherwise fill the disk.
 */
export const DEFAULT_MAX_DOWNLOAD_BYTES = 4 * 1024 ** 3;

/** A download over its size limit. */
class TooLarge extends Error {}

/** A pass-through that fails with `tooLarge()` once more than `max` bytes went through, before they are written. */
function byteLimit(max: number, tooLarge: () => Error): Transform {
  let bytes = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(bytes > max ? tooLarge() : null, bytes > max ? undefined : chunk);
    },
  });
}

/**
 * A pass-through that holds back the first SNIFF_BYTES (or the whole of a shorter body) until
 * `check` has looked at them: a check that throws fails the copy before anything is written.
 */
function headCheck(check: (head: Uint8Array) => Promise<void>): Transform {
  let head: Buffer[] = [];
  let size = 0;
  let checked = false;
  const release = (done: (error?: Error | null, data?: Buffer) => void) => {
    checked = true;
    const bytes = Buffer.concat(head);
    head = [];
    check(bytes).then(() => done(null, bytes), done);
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (checked) return done(null, chunk);
      head.push(chunk);
      size += chunk.length;
      if (size < SNIFF_BYTES) return done();
      release(done);
    },
    flush(done) {
      if (checked) return done();
      release(done);
    },
  });
}

/** A URL as messages show it: a `data:` URL by its type and length, not its (possibly megabytes of) contents. */
function shownUrl(url: string): string {
  return url.startsWith("data:") ? `${url.slice(0, url.search(/[,;]/) === -1 ? 40 : url.search(/[,;]/))}… (${url.length} characters)` : url;
}

/** What went wrong under fetch's "fetch failed" or undici's "terminated": the network error's own code and message. */
function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const message = (error as Error)?.message ?? String(error);
  if (!cause?.message) return message;
  return `${message}: ${cause.code ? `${cause.code} ` : ""}${cause.message}`;
}

/** The longest key looked for across chunk boundaries, in characters (fal's keys are under 100). */
const MAX_KEY_LENGTH = 256;

/**
 * A pass-through that counts the bytes and notes whether they hold a fal key this process sent. Keys are ASCII
 * (the runtime refuses others), so Latin-1 text matches them byte for byte; the tail of each chunk
 * is kept to find one split across two.
 */
function keyScan(): Transform & { found(): boolean; bytes(): number } {
  let tail = "";
  let found = false;
  let bytes = 0;
  const scan = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      const text = tail + chunk.toString("latin1");
      if (!found && redactKeys(text) !== text) found = true;
      tail = text.slice(-MAX_KEY_LENGTH);
      done(null, chunk);
    },
  });
  return Object.assign(scan, { found: () => found, bytes: () => bytes });
}

function urlExtension(url: string): string | undefined {
  if (url.startsWith("data:")) return undefined;
  const extension = path.posix.extname(new URL(url).pathname).slice(1);
  return /^[A-Za-z0-9]{1,8}$/.test(extension) ? extension.toLowerCase() : undefined;
}
