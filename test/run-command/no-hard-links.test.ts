import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, test, vi } from "vitest";
import { encodePng } from "../../generator/simulator/outputs/png.js";

// `links`: the refused links, so a test knows the mock is what downloads.ts met (the module is loaded again in this file: slow project, isolated).
const disk = vi.hoisted(() => ({ full: false, links: 0 }));

// A file system without hard links (exFAT, FAT, some SMB mounts): `link` fails as Linux's vfat does.
vi.mock("node:fs/promises", async (original) => {
  const fs = await original<typeof import("node:fs/promises")>();
  return {
    ...fs,
    link: async (from: string) => {
      disk.links++;
      throw Object.assign(new Error(`EPERM: operation not permitted, link '${from}'`), { code: "EPERM", syscall: "link" });
    },
    // A disk with room for the download but not for its copy.
    copyFile: async (from: string, to: string, mode?: number) => {
      if (!disk.full) return fs.copyFile(from, to, mode);
      throw Object.assign(new Error(`ENOSPC: no space left on device, copyfile '${from}' -> '${to}'`), { code: "ENOSPC", syscall: "copyfile", path: from, dest: to });
    },
  };
});

const { saveOutputFile } = await import("../../generator/run-command/downloads.js");

const png = encodePng(8, 8, 0.5);
const server = createServer((_request, response) => response.writeHead(200, { "content-type": "image/png" }).end(png));
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/image.png`;

test("falgen run saves downloads where the file system has no hard links, never over a file, leaving no partial file", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "falgen-no-links-"));
  const file = { url, contentType: "image/png", name: "images-0" };
  const first = await saveOutputFile(file, dir);
  const second = await saveOutputFile(file, dir);
  expect([first.path, second.path]).toEqual([path.join(dir, "images-0.png"), path.join(dir, "images-0-1.png")]);
  expect(await readFile(first.path)).toEqual(png);
  expect(await readFile(second.path)).toEqual(png);
  expect((await readdir(dir)).sort()).toEqual(["images-0-1.png", "images-0.png"]);
  expect(disk.links).toBeGreaterThan(0);
});

test("a copy that fails (the disk full) says which output and where, not the temporary file, and leaves nothing behind", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "falgen-no-links-"));
  disk.full = true;
  try {
    const failed = await saveOutputFile({ url, contentType: "image/png", name: "images-0" }, dir).then(() => undefined, (error: Error) => error.message);
    expect(failed).toBe(`images-0: saving ${url} as ${path.join(dir, "images-0.png")} failed: no space left on the device`);
  } finally {
    disk.full = false;
  }
  expect(await readdir(dir)).toEqual([]);
});
