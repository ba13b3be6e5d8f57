import { existsSync } from "node:fs";
import { mkdir, readdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startSimulator, type RunningSimulator } from "../../generator/simulator/start-simulator.js";
import { falgen, type RunResult } from "../helpers/run.js";
import { tempDir } from "../helpers/temp-dir.js";
import { runSpecsDir } from "./run-specs.js";

/**
 * `falgen run` refuses every local problem (a flag, the key, the input) before it sends anything,
 * with one line and exit 2: a refusal after the submit would come after a paid request.
 */

const KEY = "up-front-id:up-front-secret-0123456789";
let sim: RunningSimulator;
let specsDir: string;
beforeAll(async () => {
  specsDir = await runSpecsDir();
  sim = await startSimulator({ specsDir, apiKeys: [KEY], queueMs: 60_000, watch: false });
});
afterAll(() => sim?.close());

async function falgenRun(args: string[], env: Record<string, string> = { FAL_KEY: KEY }, cwd?: string): Promise<RunResult> {
  const dir = cwd ?? (await tempDir("run-up-front"));
  await symlink(specsDir, path.join(dir, "specs"));
  return falgen(["run", "fal-ai/qwen-image", ...args], dir, { FAL_KEY: undefined, FAL_KEY_ID: undefined, FAL_KEY_SECRET: undefined, ...env });
}

const submits = () => sim.stats().routes.submit;

function expectRefused(result: RunResult, message: RegExp): void {
  expect(result.stderr).not.toMatch(/submitting|falgen bug|^\s+at /m);
  expect(result.stderr).toMatch(message);
  expect(result.stdout).toBe("");
  expect(result.code).toBe(2);
}

