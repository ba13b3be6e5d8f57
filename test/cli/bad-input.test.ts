import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startSimulator, type RunningSimulator } from "../../generator/simulator/start-simulator.js";
import { falgen, type RunResult } from "../helpers/run.js";
import { REPO_ROOT, tempDir } from "../helpers/temp-dir.js";

let simulator: RunningSimulator;
beforeAll(async () => {
  simulator = await startSimulator({ specsDir: path.join(REPO_ROOT, "specs"), watch: false });
});
afterAll(() => simulator?.close());

/** One line on stderr, no stack frame, nothing on stdout. */
function expectOneLine(result: RunResult, code: number, message: RegExp): void {
  expect(result.stdout).toBe("");
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr.trim().split("\n")[0]).toMatch(message);
  expect(result.code).toBe(code);
}

async function project(): Promise<string> {
  const dir = await tempDir("bad-input");
  await writeFile(path.join(dir, "a-file.txt"), "not a folder\n");
  return dir;
}

describe("bad input is one line naming what and where, exit 2, and nothing is written", () => {
  test.each([
    ["generate", ["generate", "--specs", "missing"], /^falgen generate: specs folder missing: no such file or folder$/],
    ["generate (a file for --specs)", ["generate", "--specs", "a-file.txt"], /^falgen generate: specs folder a-file.txt: a file, not a folder/],
    ["generate (a file in the way of --out)", ["generate", "--specs", "missing", "--out", "a-file.txt/pkg"], /^falgen generate: refusing to write to a-file.txt\/pkg: a-file.txt is a file, not a folder$/],
    ["update", ["update", "--specs", "missing", "--from", "http://127.0.0.1:9"], /^falgen update: specs folder missing: no such file or folder$/],
    ["update (a file for --specs)", ["update", "--specs", "a-file.txt", "--from", "http://127.0.0.1:9"], /^falgen update: specs folder a-file.txt: a file, not a folder/],
    ["simulator", ["simulator", "--specs", "missing", "--port", "0"], /^falgen simulator: specs folder missing: no such file or folder$/],
    ["simulator (a file for --specs)", ["simulator", "--specs", "a-file.txt", "--port", "0"], /^falgen simulator: specs folder a-file.txt: a file, not a folder/],
    ["capture (a missing overrides folder)", ["capture", "a-file.txt", "--overrides", "missing"], /^falgen capture: overrides folder missing: no such file or folder$/],
    ["import (a missing document)", ["import", "nonexist.json"], /^falgen import: nonexist\.json: cannot read the document \(no such file or folder\)$/],
    ["import (a missing document after a good one)", ["import", path.join(REPO_ROOT, "test/fixtures/fal-openapi/fal-ai__flux__dev.json"), "nonexist.json"], /^falgen import: nonexist\.json: cannot read the document \(no such file or folder\)$/],
    ["capture (a missing page file)", ["capture", "nonexist.txt"], /^falgen capture: nonexist\.txt: cannot read the page file \(no such file or folder\)$/],
    ["capture (a folder for a page file)", ["capture", "."], /^falgen capture: \.: cannot read the page file \(a folder where a file was expected\)$/],
    ["import (a folder for a document)", ["import", "."], /^falgen import: \.: cannot read the document \(a folder, not a file\)$/],
    ["import (a document below a file)", ["import", "a-file.txt/doc.json"], /^falgen import: a-file\.txt\/doc\.json: cannot read the document \(a file where a folder was expected\)$/],
  ])("a missing or wrong folder or file: %s", async (_name, args, message) => {
    const dir = await project();
    expectOneLine(await falgen(args, dir), 2, message);
    expect(await readdir(dir)).toEqual(["a-file.txt"]);
  });

  test.each([
    ["generate", ["generate", "--bogus"], /^falgen generate: unknown option --bogus$/],
    ["add", ["add", "fal-ai/flux/dev", "--frm", "x"], /^falgen add: unknown option --frm$/],
    ["update", ["update", "-x"], /^falgen update: unknown option -x$/],
    ["import", ["import", "doc.json", "--out", "specs"], /^falgen import: unknown option --out$/],
    ["capture", ["capture", "page.txt", "--nope"], /^falgen capture: unknown option --nope$/],
    ["simulator", ["simulator", "--prot", "4010"], /^falgen simulator: unknown option --prot$/],
    ["a flag without its value", ["generate", "--specs"], /^falgen generate: option --specs needs a value$/],
    ["a missing argument", ["add"], /^falgen add: missing <endpoint id>/],
    ["an argument a command does not take", ["generate", "specs"], /^falgen generate: unexpected argument "specs"$/],
    ["a package name npm refuses", ["generate", "--name", "Acme Fal"], /^falgen generate: "Acme Fal" is not an npm package name/],
    ["a version that is not semver", ["generate", "--package-version", "v1"], /^falgen generate: "v1" is not a semantic version/],
    ["an unknown command", ["generat"], /^falgen: unknown command "generat"$/],
  ])("an unknown flag or malformed command line: %s", async (_name, args, message) => {
    const dir = await project();
    const result = await falgen(args, dir);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stderr.split("\n")[0]).toMatch(message);
    expect(result.code).toBe(2);
    expect(await readdir(dir)).toEqual(["a-file.txt"]);
  });

  test("an endpoint the server does not know, from add: exit 2, no spec written, no generation", async () => {
    const dir = await project();
    const result = await falgen(["add", "fal-ai/qwen-image", "fal-ai/no-such-model", "--from", simulator.url], dir);
    expectOneLine(result, 2, new RegExp(`^falgen add: unknown endpoint "fal-ai/no-such-model": ${simulator.url.replaceAll(".", "\\.")} has no queue document for it \\(HTTP 404\\)`));
    expect(await readdir(dir)).toEqual(["a-file.txt"]);
  });

  test("a malformed endpoint id, or a --from that is not a URL", async () => {
    const dir = await project();
    expectOneLine(await falgen(["add", "flux", "--from", simulator.url], dir), 2, /^falgen add: endpoint id "flux" must have the form owner\/app\[\/path\]$/);
    expectOneLine(await falgen(["add", "fal-ai/flux/dev", "--from", "localhost:4010"], dir), 2, /^falgen add: --from "localhost:4010": not an http\(s\) URL/);
    expect(await readdir(dir)).toEqual(["a-file.txt"]);
  });

  test.each([
    ["falgen.config.json", '{ "specs": "specs", "nmae": "@acme/fal" }', /^falgen generate: config file falgen\.config\.json: unknown field "nmae"/],
    ["falgen.config.json", '{ "endpoints": "fal-ai/**" }', /^falgen generate: config file falgen\.config\.json: "endpoints" must be an array of globs/],
    ["falgen.config.json", '{ "specs": ', /^falgen generate: config file falgen\.config\.json:1:12: cannot load it: invalid JSON: value expected$/],
    ["falgen.config.json", '{\n  "specs": "specs",\n  "out": "pkg"\n  "name": "@a/b"\n}\n', /^falgen generate: config file falgen\.config\.json:4:3: cannot load it: invalid JSON: comma expected$/],
    ["falgen.config.json", '{\n  "specs": "specs",\n}\n', /^falgen generate: config file falgen\.config\.json:3:1: cannot load it: invalid JSON: property name expected$/],
    ["falgen.config.mjs", 'export default { name: "Not A Name" };', /^falgen generate: config file falgen\.config\.mjs: "Not A Name" is not an npm package name/],
    ["falgen.config.ts", "export default defineConfig({ out: 'x' }", /^falgen generate: config file falgen\.config\.ts:1:40: cannot load it: ParseError: /],
    ["falgen.config.ts", 'export default {\n  out: "x",\n  name: "@a/b" oops\n};\n', /^falgen generate: config file falgen\.config\.ts:3:15: cannot load it: ParseError: Unexpected token, expected ","$/],
    ["falgen.config.ts", "export default null;\n", /^falgen generate: config file falgen\.config\.ts: must export an object \(export default defineConfig\(\{ \.\.\. \}\)\), found null$/],
    ["falgen.config.mjs", "export default undefined;\n", /^falgen generate: config file falgen\.config\.mjs: must export an object \(export default defineConfig\(\{ \.\.\. \}\)\), found undefined$/],
    ["falgen.config.ts", "export const specs = 'specs';\n", /^falgen generate: config file falgen\.config\.ts: has no default export; write export default defineConfig\(\{ \.\.\. \}\)$/],
  ])("a config file that is wrong: %s %s", async (name, contents, message) => {
    const dir = await project();
    await writeFile(path.join(dir, name), contents);
    expectOneLine(await falgen(["generate"], dir), 2, message);
    expect((await readdir(dir)).sort()).toEqual(["a-file.txt", name].sort());
  });

  test.each([
    ["falgen.config.mjs", 'const x = 1;\nfunction f() {\n  throw new Error("boom at config");\n}\nf();\nexport default {};\n', "falgen.config.mjs:3:9: cannot load it: boom at config"],
    ["falgen.config.ts", 'import type { X } from "y";\n\ninterface A {\n  a: string;\n}\nconst n: number = 1;\nif (n > 0) throw new RangeError("boom in ts");\nexport default {};\n', "falgen.config.ts:7:18: cannot load it: boom in ts"],
    ["falgen.config.js", 'module.exports = {\n  specs: JSON.parse("{"),\n};\n', "falgen.config.js:2:15: cannot load it: "],
    ["falgen.config.mjs", 'export default {\n  specs: "specs",\n  get out() { throw new TypeError("bad getter"); },\n};\n', "falgen.config.mjs:3:21: cannot load it: bad getter"],
    ["falgen.config.mjs", 'throw "a string, no stack";\n', "falgen.config.mjs: cannot load it: a string, no stack"],
  ])("a config file that throws is placed where it threw (%s)", async (name, contents, message) => {
    const dir = await project();
    await writeFile(path.join(dir, name), contents);
    const result = await falgen(["generate"], dir);
    expectOneLine(result, 2, new RegExp(`^falgen generate: config file ${message.replaceAll(".", "\\.")}`));
    expect((await readdir(dir)).sort()).toEqual(["a-file.txt", name].sort());
  });

  test("two config files in one folder: refused (one would be ignored), unless --config picks one", async () => {
    const dir = await project();
    await writeFile(path.join(dir, "falgen.config.json"), '{ "specs": "nope" }\n');
    await writeFile(path.join(dir, "falgen.config.mjs"), 'export default { specs: "specs" };\n');
    expectOneLine(await falgen(["generate"], dir), 2, /^falgen generate: config files falgen\.config\.mjs and falgen\.config\.json are both in .+: keep one, or pick one with --config$/);
    expectOneLine(await falgen(["generate", "--config", "falgen.config.json"], dir), 2, /^falgen generate: specs folder nope: /);
    expect((await readdir(dir)).sort()).toEqual(["a-file.txt", "falgen.config.json", "falgen.config.mjs"]);
  });

  test.each([
    ["FAL_KEY", { FAL_KEY: "0f1e2d3c-aaaa-bbbb:5e6f7a8b9c0d1e2f3a4b", FAL_KEY_ID: undefined, FAL_KEY_SECRET: undefined }, "process.env.FAL_KEY"],
    ["FAL_KEY_ID and FAL_KEY_SECRET", { FAL_KEY: undefined, FAL_KEY_ID: "0f1e2d3c-aaaa-bbbb", FAL_KEY_SECRET: "5e6f7a8b9c0d1e2f3a4b" }, "process.env.FAL_KEY_ID + ':' + process.env.FAL_KEY_SECRET"],
  ])("a config file that throws with the key (%s) in its message: every command prints it redacted", async (_name, env, expression) => {
    const dir = await project();
    await writeFile(path.join(dir, "falgen.config.ts"), `throw new Error("boom " + ${expression});\n`);
    const secret = "5e6f7a8b9c0d1e2f3a4b";
    for (const args of [["generate"], ["generate", "--check"], ["add", "fal-ai/flux/dev"], ["update"], ["import", "x.json"], ["capture", "page.txt"], ["simulator"], ["run", "fal-ai/flux/dev", "--prompt", "x"]]) {
      const result = await falgen(args, dir, env);
      expectOneLine(result, 2, new RegExp(`^falgen ${args[0]}: config file falgen\\.config\\.ts(:\\d+:\\d+)?: cannot load it: (Error: )?boom \\[redacted\\]$`));
      expect(result.stderr).not.toContain(secret);
    }
  });

  test("nothing to generate: an empty specs folder, or endpoints (flag or config) that match no spec, says so and where it looked, exit 2", async () => {
    const dir = await project();
    await mkdir(path.join(dir, "specs/fal-ai"), { recursive: true });
    await writeFile(path.join(dir, "specs/fal-ai/notes.txt"), "not a spec\n");
    const empty = /^falgen generate: specs folder specs: no spec files \(\.yaml, \.yml or \.json\) in it or below it; add one with `falgen add <endpoint id>`$/;
    expectOneLine(await falgen(["generate", "--no-cache"], dir), 2, empty);
    expectOneLine(await falgen(["generate", "--no-cache", "--check"], dir), 2, empty);
    await writeFile(path.join(dir, "specs/fal-ai/flux.json"), await readFile(path.join(REPO_ROOT, "test/fixtures/fal-openapi/fal-ai__flux__dev.json")));
    const none = /^falgen generate: specs folder specs: no endpoint id of its 1 spec\(s\) matches endpoints "fal-ai\/flux\/\*\*\/schnell", "acme\/\*" \(ids there: fal-ai\/flux\/dev\)$/;
    expectOneLine(await falgen(["generate", "--no-cache", "--endpoints", "fal-ai/flux/**/schnell", "--endpoints", "acme/*"], dir), 2, none);
    await writeFile(path.join(dir, "falgen.config.json"), JSON.stringify({ endpoints: ["fal-ai/flux/**/schnell", "acme/*"] }));
    expectOneLine(await falgen(["generate", "--no-cache"], dir), 2, none);
    expect((await readdir(dir)).sort()).toEqual(["a-file.txt", "falgen.config.json", "specs"]);
  });

  test("--config naming a file that is not there", async () => {
    const dir = await project();
    expectOneLine(await falgen(["generate", "--config", "falgen.config.ts"], dir), 2, /^falgen generate: config file falgen\.config\.ts: no such file$/);
    await mkdir(path.join(dir, "falgen.config.ts"));
    expectOneLine(await falgen(["generate", "--config", "falgen.config.ts"], dir), 2, /^falgen generate: config file falgen\.config\.ts: a folder, not a file$/);
  });
});

