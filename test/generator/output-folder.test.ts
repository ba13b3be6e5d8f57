import { lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { OutputFolderError } from "../../generator/errors.js";
import { generate } from "../../generator/pipeline.js";
import { MANIFEST_FILE } from "../../generator/write/output-tree.js";
import { runFalgen } from "../helpers/run.js";
import { falSpec } from "../helpers/spec-factory.js";
import { tempDir } from "../helpers/temp-dir.js";

/** Everything below `root`: each file's bytes, each symbolic link's target, each folder. */
function snapshotFolder(root: string): Map<string, string> {
  const entries = new Map<string, string>();
  const visit = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      const key = path.relative(root, file);
      const stats = lstatSync(file);
      if (stats.isSymbolicLink()) entries.set(key, `link -> ${readlinkSync(file)}`);
      else if (stats.isDirectory()) {
        entries.set(key, "folder");
        visit(file);
      } else entries.set(key, readFileSync(file).toString("base64"));
    }
  };
  visit(root);
  return entries;
}

function writeFiles(root: string, files: Record<string, string>): void {
  for (const [file, contents] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), contents);
  }
}

/** A user's project: its specs, its own code and secrets, and a git folder. */
async function project(): Promise<string> {
  const root = await tempDir("project");
  writeFiles(root, {
    "specs/fal-ai/fox.json": JSON.stringify(falSpec("fal-ai/fox")),
    "src/app.ts": "export const app = 1;\n",
    ".env": "FAL_KEY=secret\n",
    "package.json": '{ "name": "app" }\n',
    ".git/HEAD": "ref: refs/heads/main\n",
  });
  return root;
}

/** Runs generate and returns the error it threw; the test fails if it did not throw one. */
async function refusal(options: { specsDir: string; outDir: string; check?: boolean }): Promise<OutputFolderError> {
  const error = await generate({ ...options, cacheDir: false }).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(OutputFolderError);
  return error as OutputFolderError;
}

/** cwd for the duration of `run`. */
async function inFolder<T>(dir: string, run: () => Promise<T>): Promise<T> {
  const before = process.cwd();
  process.chdir(dir);
  try {
    return await run();
  } finally {
    process.chdir(before);
  }
}

