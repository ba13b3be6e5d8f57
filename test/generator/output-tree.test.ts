import { mkdirSync, readdirSync, readFileSync, rmdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { diffTree, MANIFEST_FILE, openOutputFolder, plannedFile, type OutputFolder, type PlannedFile, type PlannedTree, type TreeDiff } from "../../generator/write/output-tree.js";
import { writeTree } from "../../generator/write/tree-writer.js";
import type { FileHasher } from "../../generator/shared/file-hashes.js";
import { receivedError, sendableError } from "../../generator/write/file-writes.js";
import { stagedTarget } from "../../generator/shared/atomic-write.js";
import { PathInTheWayError, shownPath } from "../../generator/errors.js";
import { tempDir } from "../helpers/temp-dir.js";

/** The write stage given every planned file at once, as the pipeline gives them one by one while emit runs. */
async function updateTree(output: OutputFolder, planned: PlannedTree, options: { hasher?: FileHasher; signal?: AbortSignal } = {}): Promise<TreeDiff> {
  const writer = writeTree(output, options);
  try {
    for (const [file, plannedFile] of planned) await writer.write(file, plannedFile);
  } catch (error) {
    await writer.undo();
    throw error;
  }
  return writer.finish(planned);
}

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

/** Every file below `dir` with its contents. */
function readAll(dir: string): Record<string, string> {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return Object.fromEntries(entries.map((entry) => [path.relative(dir, path.join(entry.parentPath, entry.name)), readFileSync(path.join(entry.parentPath, entry.name), "utf8")]).sort());
}

/** An output folder as an earlier run left it: its manifest lists what that run wrote; dist/ is the user's. */
const OLD = {
  ".falgen-manifest.json": JSON.stringify({ files: ["README.md", "src/a/index.ts", "src/gone/index.ts"] }),
  "README.md": "old readme\n",
  "src/a/index.ts": "export const a = 1;\n",
  "src/gone/index.ts": "removed\n",
  "dist/index.js": "built\n",
};

/** The output folder at `dir`, as the pipeline opens it. */
const folder = (dir: string) => openOutputFolder(dir, { specsDir: path.join(dir, "..", "specs-not-here") });

/** `count` new files in a new folder and `count` in one that exists (src/a/, staged there), after OLD's. */
function many(count: number): Map<string, PlannedFile> {
  const planned = plan({ "README.md": "new readme\n", "src/a/index.ts": OLD["src/a/index.ts"] });
  for (let index = 0; index < count; index++) {
    planned.set(`docs/many/f${index}.md`, plannedFile(`new ${index}\n`));
    planned.set(`src/a/f${index}.js`, plannedFile(`export const f = ${index};\n`));
  }
  return planned;
}

const manifestOf = (dir: string): unknown => JSON.parse(readFileSync(path.join(dir, MANIFEST_FILE), "utf8")).files;

describe("diffTree", () => {
  test.each([
    { name: "identical", disk: { "a.ts": "1" }, want: { stale: [], missing: [], extra: [], unlisted: [], leftovers: [] } },
    { name: "edited", disk: { "a.ts": "2" }, want: { stale: ["a.ts"], missing: [], extra: [], unlisted: [], leftovers: [] } },
    { name: "missing", disk: {}, want: { stale: [], missing: ["a.ts"], extra: [], unlisted: [], leftovers: [] } },
    { name: "extra: only what the manifest lists", disk: { "a.ts": "1", "b.ts": "", "dist/x.js": "", "notes.md": "" }, want: { stale: [], missing: [], extra: ["b.ts"], unlisted: [], leftovers: [] } },
    {
      name: "unlisted: a file falgen neither plans nor wrote, inside a folder the output is made of",
      disk: { "a.ts": "1", "src/evil.js": "", "src/deep/er.d.ts": "", "docs/notes.md": "", "dist/x.js": "", "notes.md": "" },
      plan: { "a.ts": "1", "src/x.ts": "1" },
      want: { stale: [], missing: ["src/x.ts"], extra: [], unlisted: ["src/deep/er.d.ts", "src/evil.js"], leftovers: [] },
    },
    {
      name: "leftovers: temporary files an interrupted run left beside files falgen writes; a user's file of the same pattern is not one",
      disk: { "a.ts": "1", "a.ts.falgen-123.tmp": "half", "b.ts.falgen-5.tmp": "", "src/x.ts.falgen-9.tmp": "", ".falgen-manifest.json.falgen-77.tmp": "", "src/mine.falgen-1.tmp": "", "notes.falgen-2.tmp": "" },
      plan: { "a.ts": "1", "src/x.ts": "1" },
      want: { stale: [], missing: ["src/x.ts"], extra: [], unlisted: ["src/mine.falgen-1.tmp"], leftovers: [".falgen-manifest.json.falgen-77.tmp", "a.ts.falgen-123.tmp", "b.ts.falgen-5.tmp", "src/x.ts.falgen-9.tmp"] },
    },
  ] as { name: string; disk: Record<string, string>; plan?: Record<string, string>; want: TreeDiff }[])("$name", async ({ disk, plan: planned = { "a.ts": "1" }, want }) => {
    const dir = await tempDir("diff");
    writeFiles(dir, { ...disk, [MANIFEST_FILE]: JSON.stringify({ files: ["a.ts", "b.ts"] }) });
    const diff = diffTree(folder(dir), plan(planned));
    // The manifest now lists a.ts only: it is stale whenever b.ts was listed.
    expect(diff).toEqual({ ...want, stale: [...want.stale, MANIFEST_FILE].sort() });
  });
});

describe("updateTree", () => {
  test("creates a missing output folder with exactly the planned files and their manifest", async () => {
    const dir = path.join(await tempDir("update"), "generated");
    await updateTree(folder(dir), plan({ "README.md": "hi\n", "src/a/index.ts": "a\n" }));
    expect(readAll(dir)).toEqual({ "README.md": "hi\n", "src/a/index.ts": "a\n", [MANIFEST_FILE]: expect.any(String) });
    expect(manifestOf(dir)).toEqual(["README.md", "src/a/index.ts"]);
  });

  test("rewrites only what differs, removes only listed files that are no longer planned and the folders it emptied, keeps the rest", async () => {
    const dir = await tempDir("update");
    writeFiles(dir, OLD);
    const untouched = statSync(path.join(dir, "src/a/index.ts"));
    const diff = await updateTree(folder(dir), plan({ "README.md": "new readme\n", "src/a/index.ts": OLD["src/a/index.ts"], "docs/b.md": "b\n" }));
    expect(diff).toEqual({ stale: [MANIFEST_FILE, "README.md"], missing: ["docs/b.md"], extra: ["src/gone/index.ts"], unlisted: [], leftovers: [] });
    expect(readAll(dir)).toEqual({ [MANIFEST_FILE]: expect.any(String), "README.md": "new readme\n", "dist/index.js": "built\n", "docs/b.md": "b\n", "src/a/index.ts": OLD["src/a/index.ts"] });
    expect(manifestOf(dir)).toEqual(["README.md", "docs/b.md", "src/a/index.ts"]);
    expect(readdirSync(path.join(dir, "src"))).toEqual(["a"]);
    const after = statSync(path.join(dir, "src/a/index.ts"));
    expect([after.ino, after.mtimeMs]).toEqual([untouched.ino, untouched.mtimeMs]);
  });

  test("a failure while writing leaves the old output whole: no file changed, no temporary file, no new folder, the old manifest", async () => {
    const dir = await tempDir("update");
    writeFiles(dir, OLD);
    const planned = plan({ "README.md": "new readme\n", "src/a/index.ts": "changed\n", "docs/new/b.md": "b\n" });
    planned.set("src/z/last.ts", { sha256: "0", contents: () => Promise.reject(new Error("disk full")) });
    await expect(updateTree(folder(dir), planned)).rejects.toThrow("disk full");
    expect(readAll(dir)).toEqual(OLD);
    expect(readdirSync(dir).sort()).toEqual([MANIFEST_FILE, "README.md", "dist", "src"]);
  });

  test("a failure while rewriting files it wrote (no new file) keeps the manifest", async () => {
    const dir = await tempDir("update");
    writeFiles(dir, OLD);
    const planned = plan({ "src/a/index.ts": "changed\n", "src/gone/index.ts": OLD["src/gone/index.ts"] });
    planned.set("README.md", { sha256: "0", contents: () => Promise.reject(new Error("disk full")) });
    await expect(updateTree(folder(dir), planned)).rejects.toThrow("disk full");
    expect(readAll(dir)).toEqual(OLD);
  });

  test("removes the temporary files a killed run left beside its files (even with nothing else to write), and only those", async () => {
    const dir = await tempDir("update");
    const left = { "README.md.falgen-4242.tmp": "half", "src/a/index.ts.falgen-7.tmp": "", [`${MANIFEST_FILE}.falgen-7.tmp`]: "{" };
    writeFiles(dir, { ...OLD, ...left, "src/a/mine.falgen-7.tmp": "user's" });
    const diff = await updateTree(folder(dir), plan({ "README.md": OLD["README.md"], "src/a/index.ts": OLD["src/a/index.ts"], "src/gone/index.ts": OLD["src/gone/index.ts"] }));
    expect(diff.leftovers).toEqual(Object.keys(left).sort());
    expect(readAll(dir)).toEqual({ ...OLD, [MANIFEST_FILE]: expect.any(String), "src/a/mine.falgen-7.tmp": "user's" });
  });

  test("a folder holding only the temporary manifest of a run killed as it began is an empty folder, not someone else's", async () => {
    const dir = await tempDir("update");
    writeFiles(dir, { [`${MANIFEST_FILE}.falgen-99.tmp`]: "{\n  \"files\": [" });
    await updateTree(folder(dir), plan({ "README.md": "hi\n" }));
    expect(readAll(dir)).toEqual({ "README.md": "hi\n", [MANIFEST_FILE]: expect.any(String) });
  });

  test.each([
    { name: "on the main thread", planned: () => plan({ "README.md": "new readme\n", "src/a/index.ts": "changed\n", "docs/new/b.md": "b\n" }) },
    { name: "on the writing thread", planned: () => many(150) },
  ])("aborted while writing $name: every file written so far is undone, the old output is whole, the signal's reason is thrown", async ({ planned: make }) => {
    const dir = await tempDir("update");
    writeFiles(dir, OLD);
    const controller = new AbortController();
    const planned = make();
    // A slow file: the loop lets the event loop turn after it, and the abort comes meanwhile.
    planned.set("src/z/last.ts", {
      sha256: "0",
      contents: () => {
        setImmediate(() => controller.abort(new Error("interrupted by SIGTERM")));
        const until = performance.now() + 30;
        while (performance.now() < until);
        return Promise.resolve("last\n");
      },
    });
    await expect(updateTree(folder(dir), planned, { signal: controller.signal })).rejects.toThrow("interrupted by SIGTERM");
    expect(readAll(dir)).toEqual(OLD);
    expect(readdirSync(dir).sort()).toEqual([MANIFEST_FILE, "README.md", "dist", "src"]);
  });

  test("a failure while writing into an empty folder leaves it empty", async () => {
    const dir = await tempDir("update");
    const planned = plan({ "README.md": "new readme\n" });
    planned.set("src/z/last.ts", { sha256: "0", contents: () => Promise.reject(new Error("disk full")) });
    await expect(updateTree(folder(dir), planned)).rejects.toThrow("disk full");
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("writing many files: on the writing thread while the planned files keep coming", () => {
  test.each([
    { name: "a few files are written on the main thread", count: 10 },
    { name: "many are written on the writing thread", count: 150 },
  ])("$name: the folder holds exactly the planned files, the old ones no longer planned removed", async ({ count }) => {
    const dir = await tempDir("many");
    writeFiles(dir, OLD);
    const planned = many(count);
    const diff = await updateTree(folder(dir), planned);
    expect(diff.missing).toHaveLength(2 * count);
    expect(diff.extra).toEqual(["src/gone/index.ts"]);
    const want = Object.fromEntries(await Promise.all([...planned].map(async ([file, { contents }]) => [file, await contents()] as const)));
    expect(readAll(dir)).toEqual({ ...want, "dist/index.js": "built\n", [MANIFEST_FILE]: expect.any(String) });
    expect(manifestOf(dir)).toEqual(Object.keys(want).sort());
  });

  test("at every moment of the run, every file in the folder is listed by the manifest on disk, or is the temporary file of one it lists (so a killed run's files are known to the next)", async () => {
    const dir = await tempDir("many");
    writeFiles(dir, OLD);
    const planned = many(150);
    const seen: string[][] = [];
    const filesIn = () => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
    const look = () => {
      const listed = new Set(manifestOf(dir) as string[]);
      // The manifest's own temporary file (of its next replacement) is falgen's by its name alone.
      const known = (file: string) => file === MANIFEST_FILE || stagedTarget(file) === MANIFEST_FILE || listed.has(file) || listed.has(stagedTarget(file) ?? "");
      seen.push(filesIn().filter((file) => !file.startsWith("dist/") && !known(file)));
    };
    // Looks at the folder while the files keep coming, once the thread wrote more since the last look.
    let before = filesIn().length;
    for (const index of [70, 100, 149]) {
      const file = `src/a/f${index}.js`;
      planned.set(file, {
        sha256: planned.get(file)!.sha256,
        contents: async () => {
          for (let waited = 0; filesIn().length === before && waited < 5000; waited += 5) await new Promise((resolve) => setTimeout(resolve, 5));
          before = filesIn().length;
          look();
          return `export const f = ${index};\n`;
        },
      });
    }
    await updateTree(folder(dir), planned);
    look();
    expect(seen).toEqual([[], [], [], []]);
  });

  test.each([
    { name: "on the main thread", count: 10, thread: false },
    { name: "on the writing thread", count: 150, thread: true },
  ])("a write that fails $name is the same error, and leaves the old output whole", async ({ count, thread }) => {
    const dir = await tempDir("many");
    writeFiles(dir, OLD);
    const planned = many(count);
    // A folder appears where a file goes after the file was compared, before it is written.
    const blocked = `src/a/f${count - 1}.js`;
    planned.set(blocked, { sha256: "0", contents: async () => (mkdirSync(path.join(dir, blocked)), "x\n") });
    const error = (await updateTree(folder(dir), planned).then(() => undefined, (caught: unknown) => caught)) as Error;
    expect(error).toBeInstanceOf(PathInTheWayError);
    expect(error.message).toBe(`cannot write ${shownPath(path.join(dir, blocked))}: it is a folder; move it away`);
    // Where it was thrown: the writing thread's bundle, or this thread.
    expect(error.stack?.includes("write-thread.js")).toBe(thread);
    rmdirSync(path.join(dir, blocked));
    expect(readAll(dir)).toEqual(OLD);
    expect(readdirSync(dir).sort()).toEqual([MANIFEST_FILE, "README.md", "dist", "src"]);
  });
});

test("an error from the writing thread arrives as thrown there: its class (of those the CLI tells apart), message, code and stack", () => {
  const inTheWay = new PathInTheWayError("/x/y.js", "it is a folder");
  const revived = receivedError(sendableError(inTheWay));
  expect(revived).toBeInstanceOf(PathInTheWayError);
  expect(revived).toMatchObject({ name: "PathInTheWayError", message: inTheWay.message, file: inTheWay.file, stack: inTheWay.stack });
  let system: NodeJS.ErrnoException | undefined;
  try {
    readFileSync("/no/such/file");
  } catch (error) {
    system = error as NodeJS.ErrnoException;
  }
  expect(receivedError(sendableError(system))).toMatchObject({ name: "Error", message: system!.message, code: "ENOENT", errno: system!.errno, syscall: "open", path: "/no/such/file" });
});
