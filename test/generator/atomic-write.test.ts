import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { writeFileAtomic, writeFilesAtomic } from "../../generator/shared/atomic-write.js";
import { tempDir } from "../helpers/temp-dir.js";

test("writeFileAtomic replaces a file whole, creating its folder, and leaves no temporary file", async () => {
  const dir = await tempDir("atomic-one");
  writeFileAtomic(path.join(dir, "a/b/file.txt"), "first");
  writeFileAtomic(path.join(dir, "a/b/file.txt"), "second");
  expect(readFileSync(path.join(dir, "a/b/file.txt"), "utf8")).toBe("second");
  expect(readdirSync(path.join(dir, "a/b"))).toEqual(["file.txt"]);
});

test("writeFilesAtomic: when one file cannot be written, no target changes and no temporary file is left", async () => {
  const dir = await tempDir("atomic-many");
  writeFileSync(path.join(dir, "kept.txt"), "old");
  // A file where a folder should be: the second target cannot be written, after the first was staged.
  writeFileSync(path.join(dir, "blocked"), "a file, not a folder");
  expect(() =>
    writeFilesAtomic([
      { target: path.join(dir, "kept.txt"), contents: "new" },
      { target: path.join(dir, "blocked/x.txt"), contents: "never" },
    ]),
  ).toThrow();
  expect(readFileSync(path.join(dir, "kept.txt"), "utf8")).toBe("old");
  expect(readdirSync(dir).sort()).toEqual(["blocked", "kept.txt"]);

  mkdirSync(path.join(dir, "ok"));
  writeFilesAtomic([
    { target: path.join(dir, "kept.txt"), contents: "new" },
    { target: path.join(dir, "ok/y.txt"), contents: "y" },
  ]);
  expect([readFileSync(path.join(dir, "kept.txt"), "utf8"), readFileSync(path.join(dir, "ok/y.txt"), "utf8")]).toEqual(["new", "y"]);
  expect(readdirSync(dir).sort()).toEqual(["blocked", "kept.txt", "ok"]);
});
