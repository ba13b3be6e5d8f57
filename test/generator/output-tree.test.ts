import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { diffTree, listTree, plannedFile, updateTree, type PlannedFile, type TreeDiff } from "../../generator/write/output-tree.js";
import { tempDir } from "../helpers/temp-dir.js";

/** A planned tree from path -> contents. */
function plan(files: Record<string, string>): Map<string, PlannedFile> {
  return new Map(Object.entries(files).map(([file, contents]) => [file, plannedFile(contents)]));
}

function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [file, contents] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), contents);
  }
}

/** Every file below `dir` (dist/ and node_modules/ included) with its contents. */
function readAll(dir: string): Record<string, string> {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return Object.fromEntries(entries.map((entry) => [path.relative(dir, path.join(entry.parentPath, entry.name)), readFileSync(path.join(entry.parentPath, entry.name), "utf8")]).sort());
}

const OLD = { "README.md": "old readme\n", "src/a/index.ts": "export const a = 1;\n", "src/gone/index.ts": "removed\n", "dist/index.js": "built\n" };

describe("diffTree", () => {
  test.each<{ name: string; disk: Record<string, string>; want: TreeDiff }>([
    { name: "identical", disk: { "a.ts": "1" }, want: { stale: [], missing: [], extra: [] } },
    { name: "edited", disk: { "a.ts": "2" }, want: { stale: ["a.ts"], missing: [], extra: [] } },
    { name: "missing", disk: {}, want: { stale: [], missing: ["a.ts"], extra: [] } },
    { name: "extra, outside dist/ and node_modules/", disk: { "a.ts": "1", "b.ts": "", "dist/x.js": "", "node_modules/y/z.js": "" }, want: { stale: [], missing: [], extra: ["b.ts"] } },
  ])("$name", async ({ disk, want }) => {
    const dir = await tempDir("diff");
    writeFiles(dir, disk);
    expect(diffTree(dir, plan({ "a.ts": "1" }))).toEqual(want);
  });
});

describe("updateTree", () => {
  test("creates a missing output folder with exactly the planned files", async () => {
    const dir = path.join(await tempDir("update"), "generated");
    await updateTree(dir, plan({ "README.md": "hi\n", "src/a/index.ts": "a\n" }));
    expect(readAll(dir)).toEqual({ "README.md": "hi\n", "src/a/index.ts": "a\n" });
  });

  test("rewrites only what differs, removes what is no longer planned and the folders it emptied, keeps dist/", async () => {
    const dir = await tempDir("update");
    writeFiles(dir, OLD);
    const untouched = statSync(path.join(dir, "src/a/index.ts"));
    const diff = await updateTree(dir, plan({ "README.md": "new readme\n", "src/a/index.ts": OLD["src/a/index.ts"], "docs/b.md": "b\n" }));
    expect(diff).toEqual({ stale: ["README.md"], missing: ["docs/b.md"], extra: ["src/gone/index.ts"] });
    expect(readAll(dir)).toEqual({ "README.md": "new readme\n", "dist/index.js": "built\n", "docs/b.md": "b\n", "src/a/index.ts": OLD["src/a/index.ts"] });
    expect(readdirSync(path.join(dir, "src"))).toEqual(["a"]);
    const after = statSync(path.join(dir, "src/a/index.ts"));
    expect([after.ino, after.mtimeMs]).toEqual([untouched.ino, untouched.mtimeMs]);
  });

  test("a failure while writing leaves the old output whole: no file changed, no temporary file, no new folder", async () => {
    const dir = await tempDir("update");
    writeFiles(dir, OLD);
    const planned = plan({ "README.md": "new readme\n", "src/a/index.ts": "changed\n", "docs/new/b.md": "b\n" });
    planned.set("src/z/last.ts", { sha256: "0", contents: () => Promise.reject(new Error("disk full")) });
    await expect(updateTree(dir, planned)).rejects.toThrow("disk full");
    expect(readAll(dir)).toEqual(OLD);
    expect(listTree(dir)).toEqual(["README.md", "src/a/index.ts", "src/gone/index.ts"]);
    expect(readdirSync(dir).sort()).toEqual(["README.md", "dist", "src"]);
  });
});
