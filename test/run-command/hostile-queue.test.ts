import { spawn } from "node:child_process";
import { once } from "node:events";
import { readdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { json, serve, type TestServer } from "../runtime/serve.js";
import { falgen, type RunResult } from "../helpers/run.js";
import { REPO_ROOT, tempDir } from "../helpers/temp-dir.js";

/**
 * `falgen run` against a fal queue that misbehaves (a real server on loopback): it echoes the key
 * into logs, the output and its files, answers an output that no longer fits the spec, or stalls
 * the submit. Nothing printed or saved holds the key; every message keeps the request id known.
 */

const KEY = "hostile-id:hostile-secret-0123456789";
const SECRET = "hostile-secret-0123456789";
const ID = "fal-ai/qwen-image";
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);

/** What the result route answers for a request, keyed by the prompt submitted. */
type Scenario = (server: TestServer, requestId: string) => unknown;

const valid = (server: TestServer, file = "clean.png"): Record<string, unknown> => ({
  images: [{ url: `${server.url}/files/${file}`, width: 1, height: 1, content_type: "image/png" }],
  timings: { inference: 0.1 },
  seed: 1,
  has_nsfw_concepts: [false],
  prompt: "p",
});

const SCENARIOS: Record<string, Scenario> = {
  echo: (server) => ({ ...valid(server), prompt: `the key was ${KEY}`, [KEY]: { nested: [`secret ${SECRET}`] } }),
  "key in a file URL": (server) => valid(server, `${KEY}.png`),
  "key in a file": (server) => valid(server, "echo.png"),
  "stalled file": (server) => valid(server, "stall.png"),
  "cut file": (server) => valid(server, "cut.png"),
  "page for an image": (server) => valid(server, "page.png"),
  "jpeg for a png": (server) => valid(server, "jpeg.png"),
  "missing file": (server) => valid(server, "missing.png"),
  "page as a png": (server) => valid(server, "page-as.png"),
  "error body as a png": (server) => valid(server, "json-as.png"),
  "empty file": (server) => valid(server, "empty.png"),
  "page for an unnamed image": (server) => ({ ...valid(server), images: [{ url: `${server.url}/files/page-unnamed`, width: 1, height: 1, file_size: 20 }] }),
  "zip for a png": (server) => valid(server, "zip.png"),
  "bare file objects": (server) => ({ ...valid(server), images: [{ url: `${server.url}/files/clean.png` }] }),
  "jpeg bytes for a png": (server) => valid(server, "jpeg-bytes.png"),
  "refused once queued": () => 422,
  "failed, its result 200": (server) => valid(server),
  "failed, its result 500": () => 500,
  "changed shape": (server) => ({ ...valid(server), images: [{ url: `${server.url}/files/clean.png`, width: "wide", content_type: "image/png" }], seed: "one", has_nsfw_concepts: undefined }),
};

let server: TestServer;
const prompts = new Map<string, string>();

