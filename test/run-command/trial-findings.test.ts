import { spawn } from "node:child_process";
import { once } from "node:events";
import { closeSync, openSync } from "node:fs";
import { readdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startSimulator, type RunningSimulator } from "../../generator/simulator/start-simulator.js";
import { falgen, type RunResult } from "../helpers/run.js";
import { REPO_ROOT, tempDir } from "../helpers/temp-dir.js";
import { json, serve, type TestServer } from "../runtime/serve.js";
import { runSpecsDir } from "./run-specs.js";

/**
 * What a new user's trial of `falgen run` found: a document fetched from fal.ai while the queue was
 * the simulator, a crash when stdout cannot be written, file URLs fal cannot fetch sent anyway,
 * flags ignored beside --result, hints to repeat what cannot pass, downloads without a limit,
 * `--input -`, and repeated keys in --input.
 */

const KEY = "trial-id:trial-secret-0123456789";
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
let sim: RunningSimulator;
let specsDir: string;

beforeAll(async () => {
  specsDir = await runSpecsDir();
  sim = await startSimulator({ specsDir, apiKeys: [KEY], queueMs: 0, runMs: 0, watch: false });
});
afterAll(() => sim?.close());

/** A run in a fresh folder; `specs` there a link to the test's specs unless `withSpecs` is false. */
async function falgenRun(args: string[], { withSpecs = true } = {}): Promise<RunResult> {
  const cwd = await tempDir("trial-cwd");
  if (withSpecs) await symlink(specsDir, path.join(cwd, "specs"));
  return falgen(["run", ...args], cwd, { FAL_KEY: KEY, FAL_KEY_ID: undefined, FAL_KEY_SECRET: undefined });
}

/** The `falgen` process (bin/falgen.js), its stdio as given; resolves to its exit code and stderr. */
async function falgenProcess(args: string[], stdio: { stdin?: string; stdout?: number | "pipe"; stderr?: number | "pipe" } = {}): Promise<{ code: number; stderr: string; stdout: string; child: ReturnType<typeof spawn> }> {
  const { FAL_KEY: _, ...env } = process.env;
  const child = spawn(process.execPath, [path.join(REPO_ROOT, "bin/falgen.js"), "run", ...args], { env: { ...env, FAL_KEY: KEY }, stdio: ["pipe", stdio.stdout ?? "pipe", stdio.stderr ?? "pipe"] });
  let stderr = "";
  let stdout = "";
  child.stderr?.on("data", (chunk) => (stderr += chunk));
  child.stdout?.on("data", (chunk) => (stdout += chunk));
  child.stdin!.end(stdio.stdin ?? "");
  const [code] = (await once(child, "exit")) as [number];
  return { code, stderr, stdout, child };
}

describe("the endpoint's document comes from where the queue is", () => {
  test("with --queue-url at the simulator and no local spec, its document route is asked, never fal.ai", async () => {
    const documents = sim.stats().routes.document ?? 0;
    const ok = await falgenRun(["fal-ai/qwen-image", "--prompt", "a fox", "--queue-url", sim.url, "--no-download"], { withSpecs: false });
    expect(ok.stderr).toContain("completed");
    expect(ok.code).toBe(0);
    expect(sim.stats().routes.document).toBe(documents + 1);

    const unknown = await falgenRun(["fal-ai/nope", "--prompt", "x", "--queue-url", sim.url], { withSpecs: false });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(`no spec for fal-ai/nope: ${sim.url}/api/openapi/queue/openapi.json?endpoint_id=fal-ai%2Fnope`);
    expect(unknown.stderr).toContain("--spec FILE|URL");
    expect(unknown.stderr).not.toContain("fal.ai");
  });

  test("--from names where documents are served, and the --result hint repeats it", async () => {
    const other = await startSimulator({ specsDir, apiKeys: [KEY], queueMs: 0, runMs: 0, watch: false });
    try {
      const result = await falgenRun(["fal-ai/qwen-image", "--prompt", "a fox", "--from", other.url, "--queue-url", sim.url, "--no-download"], { withSpecs: false });
      expect(result.code).toBe(0);
      expect(other.stats().routes.document).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`--result \\S+ --from ${other.url} --queue-url ${sim.url}`));
      const bad = await falgenRun(["fal-ai/qwen-image", "--prompt", "a fox", "--from", "ftp://example", "--queue-url", sim.url], { withSpecs: false });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--from "ftp://example": not an http(s) URL');
    } finally {
      await other.close();
    }
  });
});

