import { cp, readdir } from "node:fs/promises";
import path from "node:path";
import { expect, test, vi } from "vitest";
import { SHARED_FIXTURES, tempDir } from "../helpers/temp-dir.js";

// A read-only output folder (a read-only mount, another user's checkout; root, which these tests
// may run as, is refused nothing by permissions): creating the lock there fails as it would.
const readOnly = vi.hoisted(() => ({ folder: undefined as string | undefined, refused: 0 }));
vi.mock("node:fs", async (original) => {
  const actual = await original<typeof import("node:fs")>();
  const mkdir = ((dir: string, ...rest: unknown[]) => {
    const callback = rest.at(-1) as (error: NodeJS.ErrnoException | null) => void;
    if (readOnly.folder !== undefined && path.dirname(path.resolve(dir)) === readOnly.folder) {
      readOnly.refused++;
      return process.nextTick(() => callback(Object.assign(new Error(`EROFS: read-only file system, mkdir '${dir}'`), { code: "EROFS", syscall: "mkdir", path: dir })));
    }
    return (actual.mkdir as (...args: unknown[]) => void)(dir, ...rest);
  }) as typeof actual.mkdir;
  return { ...actual, mkdir, default: { ...actual, mkdir } };
});

const { generate } = await import("../../generator/pipeline.js");

test("generate into a read-only folder whose package is current succeeds, writing nothing and leaving no lock", async () => {
  const specs = await tempDir("read-only-specs");
  await cp(path.join(SHARED_FIXTURES, "fal-ai__flux__dev.json"), path.join(specs, "flux-dev.json"));
  const out = path.join(await tempDir("read-only-out"), "generated");
  const options = { specsDir: specs, outDir: out, cacheDir: false as const };
  await generate(options);
  const before = (await readdir(out)).sort();
  readOnly.folder = path.resolve(out);
  try {
    const report = await generate(options);
    expect(readOnly.refused).toBeGreaterThan(0);
    expect(report.ok).toBe(true);
    expect([...(report.diff?.stale ?? []), ...(report.diff?.missing ?? []), ...(report.diff?.extra ?? [])]).toEqual([]);
    expect((await readdir(out)).sort()).toEqual(before);
  } finally {
    readOnly.folder = undefined;
  }
});