beforeAll(async () => {
  let next = 0;
  server = await serve(async (request) => {
    const url = new URL(request.url);
    const base = `${server.url}/fal-ai/qwen-image/requests`;
    if (url.pathname.startsWith("/files/")) {
      const name = decodeURIComponent(url.pathname.slice("/files/".length));
      if (name === "cut.png") {
        const body = new ReadableStream({ start: (controller) => {
          controller.enqueue(Buffer.concat([PNG, Buffer.alloc(492)]));
          // Once the headers and first bytes are out: the connection drops mid-body.
          setTimeout(() => controller.error(new Error("cut")), 100);
        } });
        return new Response(body, { headers: { "content-type": "image/png", "content-length": "100000" } });
      }
      if (name === "page.png") return new Response("<html>Sign in</html>", { headers: { "content-type": "text/html; charset=utf-8" } });
      if (name === "jpeg.png") return new Response(PNG, { headers: { "content-type": "image/jpeg" } });
      // Bodies that are not the PNG the output names, some labelled as one.
      if (name === "page-as.png") return new Response("<!doctype html><title>Sign in</title>", { headers: { "content-type": "image/png" } });
      if (name === "json-as.png") return new Response('{"detail":"Forbidden"}', { headers: { "content-type": "image/png" } });
      if (name === "empty.png") return new Response(new Uint8Array(0), { headers: { "content-type": "image/png" } });
      if (name === "page-unnamed") return new Response("<html>Sign in</html>", { headers: { "content-type": "text/html" } });
      if (name === "zip.png") return new Response(Buffer.concat([Buffer.from("PK\x03\x04", "latin1"), Buffer.alloc(200)]), { headers: { "content-type": "application/zip" } });
      if (name === "jpeg-bytes.png") return new Response(Buffer.concat([JPEG, Buffer.alloc(200)]), { headers: { "content-type": "image/png" } });
      if (name === "missing.png") return new Response("gone", { status: 404, statusText: "Not Found" });
      if (name === "stall.png") return new Response(new ReadableStream({ start: (controller) => controller.enqueue(PNG) }), { headers: { "content-type": "image/png" } });
      return new Response(name === "echo.png" ? Buffer.concat([PNG, Buffer.from(`...${KEY}...`)]) : PNG, { headers: { "content-type": "image/png" } });
    }
    if (url.pathname.startsWith("/_rest/")) return new Promise<Response>(() => {}); // uploads stall
    if (request.method === "POST") {
      const { prompt } = (await request.json()) as { prompt: string };
      const requestId = `req-${++next}`;
      prompts.set(requestId, prompt);
      const headers = { "x-fal-request-id": requestId };
      if (prompt === "stall") return new Promise<Response>(() => {});
      if (prompt === "stall after headers") return new Response(new ReadableStream({ start: (controller) => controller.enqueue(new TextEncoder().encode("{")) }), { headers });
      const urls = { response_url: `${base}/${requestId}`, status_url: `${base}/${requestId}/status`, cancel_url: `${base}/${requestId}/cancel` };
      return json({ status: "IN_QUEUE", request_id: requestId, queue_position: 0, ...urls }, { headers });
    }
    const [, requestId, rest] = /^\/fal-ai\/qwen-image\/requests\/([^/]+)(\/status)?$/.exec(url.pathname) ?? [];
    if (requestId === undefined) return json({ detail: "Not Found" }, { status: 404 });
    if (rest) {
      const log = { message: `using key ${KEY}`, level: "INFO", source: "user", timestamp: "2026-01-01T00:00:00Z" };
      // A request that failed: its status says so, whatever its result answers.
      const failure = prompts.get(requestId)?.startsWith("failed") ? { error: "Runner crashed", error_type: "runner_error" } : {};
      return json({ status: "COMPLETED", request_id: requestId, logs: [log], response_url: `${base}/${requestId}`, ...failure });
    }
    const answer = SCENARIOS[prompts.get(requestId)!]!(server, requestId);
    // fal's app refused the input after the queue took it: the result is its 422.
    if (answer === 500) return json({ detail: "CUDA out of memory" }, { status: 500, headers: { "x-fal-request-id": requestId } });
    if (answer === 422) return json({ detail: [{ loc: ["body", "prompt"], msg: "String should have at most 3 characters", type: "string_too_long" }, { loc: ["body", "style"], msg: "Field required", type: "missing" }] }, { status: 422, headers: { "x-fal-request-id": requestId } });
    return json(answer, { headers: { "x-fal-request-id": requestId } });
  });
});

async function falgenRun(args: string[], out?: string): Promise<RunResult & { out: string }> {
  const cwd = await tempDir("hostile-run");
  await symlink(path.join(REPO_ROOT, "specs"), path.join(cwd, "specs"));
  const dir = out ?? path.join(cwd, "out");
  const result = await falgen(["run", ...args, "--queue-url", server.url, "--out", dir], cwd, { FAL_KEY: KEY, FAL_KEY_ID: undefined, FAL_KEY_SECRET: undefined });
  return { ...result, out: dir };
}

function expectNoKey(result: RunResult): void {
  for (const text of [result.stdout, result.stderr]) {
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain("hostile-id:");
  }
}

