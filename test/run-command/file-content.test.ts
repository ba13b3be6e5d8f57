import { describe, expect, test } from "vitest";
import { outputFiles } from "../../generator/run-command/downloads.js";
import { expectedContent, judgeContent } from "../../generator/run-command/file-content.js";

/**
 * `falgen run` judges each downloaded file by its first bytes and content-type against what the
 * output names (its content_type, file_name, URL, or field name): a page or an empty body is
 * refused, another kind or format is kept under its own extension with a warning, a match passes.
 */

const bytes = (...parts: (string | number[])[]): Uint8Array => Buffer.concat([...parts.map((part) => (typeof part === "string" ? Buffer.from(part, "latin1") : Buffer.from(part))), Buffer.alloc(600)]);

/** The first bytes of real files of each format (their signatures, as their specifications define them). */
const FILES = {
  png: bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d], "IHDR"),
  jpeg: bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], "JFIF"),
  webp: bytes("RIFF", [0x24, 0, 0, 0], "WEBPVP8 "),
  gif: bytes("GIF89a"),
  mp4: bytes([0, 0, 0, 0x18], "ftypisom", [0, 0, 2, 0], "isomiso2"),
  webm: bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81, 0x01, 0x42, 0xf2, 0x81, 0x04, 0x42, 0xf3, 0x81, 0x08, 0x42, 0x82, 0x84], "webm", [0x42, 0x87, 0x81, 0x04, 0x42, 0x85, 0x81, 0x02]),
  wav: bytes("RIFF", [0x24, 0, 0, 0], "WAVEfmt "),
  mp3: bytes([0xff, 0xfb, 0x90, 0x64]),
  zip: bytes("PK", [3, 4]),
  pdf: bytes("%PDF-1.4\n"),
  glb: bytes("glTF", [2, 0, 0, 0]),
  html: Buffer.from("\uFEFF  <!DOCTYPE html><html><body>Sign in</body></html>"),
  json: Buffer.from('{"detail":"Forbidden"}'),
  xml: Buffer.from('<?xml version="1.0"?><Error><Code>AccessDenied</Code></Error>'),
  svg: Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>'),
  text: Buffer.from("Service Unavailable"),
  empty: Buffer.alloc(0),
};

const as = (contentType?: string, fileName?: string, url = "https://v3.fal.media/files/abc", field = "output") => expectedContent(contentType, fileName, url, field);

describe("what the output names a file", () => {
  test("its content_type first, then its file_name's extension, then its URL's, then its field's name", () => {
    expect(as("image/png; charset=binary", "x.jpg", "https://x/y.webp")).toEqual({ type: "image/png", kind: "image" });
    expect(as(undefined, "clip.mp4", "https://x/y.webp")).toEqual({ type: "video/mp4", kind: "video" });
    expect(as(undefined, undefined, "https://x/y.webp?sig=1")).toEqual({ type: "image/webp", kind: "image" });
    expect(as("application/octet-stream", undefined, "https://x/y", "images-0")).toEqual({ type: undefined, kind: "image" });
    expect(as(undefined, undefined, "https://x/y", "audio_url")).toEqual({ type: undefined, kind: "audio" });
    expect(as(undefined, undefined, "https://x/y", "mask_url")).toEqual({ type: undefined, kind: "image" });
    expect(as(undefined, undefined, "data:application/zip;base64,UEsDBA==", "archive")).toEqual({ type: undefined, kind: undefined });
  });
});

