import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdir, readdir, readFile, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startSimulator, type RunningSimulator } from "../../generator/simulator/start-simulator.js";
import { falgen, type RunResult } from "../helpers/run.js";
import { serve } from "../runtime/serve.js";
import { REPO_ROOT, tempDir } from "../helpers/temp-dir.js";
import { runSpecsDir } from "./run-specs.js";

/**
 * `falgen run` as a script meets it: stdout not a terminal, against the simulator. In-process
 * (test/helpers/run.ts), but for Ctrl-C, which needs a process of its own.
 */

const KEY = "run-key-id:run-key-secret-0123456789";
/** Requests complete as they are submitted: for the runs whose progress lines a test does not read. */
let sim: RunningSimulator;
/**
 * Phases long enough for the command's 500 ms polls to meet a request in the queue, then in
 * progress with logs: the one test that reads the progress lines.
 */
let paced: RunningSimulator;

let specsDir: string;

beforeAll(async () => {
  specsDir = await runSpecsDir();
  [sim, paced] = await Promise.all([
    startSimulator({ specsDir, apiKeys: [KEY], queueMs: 0, runMs: 0, watch: false }),
    startSimulator({ specsDir, apiKeys: [KEY], queueMs: 600, runMs: 1_200, watch: false }),
  ]);
});
afterAll(() => Promise.all([sim?.close(), paced?.close()]));

/**
 * Runs in a fresh folder of its own (its `specs` a link to `specsDir`), so a run that saves files
 * where it should not (the default --out is the working directory) never litters the repo.
 */
async function falgenRun(args: string[], env: Record<string, string> = { FAL_KEY: KEY }): Promise<RunResult> {
  const cwd = await tempDir("run-cwd");
  await symlink(specsDir, path.join(cwd, "specs"));
  return falgen(["run", ...args], cwd, { FAL_KEY: undefined, FAL_KEY_ID: undefined, FAL_KEY_SECRET: undefined, ...env });
}
const submits = () => sim.stats().routes.submit;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];