describe("falgen run checks every flag before submitting", () => {
  test("--out: an existing file, or a file in the way of the folder", async () => {
    const dir = await tempDir("run-up-front");
    await writeFile(path.join(dir, "package.json"), "{}\n");
    const before = submits();
    expectRefused(await falgenRun(["--prompt", "x", "--queue-url", sim.url, "--out", "package.json"], undefined, dir), /^falgen run: --out package\.json: a file, not a folder; name a folder for the output files\n$/);
    await mkdir(path.join(dir, "again"));
    await writeFile(path.join(dir, "again/a-file"), "");
    const nested = await falgenRun(["--prompt", "x", "--queue-url", sim.url, "--out", "a-file/images"], undefined, path.join(dir, "again"));
    expectRefused(nested, /^falgen run: --out a-file\/images: a-file is a file, not a folder\n$/);
    expect(submits()).toBe(before);
    expect((await readdir(dir)).sort()).toEqual(["again", "package.json", "specs"]);
  });

  // Where a folder cannot be made or written to whoever runs the test, root included.
  test.skipIf(!existsSync("/proc/self") || !existsSync("/sys/kernel"))("--out on a special file system (/sys, /proc): refused before submitting, at once", async () => {
    const before = submits();
    expectRefused(await falgenRun(["--prompt", "x", "--queue-url", sim.url, "--out", "/sys/nope"]), /^falgen run: --out \/sys\/nope: \/sys\/nope: cannot be created there \(operation not permitted\)\n$/);
    expectRefused(await falgenRun(["--prompt", "x", "--queue-url", sim.url, "--out", "/proc/nope/deeper"]), /^falgen run: --out \/proc\/nope\/deeper: \/proc\/nope: cannot be created there\n$/);
    expect(submits()).toBe(before);
  });

  test("--out folders made for a run that saved nothing are removed again", async () => {
    const dir = await tempDir("run-up-front");
    const refused = await falgenRun(["--num_images", "1", "--queue-url", sim.url, "--out", "made/for/it"], undefined, dir);
    expect(refused.stderr).toContain("prompt: Field required");
    expect((await readdir(dir)).sort()).toEqual(["specs"]);
  });

  test.each([
    [["--queue-url", "notaurl"], /^falgen run: --queue-url "notaurl": not an http\(s\) URL/],
    [["--queue-url", "ftp://127.0.0.1:4010"], /^falgen run: --queue-url "ftp:\/\/127\.0\.0\.1:4010": not an http\(s\) URL/],
    [["--queue-url", "QUEUE?x=1"], /^falgen run: --queue-url ".*\?x=1": a base URL takes no query/],
    [["--queue-url", "QUEUE#top"], /^falgen run: --queue-url ".*#top": a base URL takes no query \(\?\.\.\.\) or fragment/],
    [["--queue-url", "QUEUE", "--storage-url", "storage"], /^falgen run: --storage-url "storage": not an http\(s\) URL/],
    [["--queue-url", "QUEUE", "--timeout", "soon"], /^falgen run: --timeout must be a whole number of milliseconds above 0, got "soon"/],
    [["--queue-url", "QUEUE", "--timeout", "0"], /^falgen run: --timeout must be a whole number of milliseconds above 0, got "0"/],
    [["--queue-url", "QUEUE", "--timeout", "1.5"], /^falgen run: --timeout must be a whole number/],
    // Decimal only, as the input's number flags: Number() read 0x10 as 16 ms, 0b11 as 3.
    [["--queue-url", "QUEUE", "--timeout", "0x10"], /^falgen run: --timeout must be a whole number of milliseconds above 0, got "0x10"/],
    [["--queue-url", "QUEUE", "--timeout", "0b11"], /^falgen run: --timeout must be a whole number of milliseconds above 0, got "0b11"/],
    [["--queue-url", "QUEUE", "--timeout", "0o7"], /^falgen run: --timeout must be a whole number of milliseconds above 0, got "0o7"/],
    [["--queue-url", "QUEUE", "--timeout", " "], /^falgen run: --timeout must be a whole number of milliseconds above 0, got " "/],
    [["--queue-url", "QUEUE", "--result", ".."], /^falgen run: --result "\.\.": not a request id/],
    [["--queue-url", "QUEUE", "--result", "a/../b"], /^falgen run: --result "a\/\.\.\/b": not a request id/],
    [["--queue-url", "QUEUE", "--result", ""], /^falgen run: --result "": not a request id/],
    // Not a reason to fetch fal's document instead.
    [["--queue-url", "QUEUE", "--specs", "/nonexistent/specs"], /^falgen run: no spec for fal-ai\/qwen-image: --specs \/nonexistent\/specs: no such folder/],
  ])("%j", async (flags, message) => {
    const before = submits();
    expectRefused(await falgenRun(["--prompt", "x", ...flags.map((flag) => flag.replace("QUEUE", sim.url))]), message);
    expect(submits()).toBe(before);
  });

  test("--input with a JSON syntax error names its file:line:column", async () => {
    const dir = await tempDir("run-up-front");
    await writeFile(path.join(dir, "input.json"), '{\n  "prompt": "a fox",\n  "num_images": 2,\n}\n');
    const before = submits();
    expectRefused(await falgenRun(["--input", "input.json", "--queue-url", sim.url], undefined, dir), /^falgen run: --input: input\.json:4:1: not JSON: property name expected\n$/);
    expect(submits()).toBe(before);
  });

  test("--input with an integer beyond what a JSON number carries exactly names its file:line:column; nothing is sent rounded", async () => {
    const dir = await tempDir("run-up-front");
    await writeFile(path.join(dir, "input.json"), '{\n  "prompt": "a fox",\n  "seed": 12345678901234567890\n}\n');
    const before = submits();
    expectRefused(
      await falgenRun(["--input", "input.json", "--queue-url", sim.url], undefined, dir),
      /^falgen run: --input: input\.json:3:11: 12345678901234567890 is beyond the integers a JSON number carries exactly \(±9007199254740991\); it would be sent as 12345678901234567000, so nothing was sent\n$/,
    );
    expect(submits()).toBe(before);
  });

  test("a URL with a user name and password is refused without repeating them: --queue-url, --from, a document's", async () => {
    const url = sim.url.replace("http://", "http://someone:hunter2pass@");
    const result = await falgenRun(["--prompt", "x", "--queue-url", url]);
    expectRefused(result, /^falgen run: --queue-url: the URL holds a user name or password/);
    expect(result.stderr).not.toMatch(/hunter2pass|someone/);
    // add --from is the same kind of flag.
    const add = await falgen(["add", "fal-ai/qwen-image", "--from", url], await tempDir("run-up-front"));
    expect(add.code).toBe(2);
    expect(add.stderr).toMatch(/^falgen add: --from: the URL holds a user name or password/);
    expect(add.stderr).not.toMatch(/hunter2pass|someone/);
    // So are a document's URL, given to import or run --spec.
    const imported = await falgen(["import", `${url}/api/openapi/queue/openapi.json?endpoint_id=fal-ai/qwen-image`], await tempDir("run-up-front"));
    expect(imported.code).toBe(2);
    expect(imported.stderr).toMatch(/^falgen import: document http:\/\/127\.0\.0\.1:\d+\/api\/openapi\/queue\/openapi\.json: the URL holds a user name or password/);
    expect(imported.stderr).not.toMatch(/hunter2pass|someone/);
    const spec = await falgenRun(["--prompt", "x", "--queue-url", sim.url, "--spec", `${url}/api/openapi/queue/openapi.json?endpoint_id=fal-ai/qwen-image`]);
    expectRefused(spec, /^falgen run: no spec for fal-ai\/qwen-image: document http:\/\/127\.0\.0\.1:\d+\/\S+: the URL holds a user name or password/);
    expect(spec.stderr).not.toMatch(/hunter2pass|someone/);
  });

  test("a key with a control character: an input error before submitting, the key never shown", async () => {
    const before = submits();
    for (const [env, variable] of [[{ FAL_KEY: "sec\x01ret-key" }, "FAL_KEY"], [{ FAL_KEY_ID: "id", FAL_KEY_SECRET: "sec\x7fret-key" }, "FAL_KEY_ID:FAL_KEY_SECRET"], [{ FAL_KEY: "sécret-key" }, "FAL_KEY"]] as [Record<string, string>, string][]) {
      const result = await falgenRun(["--prompt", "x", "--queue-url", sim.url], env);
      expectRefused(result, new RegExp(`^falgen run: ${variable}: character \\d+ is not printable ASCII\n$`));
      expect(result.stderr).not.toMatch(/ret-key/);
    }
    expect(submits()).toBe(before);
  });

  test("blank credentials: which variable, in the CLI's words (no library API, no repeated hint)", async () => {
    const before = submits();
    const cases: [Record<string, string>, string][] = [
      [{ FAL_KEY: "  \n" }, "FAL_KEY holds only whitespace: set it to your fal key (or unset it and set FAL_KEY_ID and FAL_KEY_SECRET)"],
      [{ FAL_KEY: " ", FAL_KEY_ID: "id", FAL_KEY_SECRET: "secret" }, "FAL_KEY holds only whitespace: set it to your fal key (or unset it and set FAL_KEY_ID and FAL_KEY_SECRET)"],
      [{ FAL_KEY_ID: "id", FAL_KEY_SECRET: "  " }, "FAL_KEY_SECRET is only whitespace: set both FAL_KEY_ID and FAL_KEY_SECRET (or FAL_KEY)"],
      [{ FAL_KEY_ID: "id" }, "FAL_KEY_SECRET is not set: set both FAL_KEY_ID and FAL_KEY_SECRET (or FAL_KEY)"],
    ];
    for (const [env, message] of cases) expectRefused(await falgenRun(["--prompt", "x", "--queue-url", sim.url], env), new RegExp(`^falgen run: ${message.replace(/[()]/g, "\\$&")}\n$`));
    expect(submits()).toBe(before);
  });

  test("a flag that takes one value, given twice: refused naming it, not the last kept", async () => {
    const before = submits();
    const cases: [string[], string][] = [
      [["--out", "a", "--out", "b"], '--out was given 2 times ("a", "b"); it takes one value'],
      [["--queue-url", sim.url], `--queue-url was given 2 times ("${sim.url}", "${sim.url}"); it takes one value`],
      [["--num_images", "2", "--num_images", "3"], '--num_images was given 2 times ("2", "3"); it takes one value'],
      [["--num_images", "2", "--num-images", "3"], '--num_images was given 2 times ("2", "3"); it takes one value'],
      [["--enable_safety_checker", "--no-enable_safety_checker"], "--enable_safety_checker was given 2 times (true, false); it takes one value"],
    ];
    for (const [flags, message] of cases) expectRefused(await falgenRun(["--prompt", "x", "--queue-url", sim.url, ...flags]), new RegExp(`^falgen run: ${message.replace(/[()]/g, "\\$&")}\n$`));
    // A list takes the flag again, one item each (this queue holds requests: queued is enough).
    const loras = await falgenRun(["--prompt", "x", "--queue-url", sim.url, "--loras", '{"path": "a"}', "--loras", '{"path": "b"}', "--no-download", "--timeout", "300"]);
    expect(loras.stderr).toMatch(/request \S+ queued/);
    expect(submits()).toBe(before + 1);
  });

  test("an input the spec refuses never reads as submitted", async () => {
    const result = await falgenRun(["--queue-url", sim.url, "--num_images", "99"]);
    expectRefused(result, /^falgen run: the input does not fit fal-ai\/qwen-image; nothing was sent:\n {2}prompt: Field required \(--prompt\)/);
  });
});