describe("a download judged against it", () => {
  test.each([
    ["png", "image/png", "image/png"],
    ["jpeg", "image/jpeg", "image/jpg"],
    ["webp", "image/webp", "image/webp"],
    ["mp4", "video/mp4", "video/mp4"],
    ["mp4", "video/mp4", "audio/mp4"], // one container for audio or video
    ["webm", "video/webm", "audio/webm"],
    ["wav", "audio/x-wav", "audio/wav"],
    ["mp3", "audio/mp3", "audio/mpeg"],
    ["zip", "application/zip", "application/zip"],
    ["glb", "model/gltf-binary", "model/gltf-binary"],
    ["svg", "image/svg+xml", "image/svg+xml"],
    ["png", "image/jpeg", "image/png"], // the bytes decide over a loose content-type
    ["png", undefined, "image/png"],
  ] as const)("%s bytes labelled %s where the output names %s: fine", async (file, header, named) => {
    expect(await judgeContent(FILES[file], header, as(named))).toBeUndefined();
  });

  test.each([
    ["html", "text/html; charset=utf-8", "image/png", "answered text/html (by its first bytes), not the image/png the output names (an error page?)"],
    ["html", "image/png", "image/png", "answered text/html (by its first bytes; its content-type said image/png), not the image/png the output names (an error page?)"],
    ["json", "image/png", "video/mp4", "answered application/json (by its first bytes; its content-type said image/png), not the video/mp4 the output names (an error page?)"],
    ["xml", "application/xml", "image/svg+xml", "answered application/xml (by its first bytes), not the image/svg+xml the output names (an error page?)"],
    ["text", undefined, "audio/wav", "answered text/plain (by its first bytes), not the audio/wav the output names (an error page?)"],
    ["html", "text/html", "model/gltf-binary", "answered text/html (by its first bytes), not the model/gltf-binary the output names (an error page?)"],
    ["empty", "image/png", "image/png", "answered an empty body, not the image/png the output names"],
  ] as const)("%s labelled %s where the output names %s: refused", async (file, header, named, refused) => {
    expect(await judgeContent(FILES[file], header, as(named))).toEqual({ refused });
  });

  test("a page where only the field's name says what it is: refused", async () => {
    expect(await judgeContent(FILES.html, "text/html", as(undefined, undefined, "https://x/y", "images-0"))).toEqual({ refused: "answered text/html (by its first bytes), not the image the output names (an error page?)" });
  });

  test.each([
    ["zip", "application/zip", "image/png", "sent application/zip (by its first bytes), not the image/png the output names", "zip"],
    ["jpeg", "image/png", "image/png", "sent image/jpeg (by its first bytes; its content-type said image/png), not the image/png the output names", "jpg"],
    ["pdf", undefined, "video/mp4", "sent application/pdf (by its first bytes), not the video/mp4 the output names", "pdf"],
    ["mp4", "video/mp4", "image/png", "sent video/mp4 (by its first bytes), not the image/png the output names", "mp4"],
    ["wav", "audio/wav", "audio/mpeg", "sent audio/wav (by its first bytes), not the audio/mpeg the output names", "wav"],
    ["gif", "image/gif", "image/webp", "sent image/gif (by its first bytes), not the image/webp the output names", "gif"],
  ] as const)("%s labelled %s where the output names %s: kept as what it is, with a warning", async (file, header, named, warning, extension) => {
    expect(await judgeContent(FILES[file], header, as(named))).toEqual({ warning, extension });
  });

  test("another kind where only the field's name says what it is: kept as what it is, with a warning", async () => {
    expect(await judgeContent(FILES.zip, undefined, as(undefined, undefined, "https://x/y", "video"))).toEqual({ warning: "sent application/zip (by its first bytes), not the video the output names", extension: "zip" });
    expect(await judgeContent(FILES.mp4, undefined, as(undefined, undefined, "https://x/y", "audio_url"))).toBeUndefined();
  });

  test("bytes that tell nothing: the content-type decides, by kind only (servers label formats loosely)", async () => {
    const unknown = bytes([0x00, 0x01, 0x02, 0x03]);
    expect(await judgeContent(unknown, "image/jpeg", as("image/png"))).toBeUndefined();
    expect(await judgeContent(unknown, "application/octet-stream", as("image/png"))).toBeUndefined();
    expect(await judgeContent(unknown, "text/html", as("image/png"))).toEqual({ refused: "answered text/html (by its content-type), not the image/png the output names (an error page?)" });
    expect(await judgeContent(unknown, "application/x-7z-compressed", as("image/png"))).toEqual({ warning: "sent application/x-7z-compressed (by its content-type), not the image/png the output names", extension: "7z" });
  });

  test("nothing named: nothing to judge against", async () => {
    expect(await judgeContent(FILES.html, "text/html", as(undefined, undefined, "https://x/y", "output"))).toBeUndefined();
  });
});

describe("the files of an output", () => {
  test("File objects by their fields, or, with only a url, by a place named for media; *_url strings", () => {
    const output = {
      images: [{ url: "https://x/a" }, { url: "https://x/b", width: 1, height: 1 }],
      video: { url: "https://x/v" },
      mask: { url: "https://x/m" },
      archive: { url: "https://x/z", file_size: 10 },
      audio_url: "https://x/s.wav",
      page: { url: "https://example.com", title: "a link, not a file" },
    };
    expect(outputFiles(output).map(({ name, url }) => `${name} ${url}`)).toEqual([
      "images-0 https://x/a",
      "images-1 https://x/b",
      "video https://x/v",
      "mask https://x/m",
      "archive https://x/z",
      "audio_url https://x/s.wav",
    ]);
  });
});