describe("a server that echoes the key", () => {
  test("into logs and the output (strings and property names): printed as [redacted], files saved", async () => {
    const result = await falgenRun([ID, "--prompt", "echo"]);
    expectNoKey(result);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("log INFO: using key [redacted]");
    const output = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(output.prompt).toBe("the key was [redacted]");
    expect(output["[redacted]"]).toEqual({ nested: ["secret [redacted]"] });
    expect(await readdir(result.out)).toEqual(["images-0.png"]);
  });

  test("into a file URL: not fetched (that would hand the key to its host), said with the request id", async () => {
    const before = server.calls.length;
    const result = await falgenRun([ID, "--prompt", "key in a file URL"]);
    expectNoKey(result);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/falgen run: images-0: its URL holds your fal key, so falgen does not fetch it .*\nrequest req-\d+; to try its output again: falgen run fal-ai\/qwen-image --result req-\d+/);
    expect(server.calls.slice(before).filter((call) => call.includes("/files/"))).toEqual([]);
  });

  test("into a file's bytes: the file is not saved, no partial file is left", async () => {
    const result = await falgenRun([ID, "--prompt", "key in a file"]);
    expectNoKey(result);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/falgen run: images-0: the file downloaded holds your fal key; falgen did not save it\nrequest req-\d+/);
    expect(await readdir(result.out).catch(() => [])).toEqual([]); // the folder made for it is removed again
  });
});