describe("help", () => {
  test.each(["generate", "add", "update", "import", "capture", "simulator"])("falgen %s --help prints its usage and exits 0", async (command) => {
    const dir = await project();
    const result = await falgen([command, "--help"], dir);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(new RegExp(`^Usage: falgen ${command}`));
    expect(result.stdout).toMatch(/^Exit: 0 .*, 2 usage or input error/m);
    expect(result.code).toBe(0);
    expect(await readdir(dir)).toEqual(["a-file.txt"]);
  });

  test("falgen with no command prints the usage and exits 2; --help and help exit 0", async () => {
    const dir = await project();
    const bare = await falgen([], dir);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/^Usage: falgen <command>/);
    for (const args of [["--help"], ["help"]]) {
      const result = await falgen(args, dir);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Usage: falgen <command>/);
    }
    expect((await falgen(["help", "add"], dir)).stdout).toMatch(/^Usage: falgen add/);
  });
});

test("a config file's values are used, and flags win over them", async () => {
  const dir = await project();
  await mkdir(path.join(dir, "fal-specs/fal-ai"), { recursive: true });
  await writeFile(path.join(dir, "fal-specs/fal-ai/qwen-image.yaml"), await (await fetch(`${simulator.url}/api/openapi/queue/openapi.json?endpoint_id=fal-ai/qwen-image`)).text());
  await writeFile(path.join(dir, "falgen.config.mjs"), 'export default { specs: "fal-specs", out: "pkg", name: "@acme/from-config", version: "2.0.0" };\n');
  const generated = await falgen(["generate", "--name", "@acme/from-flag", "--no-cache"], dir);
  expect(generated.stderr).toBe("");
  expect(generated.code).toBe(0);
  const manifest = JSON.parse(await import("node:fs/promises").then((fs) => fs.readFile(path.join(dir, "pkg/package.json"), "utf8")));
  expect(manifest).toMatchObject({ name: "@acme/from-flag", version: "2.0.0" });
});