describe("falgen run, not on a terminal", () => {
  test("submits, prints stable progress lines and the output JSON, saves every output file", async () => {
    const out = await tempDir("run-out");
    const result = await falgenRun(["fal-ai/qwen-image", "--prompt", "a red fox", "--image-size", '{"width": 64, "height": 48}', "--num_images", "2", "--no-enable_safety_checker", "--queue-url", paced.url, "--out", out]);
    expect(result.stderr).toBe(result.stderr.replace(/\u001b\[/g, "")); // no terminal escapes
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout) as { images: { url: string; width: number }[]; prompt: string };
    expect(output.images).toHaveLength(2);
    expect(output.images[0]!.width).toBe(64);
    const requestId = /request (\S+) queued/.exec(result.stderr)![1]!;
    const lines = result.stderr.trim().split("\n").map((line) => line.replaceAll(requestId, "<id>"));
    expect(lines[0]).toBe("submitting");
    expect(lines[1]).toBe(`request <id> queued; to fetch its output later: falgen run fal-ai/qwen-image --result <id> --queue-url ${paced.url}`);
    expect(lines).toContain("in progress");
    expect(lines.some((line) => /^in queue, position \d+$/.test(line))).toBe(true);
    expect(lines.some((line) => line.startsWith("log INFO: "))).toBe(true);
    expect(lines.slice(-3)).toEqual(["completed", `saved ${path.join(out, "images-0.png")}`, `saved ${path.join(out, "images-1.png")}`]);
    for (const name of ["images-0.png", "images-1.png"]) expect([...(await readFile(path.join(out, name))).subarray(0, 4)]).toEqual(PNG_SIGNATURE);
    // What was sent: the flags, typed by the spec.
    const sent = Object.keys(paced.stats().submittedBodies).map((body) => JSON.parse(body)).find((body) => body.prompt === "a red fox");
    expect(sent).toEqual({ prompt: "a red fox", image_size: { width: 64, height: 48 }, num_images: 2, enable_safety_checker: false });

    // The same run again never overwrites what the first saved.
    const again = await falgenRun(["fal-ai/qwen-image", "--prompt", "a red fox", "--image_size", '{"width": 64, "height": 48}', "--queue-url", sim.url, "--out", out]);
    expect(again.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(["images-0-1.png", "images-0.png", "images-1.png"]);
  });

  test("--result fetches a request submitted earlier; --input supplies fields that flags override", async () => {
    const dir = await tempDir("run-input");
    await writeFile(path.join(dir, "input.json"), JSON.stringify({ prompt: "from the file", num_images: 1, image_size: { width: 32, height: 32 } }));
    const first = await falgenRun(["fal-ai/qwen-image", "--input", path.join(dir, "input.json"), "--prompt", "from the flag", "--queue-url", sim.url, "--no-download"]);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout).prompt).toBe("from the flag");
    const requestId = /request (\S+) queued/.exec(first.stderr)![1]!;
    const before = submits();
    const later = await falgenRun(["fal-ai/qwen-image", "--result", requestId, "--queue-url", sim.url, "--out", path.join(dir, "files")]);
    expect(later.code).toBe(0);
    expect(JSON.parse(later.stdout)).toEqual(JSON.parse(first.stdout));
    expect(submits()).toBe(before);
    expect(await readdir(path.join(dir, "files"))).toEqual(["images-0.png"]);
  });

  test("Ctrl-C while waiting with --result stops waiting and leaves the earlier request running", async () => {
    // A queue slow enough that the request is still waiting whenever the command starts.
    const slow = await startSimulator({ specsDir, apiKeys: [KEY], queueMs: 60_000, watch: false });
    const submitted = await fetch(`${slow.url}/fal-ai/qwen-image`, { method: "POST", headers: { authorization: `Key ${KEY}`, "content-type": "application/json" }, body: JSON.stringify({ prompt: "keep me" }) });
    const { request_id: requestId } = (await submitted.json()) as { request_id: string };
    const { FAL_KEY: _, ...env } = process.env;
    const child = spawn(process.execPath, [path.join(REPO_ROOT, "bin/falgen.js"), "run", "fal-ai/qwen-image", "--specs", specsDir, "--result", requestId, "--queue-url", slow.url, "--no-download"], { env: { ...env, FAL_KEY: KEY } });
    let stderr = "";
    let interrupted = false;
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
      // One Ctrl-C: a second, once the command has stopped listening for it, would kill it.
      if (!interrupted && /in queue|in progress/.test(stderr)) interrupted = child.kill("SIGINT");
    });
    const [code] = await once(child, "exit");
    expect(stderr).toContain(`falgen run: stopped waiting; request ${requestId} is not cancelled (falgen run fal-ai/qwen-image --result ${requestId} --specs ${specsDir} --queue-url ${slow.url} waits again)`);
    expect(code).toBe(130);
    expect(slow.stats().routes.cancel).toBe(0);
    await slow.close();
  });

  test("SIGTERM while waiting quits at once, naming the request it leaves running", async () => {
    const slow = await startSimulator({ specsDir, apiKeys: [KEY], queueMs: 60_000, watch: false });
    const { FAL_KEY: _, ...env } = process.env;
    const child = spawn(process.execPath, [path.join(REPO_ROOT, "bin/falgen.js"), "run", "fal-ai/qwen-image", "--specs", specsDir, "--prompt", "a fox", "--queue-url", slow.url, "--no-download"], { env: { ...env, FAL_KEY: KEY } });
    let stderr = "";
    let terminated = false;
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
      if (!terminated && /in queue/.test(stderr)) terminated = child.kill("SIGTERM");
    });
    const [code] = await once(child, "exit");
    const requestId = /request (\S+) queued/.exec(stderr)![1]!;
    expect(stderr.endsWith(`falgen run: quit; request ${requestId} is not cancelled and may still run on fal (falgen run fal-ai/qwen-image --result ${requestId} --specs ${specsDir} --queue-url ${slow.url} waits again)\n`)).toBe(true);
    expect(code).toBe(143);
    expect(slow.stats().routes.cancel).toBe(0);
    await slow.close();
  });

  test("the --result hint repeats the options that locate the request, shell-quoted, and pasted fetches it", async () => {
    const dir = await tempDir("run-hint");
    const odd = path.join(dir, "it's my specs");
    await symlink(specsDir, odd);
    const first = await falgenRun(["fal-ai/qwen-image", "--prompt", "hint", "--specs", odd, "--queue-url", sim.url, "--storage-url", `${sim.url}/_rest`, "--no-download"]);
    expect(first.code).toBe(0);
    const hint = /to fetch its output later: (.*)\n/.exec(first.stderr)![1]!;
    expect(hint).toContain(` --specs '${odd.replace("'", "'\\''")}' --queue-url ${sim.url} --storage-url ${sim.url}/_rest`);
    expect(hint).not.toContain(KEY);
    // The shell's words of the hint, run as they are: the same output, from the simulator.
    const words = execFileSync("sh", ["-c", `for word in ${hint}; do printf '%s\\0' "$word"; done`], { encoding: "utf8" }).split("\0").slice(0, -1);
    expect(words.slice(0, 2)).toEqual(["falgen", "run"]);
    expect(words).toContain(odd);
    const again = await falgenRun([...words.slice(2), "--no-download"]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual(JSON.parse(first.stdout));
  });

  test("a local file for a *_url field is uploaded to storage", async () => {
    const dir = await tempDir("run-upload");
    const image = path.join(dir, "photo.png");
    await writeFile(image, Buffer.from([...PNG_SIGNATURE, ...new Array(70_000).fill(1)]));
    const uploads = sim.stats().routes.upload;
    const result = await falgenRun(["fal-ai/ideogram/v3/edit", "--prompt", "edit it", "--image_url", image, "--mask_url", image, "--queue-url", sim.url, "--no-download"]);
    expect(result.stderr).toContain("completed");
    expect(result.code).toBe(0);
    expect(sim.stats().routes.upload).toBe(uploads + 2);
    const missing = await falgenRun(["fal-ai/ideogram/v3/edit", "--prompt", "x", "--image_url", path.join(dir, "nope.png"), "--mask_url", image, "--queue-url", sim.url]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`--image_url: ${JSON.stringify(path.join(dir, "nope.png"))} is neither a URL nor a file`);
  });

  test("a local file is judged by its first bytes: a page or an empty file for an image field is refused, nothing sent; a JPEG named .png is sent as image/jpeg", async () => {
    const dir = await tempDir("run-upload-content");
    const [page, empty, jpeg, png] = ["page.png", "empty.png", "jpeg.png", "real.png"].map((name) => path.join(dir, name)) as [string, string, string, string];
    await writeFile(page, "<!doctype html><title>Sign in</title>");
    await writeFile(empty, "");
    await writeFile(jpeg, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, ...new Array(70_000).fill(0)]));
    await writeFile(png, Buffer.from([...PNG_SIGNATURE, ...new Array(70_000).fill(1)]));
    const { upload = 0, submit = 0 } = sim.stats().routes;
    const edit = (image: string, mask: string, ...more: string[]) => falgenRun(["fal-ai/ideogram/v3/edit", "--prompt", "edit it", "--image_url", image, "--mask_url", mask, "--queue-url", sim.url, "--no-download", ...more]);
    const refused = await edit(page, png);
    expect(refused.stderr).toContain(`falgen run: --image_url: ${page} is text/html (by its first bytes), not the image image_url takes; nothing was sent`);
    expect(refused.code).toBe(2);
    const emptyMask = await edit(png, empty);
    expect(emptyMask.stderr).toContain(`falgen run: --mask_url: ${empty} is empty, not the image mask_url takes; nothing was sent`);
    expect(emptyMask.code).toBe(2);
    expect([sim.stats().routes.upload ?? 0, sim.stats().routes.submit ?? 0]).toEqual([upload, submit]);

    // Storage that records each upload's declared type on its way to the simulator's.
    const declared: string[] = [];
    const storage = await serve(async (request) => {
      const body = await request.text();
      declared.push((JSON.parse(body) as { content_type: string }).content_type);
      const url = new URL(request.url);
      return fetch(`${sim.storageUrl}${url.pathname}${url.search}`, { method: request.method, headers: { authorization: request.headers.get("authorization")!, "content-type": "application/json" }, body });
    });
    const sent = await edit(jpeg, png, "--storage-url", storage.url);
    expect(sent.code).toBe(0);
    expect(declared.sort()).toEqual(["image/jpeg", "image/png"]);
  });

  test("a file storage refuses (413 over --max-upload-bytes) fails the run naming its field; nothing is queued", async () => {
    const small = await startSimulator({ specsDir, apiKeys: [KEY], queueMs: 0, runMs: 0, watch: false, maxUploadBytes: 80_000 });
    const dir = await tempDir("run-upload-refused");
    const fits = path.join(dir, "fits.png");
    const big = path.join(dir, "big.png");
    await writeFile(fits, Buffer.from([...PNG_SIGNATURE, ...new Array(70_000).fill(1)]));
    await writeFile(big, Buffer.from([...PNG_SIGNATURE, ...new Array(90_000).fill(1)]));
    const result = await falgenRun(["fal-ai/ideogram/v3/edit", "--prompt", "edit it", "--image_url", fits, "--mask_url", big, "--queue-url", small.url, "--no-download"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Uploading the file of input field mask_url failed: fal API error 413: Request Entity Too Large: the upload is over 80000 bytes/);
    expect(small.stats().routes.submit ?? 0).toBe(0);
    await small.close();
  });

  test("--help after the endpoint id lists its fields with types, defaults and allowed values", async () => {
    const help = await falgenRun(["fal-ai/qwen-image", "--help"], {});
    expect(help.code).toBe(0);
    // Descriptions wrap under their column: joined back, one field a line.
    const result = { stdout: help.stdout.replace(/\n {6,}/g, " ") };
    expect(result.stdout).toMatch(/--prompt <string>\s+The prompt to generate the image with \(required\)/);
    expect(result.stdout).toMatch(/--num_images <integer>\s+The number of images to generate\. \(default 1\)/);
    expect(result.stdout).toMatch(/--output_format <"jpeg" \| "png">\s+.*default "png"; one of "jpeg", "png"/);
    expect(result.stdout).toMatch(/--image_size <ImageSize \| string enum>.*one of "square_hd", "square",.*an object as JSON/);
    expect(result.stdout).toMatch(/--enable_safety_checker, --no-enable_safety_checker\s+/);
    expect(result.stdout).toMatch(/--loras <list<LoraWeight>>.*repeat the flag for each item, or give a JSON array/);
  });

  test("bad input is refused before anything is sent, saying which flag and why", async () => {
    const before = submits();
    const cases: [string[], RegExp][] = [
      [["--num_images", "many"], /--num_images takes a decimal number, got "many"/],
      [["--image_size", "{oops"], /--image_size is not valid JSON/],
      [["--colour", "red"], /^falgen run: unknown option --colour \(falgen run fal-ai\/qwen-image --help lists its fields\)\n$/],
      [["--loras", '{"path": "a"}', "--loras", '{"path": "b"}', "--loras", '{"path": "c"}', "--loras", '{"scale": 1}'],
        /the input does not fit fal-ai\/qwen-image; nothing was sent:\n {2}loras\.3\.path: Field required \(--loras\)\n {2}loras: List should have at most 3 items after validation, not 4 \(--loras\)/],
      [["--output_format", "gif"], /output_format: Input should be 'jpeg' or 'png' \(--output_format\)/],
      [["--input", "/nonexistent/input.json"], /--input: cannot read \/nonexistent\/input.json \(ENOENT\)/],
    ];
    const results = await Promise.all(cases.map(([flags]) => falgenRun(["fal-ai/qwen-image", "--prompt", "x", ...flags, "--queue-url", sim.url])));
    for (const [index, result] of results.entries()) {
      expect(result.stderr).toMatch(cases[index]![1]);
      expect(result.code).toBe(2);
      expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
    const missing = await falgenRun(["fal-ai/qwen-image", "--queue-url", sim.url]);
    expect(missing.stderr).toContain("prompt: Field required (--prompt)");
    expect(missing.code).toBe(2);
    expect(submits()).toBe(before);
  });

  test("no credentials, a wrong key, an unknown endpoint: clear errors, never the key", async () => {
    const none = await falgenRun(["fal-ai/qwen-image", "--prompt", "x", "--queue-url", sim.url], {});
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("no credentials: set FAL_KEY");
    const wrong = await falgenRun(["fal-ai/qwen-image", "--prompt", "x", "--queue-url", sim.url], { FAL_KEY: "wrong-id:wrong-secret-value" });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/falgen run: fal API error 401/);
    expect(wrong.stderr).not.toContain("wrong-secret-value");
    const dir = await tempDir("run-nospec");
    await mkdir(path.join(dir, "specs"));
    const unknown = await falgenRun(["acme/unknown", "--specs", path.join(dir, "specs"), "--spec", path.join(dir, "acme.json"), "--queue-url", sim.url]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/falgen run: no spec for acme\/unknown: .*acme\.json: cannot read the document \(no such file or folder\)/);
    // Refused before any lookup, fal's document included.
    const malformed = await falgenRun(["qwen-image", "--prompt", "x"]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toBe('falgen run: endpoint id "qwen-image" must have the form owner/app[/path]\n');
  });
});