describe("an output file the server does not deliver: not saved, its field, URL and what went wrong named", () => {
  test("a body cut off mid-way: how many bytes of how many", async () => {
    const result = await falgenRun([ID, "--prompt", "cut file"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`falgen run: images-0: downloading ${server.url}/files/cut\\.png failed: connection cut after 500 of 100000 bytes \\(.*\\)\nrequest req-\\d+; to try its output again: `));
    expect(await readdir(result.out).catch(() => [])).toEqual([]); // the folder made for it is removed again
  });

  test.each([
    ["page for an image", "page.png", "answered text/html (by its first bytes), not the image/png"],
    ["page as a png", "page-as.png", "answered text/html (by its first bytes; its content-type said image/png), not the image/png"],
    ["error body as a png", "json-as.png", "answered application/json (by its first bytes; its content-type said image/png), not the image/png"],
    ["empty file", "empty.png", "answered an empty body, not the image/png"],
    ["page for an unnamed image", "page-unnamed", "answered text/html (by its first bytes), not the image"],
  ])("%s: refused by its bytes, whatever its content-type, not saved", async (prompt, file, what) => {
    const result = await falgenRun([ID, "--prompt", prompt]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`falgen run: images-0: ${server.url}/files/${file} ${what} the output names${file === "empty.png" ? "" : " (an error page?)"}; falgen did not save it\nrequest req-`);
    expect(await readdir(result.out).catch(() => [])).toEqual([]);
  });

  test.each([
    ["zip for a png", "zip.png", "sent application/zip (by its first bytes), not the image/png the output names", "images-0.zip"],
    ["jpeg bytes for a png", "jpeg-bytes.png", "sent image/jpeg (by its first bytes; its content-type said image/png), not the image/png the output names", "images-0.jpg"],
  ])("%s: kept as what it is, never as images-0.png, with a warning naming both", async (prompt, file, what, saved) => {
    const result = await falgenRun([ID, "--prompt", prompt]);
    const requestId = /request (\S+) queued/.exec(result.stderr)![1]!;
    expect(result.stderr).toContain(`falgen run: warning: request ${requestId}: images-0: ${server.url}/files/${file} ${what}; saved as ${path.join(result.out, saved)}\n`);
    expect(result.code).toBe(0);
    expect(await readdir(result.out)).toEqual([saved]);
  });

  test("an HTTP error names the field and URL; a JPEG for a PNG is no page and is saved", async () => {
    const missing = await falgenRun([ID, "--prompt", "missing file"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`falgen run: images-0: downloading ${server.url}/files/missing.png failed: HTTP 404 Not Found\nrequest req-`);
    const other = await falgenRun([ID, "--prompt", "jpeg for a png"]);
    expect(other.code).toBe(0);
    expect(await readdir(other.out)).toEqual(["images-0.png"]);
  });
});

test("File objects with only a url (fal may leave out content_type and the rest) are saved too", async () => {
  const result = await falgenRun([ID, "--prompt", "bare file objects"]);
  expect(result.code).toBe(0);
  expect(result.stderr).toContain(`saved ${path.join(result.out, "images-0.png")}\n`);
  expect(await readdir(result.out)).toEqual(["images-0.png"]);
});

test("fal's 422 for a request it had queued: fal's refusal with the request id, the spec named as maybe out of date; exit 1", async () => {
  const result = await falgenRun([ID, "--prompt", "refused once queued"]);
  const requestId = /request (\S+) queued/.exec(result.stderr)![1]!;
  expect(result.stderr).toContain(`falgen run: fal refused the input of ${ID} (HTTP 422) for request ${requestId}:\n  prompt: String should have at most 3 characters (--prompt)\n  style: Field required\nThe input fit the spec falgen checked it against (specs/${ID}.yaml); fal may have changed ${ID} since: falgen update --check lists what changed.\n`);
  expect(result.stderr).not.toContain("nothing was sent");
  expect(result.code).toBe(1);
});

describe("a request fal says failed (COMPLETED with error and error_type): its error and request id, exit 1, nothing printed or saved", () => {
  test.each([
    ["failed, its result 200", "an output (HTTP 200), not shown: fal says the request failed"],
    ["failed, its result 500", "fal API error 500: CUDA out of memory"],
  ])("%s", async (prompt, answered) => {
    const before = server.calls.length;
    const result = await falgenRun([ID, "--prompt", prompt]);
    const requestId = /request (\S+) queued/.exec(result.stderr)![1]!;
    const report = `falgen run: request ${requestId} failed on fal: Runner crashed (error_type: runner_error)\n  its result: ${answered}\n  to see it again: falgen run ${ID} --result ${requestId} --queue-url ${server.url}\n`;
    expect(result.stderr).toContain(report);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(await readdir(result.out).catch(() => [])).toEqual([]);
    // Its error is the request's: asked for once, not retried.
    expect(server.calls.slice(before).filter((call) => call === `GET /fal-ai/qwen-image/requests/${requestId}`)).toHaveLength(1);

    // --result of that request says the same.
    const again = await falgenRun([ID, "--result", requestId]);
    expect(again.stderr).toContain(report);
    expect(again.code).toBe(1);
    expect(again.stdout).toBe("");
  });
});

test("an output that no longer fits the spec's Output: a warning per field with the request id; printed and saved as received", async () => {
  const result = await falgenRun([ID, "--prompt", "changed shape"]);
  expect(result.code).toBe(0);
  const requestId = /request (\S+) queued/.exec(result.stderr)![1]!;
  expect(result.stderr).toContain(`falgen run: warning: the output of request ${requestId} does not fit fal-ai/qwen-image's Output schema in its spec (fal may have changed the endpoint: falgen update --check lists what changed); it is printed and saved as received:`);
  expect(result.stderr).toMatch(/\n {2}output\.images\.0\.width: Input should be a valid integer\n/);
  expect(result.stderr).toMatch(/\n {2}output\.images\.0\.height: Field required\n/);
  expect(result.stderr).toMatch(/\n {2}output\.seed: Input should be a valid integer\n/);
  expect(result.stderr).toMatch(/\n {2}output\.has_nsfw_concepts: Field required\n/);
  expect(JSON.parse(result.stdout).seed).toBe("one");
  expect(await readdir(result.out)).toEqual(["images-0.png"]);
});

describe("--timeout covers the whole run, the submit included", () => {
  test("a submit that never answers: cut off, saying the request may still be queued on fal", async () => {
    const started = Date.now();
    const result = await falgenRun([ID, "--prompt", "stall", "--timeout", "400"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /falgen run: gave up after --timeout 400 ms while submitting, before fal answered with a request id: the request may still have been queued and run on fal, with no id here to fetch or cancel it by/,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.stdout).toBe("");
  });

  test("a submit whose answer stalls after its headers: the id they named is kept", async () => {
    const result = await falgenRun([ID, "--prompt", "stall after headers", "--timeout", "400"]);
    expect(result.code).toBe(1);
    const requestId = [...prompts].find(([, prompt]) => prompt === "stall after headers")![0];
    expect(result.stderr).toContain(`falgen run: gave up after --timeout 400 ms; request ${requestId} is not cancelled and may still run on fal (falgen run ${ID} --result ${requestId} --queue-url ${server.url} waits again)`);
  });

  test("an output file whose download stalls: cut off, the request id kept, no partial file left", async () => {
    const result = await falgenRun([ID, "--prompt", "stalled file", "--timeout", "1500"]);
    expect(result.code).toBe(1);
    const requestId = /request (\S+) queued/.exec(result.stderr)![1]!;
    expect(result.stderr).toContain(`falgen run: gave up after --timeout 1500 ms while downloading its output files; request ${requestId} is done on fal (falgen run ${ID} --result ${requestId} --queue-url ${server.url} fetches its output again)\n`);
    expect(await readdir(result.out).catch(() => [])).toEqual([]); // the folder made for it is removed again
  });

  /** `falgen run` of a request whose output file stalls, sent `signal` once it printed the output JSON (the file is then being read). */
  async function signalledWhileDownloading(cwd: string, signal: NodeJS.Signals): Promise<{ code: number | null; stderr: string; requestId: string }> {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, "bin/falgen.js"), "run", ID, "--prompt", "stalled file", "--queue-url", server.url, "--out", path.join(cwd, "out")], { cwd, env: { ...process.env, FAL_KEY: KEY } });
    let stderr = "";
    let sent = false;
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.stdout.on("data", () => {
      if (!sent) sent = child.kill(signal);
    });
    const [code] = (await once(child, "exit")) as [number | null];
    return { code, stderr, requestId: /request (\S+) queued/.exec(stderr)![1]! };
  }

  test("Ctrl-C once the request completed (its file downloading): nothing cancelled, the request said done", async () => {
    const cwd = await tempDir("hostile-ctrl-c");
    await symlink(path.join(REPO_ROOT, "specs"), path.join(cwd, "specs"));
    const before = server.calls.length;
    const { code, stderr, requestId } = await signalledWhileDownloading(cwd, "SIGINT");
    expect(stderr).toContain(`falgen run: interrupted while downloading its output files; request ${requestId} is done on fal (falgen run ${ID} --result ${requestId} --queue-url ${server.url} fetches its output again)\n`);
    expect(stderr).not.toContain("cancel");
    expect(code).toBe(130);
    expect(server.calls.slice(before).filter((call) => call.includes("/cancel"))).toEqual([]);
    expect(await readdir(path.join(cwd, "out")).catch(() => [])).toEqual([]);

    // SIGTERM (or a second Ctrl-C) quits at once, saying the same.
    const quit = await signalledWhileDownloading(cwd, "SIGTERM");
    expect(quit.stderr).toMatch(new RegExp(`falgen run: quit while (fetching its output|downloading its output files); request ${quit.requestId} is done on fal \\(falgen run ${ID} --result ${quit.requestId} --queue-url ${server.url} fetches its output again\\)\n$`));
    expect(quit.code).toBe(143);
  });

  test("an upload that stalls before the submit: nothing was queued", async () => {
    const dir = await tempDir("hostile-files");
    await writeFile(path.join(dir, "photo.png"), Buffer.concat([PNG, Buffer.alloc(100_000)]));
    const submitted = prompts.size;
    const result = await falgenRun(["fal-ai/ideogram/v3/edit", "--prompt", "edit", "--image_url", path.join(dir, "photo.png"), "--mask_url", path.join(dir, "photo.png"), "--timeout", "400"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/falgen run: gave up after --timeout 400 ms before submitting: nothing was queued on fal/);
    expect(prompts.size).toBe(submitted);
  });
});