describe("falgen refuses an output folder it must not write, and touches nothing", () => {
  let root: string;
  let before: Map<string, string>;
  beforeAll(async () => {
    root = await project();
    before = snapshotFolder(root);
  });
  const unchanged = () => expect(snapshotFolder(root)).toEqual(before);

  test("the current folder", async () => {
    const error = await inFolder(root, () => refusal({ specsDir: "specs", outDir: "." }));
    expect(error.message).toBe("refusing to write to .: it is the current folder; name a folder of its own, e.g. --out generated");
    unchanged();
  });

  test("a folder containing the current folder", async () => {
    const error = await inFolder(path.join(root, "src"), () => refusal({ specsDir: "../specs", outDir: ".." }));
    expect(error.message).toContain("it contains the current folder");
    unchanged();
  });

  test("the specs folder, a folder containing it, a folder inside it", async () => {
    const specsDir = path.join(root, "specs");
    expect((await refusal({ specsDir, outDir: specsDir })).message).toContain("it is the specs folder");
    expect((await refusal({ specsDir, outDir: root })).message).toContain("it contains the specs folder");
    expect((await refusal({ specsDir, outDir: path.join(specsDir, "generated") })).message).toContain("it is inside the specs folder");
    unchanged();
  });

  test("the specs folder by another name: a symbolic link to it", async () => {
    const elsewhere = await tempDir("link");
    symlinkSync(path.join(root, "specs"), path.join(elsewhere, "out"), "dir");
    expect((await refusal({ specsDir: path.join(root, "specs"), outDir: path.join(elsewhere, "out") })).message).toContain("it is the specs folder");
    unchanged();
  });

  test("an existing non-empty folder without a manifest, also with --check", async () => {
    for (const check of [false, true]) {
      const error = await refusal({ specsDir: path.join(root, "specs"), outDir: path.join(root, "src"), check });
      expect(error.message).toContain(`it is not empty and has no ${MANIFEST_FILE}, so falgen did not make it`);
    }
    unchanged();
  });

  test("a file, not a folder", async () => {
    expect((await refusal({ specsDir: path.join(root, "specs"), outDir: path.join(root, "package.json") })).message).toContain("it is a file, not a folder");
    unchanged();
  });

  test("the CLI: exit 2 and one line naming the folder and why, no stack trace", async () => {
    const result = await runFalgen(["--specs", "specs", "--out", "."], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("falgen generate: refusing to write to .: it is the current folder; name a folder of its own, e.g. --out generated\n");
    expect(result.stdout).toBe("");
    unchanged();
  });
});

describe("in a folder falgen made, it writes only its own files and never through a symbolic link", () => {
  let specsDir: string;
  beforeAll(async () => {
    specsDir = path.join(await project(), "specs");
  });
  const generated = async () => {
    const out = path.join(await tempDir("made"), "generated");
    const report = await generate({ specsDir, outDir: out, cacheDir: false });
    expect(report.ok).toBe(true);
    return out;
  };

  test("files it did not write survive a regeneration, listed files it no longer plans are removed", async () => {
    const out = await generated();
    writeFiles(out, { ".gitignore": "node_modules\n", "notes/todo.md": "mine\n", "docs/mine.md": "mine too\n" });
    const manifest = JSON.parse(readFileSync(path.join(out, MANIFEST_FILE), "utf8"));
    writeFileSync(path.join(out, MANIFEST_FILE), JSON.stringify({ ...manifest, files: [...manifest.files, "docs/old.md"] }));
    writeFiles(out, { "docs/old.md": "from an earlier run\n" });
    expect((await generate({ specsDir, outDir: out, cacheDir: false })).diff?.extra).toEqual(["docs/old.md"]);
    expect(readFileSync(path.join(out, ".gitignore"), "utf8")).toBe("node_modules\n");
    expect(readFileSync(path.join(out, "notes/todo.md"), "utf8")).toBe("mine\n");
    expect(readFileSync(path.join(out, "docs/mine.md"), "utf8")).toBe("mine too\n");
    expect(() => lstatSync(path.join(out, "docs/old.md"))).toThrow();
    expect(JSON.parse(readFileSync(path.join(out, MANIFEST_FILE), "utf8"))).toEqual(manifest);
  });

  test("a folder symbolic link inside --out does not redirect writes", async () => {
    const out = await generated();
    const outside = await tempDir("outside");
    writeFiles(outside, { "keep.md": "outside\n" });
    // The docs folder is replaced by a link to a folder outside --out, so every doc is to be written.
    rmSync(path.join(out, "docs"), { recursive: true });
    symlinkSync(outside, path.join(out, "docs"), "dir");
    const outBefore = snapshotFolder(out);
    const outsideBefore = snapshotFolder(outside);
    const error = await refusal({ specsDir, outDir: out });
    expect(error.message).toContain(`it holds a symbolic link or special file: docs (a symbolic link to ${outside}); falgen neither follows nor reads them there: remove it`);
    expect(snapshotFolder(out)).toEqual(outBefore);
    expect(snapshotFolder(outside)).toEqual(outsideBefore);
  });

  test("a file symbolic link inside --out is not written through", async () => {
    const out = await generated();
    const outside = await tempDir("outside");
    writeFiles(outside, { "readme.md": "someone else's\n" });
    rmSync(path.join(out, "README.md"));
    symlinkSync(path.join(outside, "readme.md"), path.join(out, "README.md"));
    const outBefore = snapshotFolder(out);
    expect((await refusal({ specsDir, outDir: out })).message).toContain(`README.md (a symbolic link to ${path.join(outside, "readme.md")})`);
    expect(snapshotFolder(out)).toEqual(outBefore);
    expect(readFileSync(path.join(outside, "readme.md"), "utf8")).toBe("someone else's\n");
  });

  test("every symbolic link inside --out, at a name falgen writes or not, is refused by generate and --check alike, naming it, never read (a diff in a CI log would print it)", async () => {
    const out = await generated();
    const victim = path.join(await tempDir("victim"), "victim.txt");
    writeFileSync(victim, "the victim's secret\n");
    rmSync(path.join(out, "docs/fal-ai/fox.md"));
    symlinkSync(victim, path.join(out, "docs/fal-ai/fox.md"));
    symlinkSync(victim, path.join(out, "docs/link2.md"));
    symlinkSync(victim, path.join(out, "docs/link.md"));
    mkdirSync(path.join(out, "dist"));
    symlinkSync(victim, path.join(out, "dist/elsewhere.js"));
    const outBefore = snapshotFolder(out);
    const specs = path.relative(process.cwd(), specsDir);
    for (const check of [[], ["--check"]]) {
      const run = await runFalgen(["--specs", specs, "--out", out, ...check]);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        `falgen generate: refusing to write to ${out}: it holds symbolic links or special files: ` +
          ["dist/elsewhere.js", "docs/fal-ai/fox.md", "docs/link.md", "docs/link2.md"].map((link) => `${link} (a symbolic link to ${victim})`).join(", ") +
          "; falgen neither follows nor reads them there: remove them\n",
      );
      expect(run.stdout).toBe("");
    }
    expect(snapshotFolder(out)).toEqual(outBefore);
  });

  test("a named pipe at a file falgen writes is refused, not read (reading would hang --check)", async () => {
    const out = await generated();
    rmSync(path.join(out, "README.md"));
    const { execFileSync } = await import("node:child_process");
    execFileSync("mkfifo", [path.join(out, "README.md")]);
    for (const check of [false, true]) expect((await refusal({ specsDir, outDir: out, check })).message).toContain("README.md (a named pipe)");
  });

  test("links inside the package's own installs (node_modules/) are not its concern", async () => {
    const out = await generated();
    mkdirSync(path.join(out, "node_modules/.bin"), { recursive: true });
    symlinkSync("../typescript/bin/tsc", path.join(out, "node_modules/.bin/tsc"));
    expect((await generate({ specsDir, outDir: out, cacheDir: false, check: true })).ok).toBe(true);
  });

  test("a file it would write that it did not write before is not replaced", async () => {
    const out = path.join(await tempDir("foreign"), "generated");
    writeFiles(out, { [MANIFEST_FILE]: JSON.stringify({ files: [] }), "README.md": "the user's own\n" });
    const outBefore = snapshotFolder(out);
    expect((await refusal({ specsDir, outDir: out })).message).toContain(`README.md exists but falgen did not write it (it is not in ${MANIFEST_FILE})`);
    expect(snapshotFolder(out)).toEqual(outBefore);
  });

  test("a manifest that is not falgen's, or names a file outside the folder", async () => {
    for (const manifest of ["not json", JSON.stringify({ files: ["../../.env"] }), JSON.stringify({ files: "README.md" })]) {
      const out = path.join(await tempDir("damaged"), "generated");
      writeFiles(out, { [MANIFEST_FILE]: manifest });
      const outBefore = snapshotFolder(out);
      expect((await refusal({ specsDir, outDir: out })).message).toContain(`${MANIFEST_FILE} is not a list of files falgen wrote`);
      expect(snapshotFolder(out)).toEqual(outBefore);
    }
  });

  test("an empty existing folder is accepted", async () => {
    const out = await tempDir("empty");
    expect((await generate({ specsDir, outDir: out, cacheDir: false })).ok).toBe(true);
    expect(readdirSync(out)).toContain(MANIFEST_FILE);
  });
});
