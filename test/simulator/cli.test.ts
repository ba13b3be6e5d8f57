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

  it("exits 0 on SIGINT too", async () => {
    const cli = startCli(["--port", "0", "--specs", await fixtureSpecsDir()]);
    await cli.url;
    cli.child.kill("SIGINT");
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
});
