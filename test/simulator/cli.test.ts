import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { falgen } from "../helpers/run.js";
import { REPO_ROOT } from "../helpers/temp-dir.js";
import { AUTH, fixtureSpecsDir } from "./simulator-fixture.js";

// The falgen bin (the build, test/global-setup.ts keeps it current), started directly so the test
// sees the CLI's own exit code and signals reach it.
const BIN = path.join(REPO_ROOT, "bin/falgen.js");

function startCli(args: string[]): { child: ChildProcess; url: Promise<string>; exit: Promise<number | null>; output: () => string } {
  const child = spawn(process.execPath, [BIN, "simulator", ...args], { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
      const match = /^fal simulator listening on (http:\/\/127\.0\.0\.1:\d+) \((\d+) endpoints?\)$/m.exec(stdout);
      if (match) resolve(match[1]!);
    });
    child.on("exit", () => reject(new Error(`the CLI exited before listening:\n${stdout}\n${stderr}`)));
  });
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, url, exit, output: () => stdout + stderr };
}

describe("falgen simulator", () => {
  it("prints the URL it listens on, serves, and exits 0 on SIGTERM even with an SSE stream open", async () => {
    const cli = startCli(["--port", "0", "--specs", await fixtureSpecsDir(), "--queue-ms", "60000", "--api-key", "cli-key"]);
    const url = await cli.url;
    expect(cli.output()).toMatch(/^fal simulator listening on http:\/\/127\.0\.0\.1:\d+ \(8 endpoints\)\n/);

    const submitted = (await (
      await fetch(`${url}/fal-ai/flux/dev`, { method: "POST", headers: { Authorization: "Key cli-key" }, body: JSON.stringify({ prompt: "cli" }) })
    ).json()) as { status_url: string };
    expect((await fetch(`${url}/fal-ai/flux/dev`, { method: "POST", headers: AUTH, body: "{}" })).status).toBe(401);
    const stream = await fetch(`${submitted.status_url}/stream`, { headers: { Authorization: "Key cli-key" } });
    const reader = stream.body!.getReader();
    await reader.read();

    const started = Date.now();
    cli.child.kill("SIGTERM");
    expect(await cli.exit).toBe(0);
    expect(Date.now() - started).toBeLessThan(5000);
    // The open stream ends (or is cut) when the simulator stops.
    const drained = (async () => {
      for (;;) if ((await reader.read()).done) return "ended";
    })().catch(() => "cut");
    expect(["ended", "cut"]).toContain(await drained);
  });

  // One process for both: each process started loads the CLI and the specs again.
  it("trims --api-key as clients trim the key they send (a file's trailing newline), and exits 0 on SIGINT too", async () => {
    const cli = startCli(["--port", "0", "--specs", await fixtureSpecsDir(), "--api-key", "dev-key\n"]);
    try {
      const url = await cli.url;
      const submit = (key: string) => fetch(`${url}/fal-ai/flux/dev`, { method: "POST", headers: { Authorization: `Key ${key}` }, body: JSON.stringify({ prompt: "trim" }) });
      expect((await submit("dev-key")).status).toBe(200);
      expect((await submit("other-key")).status).toBe(401);
    } finally {
      cli.child.kill("SIGINT");
    }
    expect(await cli.exit).toBe(0);
  });

  // In-process (test/helpers/run.ts): no signal involved.
  it("rejects a bad flag with exit code 2 and the usage", async () => {
    const result = await falgen(["simulator", "--error-rate", "3"]);
    expect(result.code).toBe(2);
    expect(result.stdout + result.stderr).toContain("--error-rate must be between 0 and 1");
  });

  it("rejects a realtime close code a server may not send", async () => {
    const result = await falgen(["simulator", "--realtime-close-code", "1006"]);
    expect(result.code).toBe(2);
    expect(result.stdout + result.stderr).toContain("--realtime-close-code must be a close code a server may send");
  });

  it.each([
    [["--port", "99999"], /^falgen simulator: --port must be a whole number from 0 to 65535 \(0 picks a free one\), got "99999"$/],
    [["--port", "1.5"], /^falgen simulator: --port must be a whole number from 0 to 65535/],
    [["--port", "-1"], /^falgen simulator: --port must be a non-negative number, got "-1"$/],
    [["--queue-ms", "-5"], /^falgen simulator: --queue-ms must be a non-negative number, got "-5"$/],
    [["--log-lines", "2.5"], /^falgen simulator: --log-lines must be a whole number, got "2.5"$/],
    [["--port"], /^falgen simulator: option --port needs a value$/],
    [["--port", "--seed", "3"], /^falgen simulator: option --port needs a value, but is followed by the option "--seed"; a value that starts with "-" is written --port=-value$/],
    [["--api-key", ""], /^falgen simulator: --api-key must not be empty/],
    [["--api-key", " \n"], /^falgen simulator: --api-key must not be empty/],
    [["--api-key", "dev\u0001key"], /^falgen simulator: --api-key: Invalid fal key: character 4 is not printable ASCII/],
    [["--max-body-bytes", "0"], /^falgen simulator: --max-body-bytes must be a whole number of bytes above 0, got "0"$/],
    [["--max-upload-bytes", "1.5"], /^falgen simulator: --max-upload-bytes must be a whole number, got "1.5"$/],
  ])("refuses %j with one line, exit 2, never a falgen bug", async (args, message) => {
    const result = await falgen(["simulator", ...args]);
    expect(result.stderr.split("\n")[0]).toMatch(message);
    expect(result.stderr).not.toMatch(/falgen bug|RangeError|ambiguous|^\s+at /m);
    expect(result.code).toBe(2);
  });

  it("a port in use: one line saying so, exit 2", async () => {
    const { createServer } = await import("node:net");
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    try {
      const port = (holder.address() as import("node:net").AddressInfo).port;
      const result = await falgen(["simulator", "--port", String(port), "--specs", await fixtureSpecsDir()]);
      expect(result.stderr).toBe(`falgen simulator: port ${port} on 127.0.0.1 is in use (another simulator?); choose another with --port, or --port 0 for a free one\n`);
      expect(result.code).toBe(2);
    } finally {
      holder.close();
    }
  });

  it("--max-body-bytes and --max-upload-bytes set the limits beyond which a body is answered 413", async () => {
    const cli = startCli(["--port", "0", "--specs", await fixtureSpecsDir(), "--max-body-bytes", "1000", "--max-upload-bytes", "3000"]);
    try {
      const url = await cli.url;
      const post = (path: string, body: string) => fetch(`${url}${path}`, { method: "POST", headers: AUTH, body });
      expect((await post("/fal-ai/flux/dev", JSON.stringify({ prompt: "x".repeat(2000) }))).status).toBe(413);
      const { upload_url: uploadUrl } = (await (await post("/_rest/storage/upload/initiate", JSON.stringify({ content_type: "image/png" }))).json()) as { upload_url: string };
      expect((await fetch(uploadUrl, { method: "PUT", body: new Uint8Array(2000) })).status).toBe(200);
      expect((await fetch(uploadUrl, { method: "PUT", body: new Uint8Array(4000) })).status).toBe(413);
    } finally {
      cli.child.kill("SIGTERM");
      await cli.exit;
    }
  });
});