describe("a flag without its value, a negative number as a value", () => {
  test("--prompt with no value, or followed by another option: one line each", async () => {
    expectRefused(await falgenRun(["--queue-url", sim.url, "--prompt"]), /^falgen run: option --prompt needs a value \(falgen run fal-ai\/qwen-image --help lists its fields\)\n$/);
    expectRefused(
      await falgenRun(["--prompt", "--num_images", "2", "--queue-url", sim.url]),
      /^falgen run: option --prompt needs a value, but is followed by the option "--num_images"; a value that starts with "-" is written --prompt=-value \(falgen run fal-ai\/qwen-image --help lists its fields\)\n$/,
    );
  });

  test("--seed -5 is the value -5, as --seed=-5 is", async () => {
    const result = await falgenRun(["--prompt", "negative seed", "--seed", "-5", "--queue-url", sim.url, "--no-download", "--timeout", "300"]);
    expect(result.stderr).toMatch(/request \S+ queued/);
    const sent = Object.keys(sim.stats().submittedBodies).map((body) => JSON.parse(body)).find((body) => body.prompt === "negative seed");
    expect(sent).toEqual({ prompt: "negative seed", seed: -5 });
  });
});

describe("--timeout", () => {
  test("gives up after the time given: exit 1, the request not cancelled and its id printed", async () => {
    const started = Date.now();
    const result = await falgenRun(["--prompt", "x", "--queue-url", sim.url, "--no-download", "--timeout", "700"]);
    expect(result.code).toBe(1);
    const requestId = /request (\S+) queued/.exec(result.stderr)![1]!;
    expect(result.stderr).toContain(`falgen run: gave up after --timeout 700 ms; request ${requestId} is not cancelled and may still run on fal (falgen run fal-ai/qwen-image --result ${requestId} --queue-url ${sim.url} waits again)`);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(result.stdout).toBe("");
  });

  test("is in falgen run --help", async () => {
    const result = await falgen(["run", "--help"]);
    expect(result.stdout).toMatch(/--timeout MS\s+give up after MS milliseconds/);
  });
});