describe("stdout or stderr that cannot be written", () => {
  test("stdout on a full device: one line, the --result line, the files still saved (no stack trace)", async () => {
    const out = path.join(await tempDir("trial-full"), "p2");
    const full = openSync("/dev/full", "w");
    try {
      const result = await falgenProcess(["fal-ai/qwen-image", "--prompt", "x", "--specs", specsDir, "--queue-url", sim.url, "--out", out], { stdout: full });
      expect(result.stderr).not.toMatch(/node:events|Unhandled|\n\s+at /);
      expect(result.stderr).toContain("falgen run: could not print the output on stdout (ENOSPC); its files were saved");
      expect(result.stderr).toMatch(/request \S+; to print its output again: falgen run fal-ai\/qwen-image --result \S+ --specs/);
      expect(result.code).toBe(1);
      expect(await readdir(out)).toEqual(["images-0.png"]);
    } finally {
      closeSync(full);
    }
  });

  test("any command's stdout on a full device (console.log's path): exit 1 and one line, no stack trace", async () => {
    const full = openSync("/dev/full", "w");
    try {
      const child = spawn(process.execPath, [path.join(REPO_ROOT, "bin/falgen.js"), "--version"], { stdio: ["ignore", full, "pipe"] });
      let stderr = "";
      child.stderr!.on("data", (chunk) => (stderr += chunk));
      const [code] = await once(child, "exit");
      expect(stderr).toBe("falgen: could not write its output to stdout (ENOSPC)\n");
      expect(code).toBe(1);
    } finally {
      closeSync(full);
    }
  });

  test("stdout whose reader left (EPIPE) and stderr on a full device: no crash", async () => {
    const out = path.join(await tempDir("trial-pipe"), "p3");
    const { FAL_KEY: _, ...env } = process.env;
    const child = spawn(process.execPath, [path.join(REPO_ROOT, "bin/falgen.js"), "run", "fal-ai/qwen-image", "--prompt", "x", "--specs", specsDir, "--queue-url", sim.url, "--out", out], { env: { ...env, FAL_KEY: KEY } });
    // The reader leaves before anything is written, as `| head -c0` would.
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const [code] = await once(child, "exit");
    expect(stderr).not.toMatch(/node:events|Unhandled|\n\s+at /);
    expect(stderr).toContain("could not print the output on stdout (EPIPE: its reader closed it)");
    expect(code).toBe(1);
    expect(await readdir(out)).toEqual(["images-0.png"]);

    const quiet = path.join(await tempDir("trial-stderr"), "p4");
    const full = openSync("/dev/full", "w");
    try {
      const result = await falgenProcess(["fal-ai/qwen-image", "--prompt", "x", "--specs", specsDir, "--queue-url", sim.url, "--out", quiet], { stderr: full });
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toHaveProperty("images");
      expect(await readdir(quiet)).toEqual(["images-0.png"]);
    } finally {
      closeSync(full);
    }
  });
});

describe("file URLs fal cannot fetch", () => {
  test("a file: URL is the local file, uploaded; ftp: and other schemes are refused before anything is sent, from flags and --input alike", async () => {
    const dir = await tempDir("trial-file-url");
    const image = path.join(dir, "photo.png");
    // Past the runtime's data-URI threshold: uploaded to storage.
    await writeFile(image, Buffer.concat([PNG, Buffer.alloc(70_000, 1)]));
    const { upload = 0 } = sim.stats().routes;
    const submitted = Object.keys(sim.stats().submittedBodies).length;
    const uploaded = await falgenRun(["fal-ai/ideogram/v3/edit", "--prompt", "edit", "--image_url", pathToFileURL(image).href, "--mask_url", image, "--queue-url", sim.url, "--no-download"]);
    expect(uploaded.stderr).toContain("completed");
    expect(uploaded.code).toBe(0);
    expect(sim.stats().routes.upload).toBe(upload + 2);
    const bodies = Object.keys(sim.stats().submittedBodies).map((body) => JSON.parse(body) as Record<string, unknown>);
    expect(bodies).toHaveLength(submitted + 1);
    expect(bodies.some((body) => body.prompt === "edit" && String(body.image_url).startsWith(sim.url))).toBe(true);

    const before = sim.stats().routes.submit;
    const ftp = await falgenRun(["fal-ai/ideogram/v3/edit", "--prompt", "x", "--image_url", "ftp://example.com/a.png", "--mask_url", image, "--queue-url", sim.url]);
    expect(ftp.code).toBe(2);
    expect(ftp.stderr).toContain('--image_url: "ftp://example.com/a.png" is a ftp: URL, which fal cannot fetch');
    const missing = await falgenRun(["fal-ai/ideogram/v3/edit", "--prompt", "x", "--image_url", "file:///nonexistent/passwd.png", "--mask_url", image, "--queue-url", sim.url]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--image_url: "/nonexistent/passwd.png" is neither a URL nor a file');
    const input = path.join(dir, "input.json");
    await writeFile(input, JSON.stringify({ prompt: "x", image_url: "https://example.com/a.png", mask_url: "s3://bucket/mask.png" }));
    const fromInput = await falgenRun(["fal-ai/ideogram/v3/edit", "--input", input, "--queue-url", sim.url]);
    expect(fromInput.code).toBe(2);
    expect(fromInput.stderr).toContain(`--input ${input}: mask_url: "s3://bucket/mask.png" is a s3: URL`);
    const list = await falgenRun(["fal-ai/ideogram/v3/edit", "--prompt", "x", "--image_url", image, "--mask_url", image, "--image_urls", '["gopher://x/1"]', "--queue-url", sim.url]);
    expect(list.code).toBe(2);
    expect(list.stderr).toContain('--image_urls[0]: "gopher://x/1" is a gopher: URL');
    expect(sim.stats().routes.submit).toBe(before);
  });
});

describe("--result", () => {
  test("refuses input flags beside it, saying they would be ignored; nothing is asked", async () => {
    const calls = sim.stats().routes.status ?? 0;
    const result = await falgenRun(["fal-ai/qwen-image", "--result", "some-id", "--prompt", "y", "--input", "in.json", "--queue-url", sim.url]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--result fetches a request submitted earlier, with the input it was sent with; --prompt, --input would be ignored");
    expect(sim.stats().routes.status ?? 0).toBe(calls);
  });

  test("after a 404 or a cancelled request, no hint to try the same again; after a 5xx, the hint", async () => {
    const missing = await falgenRun(["fal-ai/qwen-image", "--result", "nonexistent-id", "--queue-url", sim.url, "--no-download"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("nonexistent-id");
    expect(missing.stderr).not.toContain("try its output again");

    let server: TestServer | undefined;
    server = await serve(() => json({ detail: "down" }, { status: 503 }));
    const down = await falgenRun(["fal-ai/qwen-image", "--result", "req-1", "--queue-url", server.url, "--no-download", "--timeout", "3000"]);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/try its output again: falgen run fal-ai\/qwen-image --result req-1 --queue-url|gave up after --timeout/);
    server = await serve(() => json({ detail: "Request cancelled" }, { status: 499 }));
    const cancelled = await falgenRun(["fal-ai/qwen-image", "--result", "req-2", "--queue-url", server.url, "--no-download"]);
    expect(cancelled.code).toBe(1);
    expect(cancelled.stderr).toContain("req-2");
    expect(cancelled.stderr).not.toContain("try its output again");
  });
});

describe("download size limit", () => {
  /** A queue whose one output file never ends (no content-length), or declares `length` bytes. */
  async function endlessFileQueue(length?: number): Promise<TestServer> {
    const server: TestServer = await serve((request) => {
      const { pathname } = new URL(request.url);
      const base = `${server.url}/fal-ai/qwen-image/requests/r1`;
      if (request.method === "POST") return json({ status: "IN_QUEUE", request_id: "r1", status_url: `${base}/status`, response_url: base, cancel_url: `${base}/cancel` });
      if (pathname.endsWith("/status")) return json({ status: "COMPLETED", request_id: "r1" });
      if (pathname === "/fal-ai/qwen-image/requests/r1") return json({ images: [{ url: `${server.url}/big.png`, width: 1, height: 1, content_type: "image/png" }], timings: {}, seed: 1, has_nsfw_concepts: [false], prompt: "p" });
      if (length !== undefined) return new Response(Buffer.concat([PNG, Buffer.alloc(length - PNG.length)]), { headers: { "content-type": "image/png", "content-length": String(length) } });
      let sent = 0;
      const body = new ReadableStream({
        // A pause per chunk: the test server writes without waiting on the socket, and a body that
        // never waits would keep this process's event loop from ever reading the client's close.
        async pull(controller) {
          await new Promise((resolve) => setTimeout(resolve, 1));
          controller.enqueue(sent++ === 0 ? PNG : new Uint8Array(64 * 1024));
        },
      });
      return new Response(body, { headers: { "content-type": "image/png" } });
    });
    return server;
  }

  test("an endless file stops at --max-download-bytes: an error naming the field and the limit, no file left", async () => {
    const server = await endlessFileQueue();
    const out = await tempDir("trial-endless");
    const result = await falgenRun(["fal-ai/qwen-image", "--prompt", "x", "--queue-url", server.url, "--out", out, "--max-download-bytes", "1M"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`falgen run: images-0: ${server.url}/big.png is more than 1048576 bytes, over --max-download-bytes 1048576; falgen did not save it`);
    expect(result.stderr).toContain("request r1; to try its output again");
    expect(await readdir(out)).toEqual([]);

    const declared = await endlessFileQueue(2 * 1024 * 1024);
    const told = await falgenRun(["fal-ai/qwen-image", "--prompt", "x", "--queue-url", declared.url, "--out", out, "--max-download-bytes", "1MiB"]);
    expect(told.code).toBe(1);
    expect(told.stderr).toContain("is 2097152 bytes by its content-length, over --max-download-bytes 1048576");
    expect(await readdir(out)).toEqual([]);
    const fits = await falgenRun(["fal-ai/qwen-image", "--prompt", "x", "--queue-url", declared.url, "--out", out, "--max-download-bytes", "2M"]);
    expect(fits.code).toBe(0);
    expect(await readdir(out)).toEqual(["images-0.png"]);

    const bad = await falgenRun(["fal-ai/qwen-image", "--prompt", "x", "--queue-url", server.url, "--max-download-bytes", "lots"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--max-download-bytes must be a number of bytes above 0, e.g. 500M or 2G (K, M, G: KiB, MiB, GiB), got "lots"');
  });
});

describe("--input", () => {
  test("- reads the input from stdin", async () => {
    const result = await falgenProcess(["fal-ai/qwen-image", "--input", "-", "--specs", specsDir, "--queue-url", sim.url, "--no-download"], { stdin: JSON.stringify({ prompt: "from stdin", num_images: 1 }) });
    expect(result.stderr).toContain("completed");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).prompt).toBe("from stdin");
    const bad = await falgenProcess(["fal-ai/qwen-image", "--input", "-", "--specs", specsDir, "--queue-url", sim.url], { stdin: "{\"prompt\": " });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--input: (stdin):1:12: not JSON");
  });

  test("a key given twice is refused, saying which and where", async () => {
    const dir = await tempDir("trial-dup");
    const input = path.join(dir, "input.json");
    await writeFile(input, '{\n  "prompt": "one",\n  "image_size": {"width": 64, "width": 32},\n  "prompt": "two"\n}');
    const submits = sim.stats().routes.submit;
    const result = await falgenRun(["fal-ai/qwen-image", "--input", input, "--queue-url", sim.url]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--input: ${input}:3:31: "width" is given twice in the object at /image_size; keep one`);
    expect(sim.stats().routes.submit).toBe(submits);
  });
});
