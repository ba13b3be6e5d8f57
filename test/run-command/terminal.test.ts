import { execFileSync, spawnSync } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startSimulator, type RunningSimulator } from "../../generator/simulator/start-simulator.js";
import { json, serve } from "../runtime/serve.js";
import { REPO_ROOT, tempDir } from "../helpers/temp-dir.js";

/**
 * `falgen run` in a real terminal: tmux gives it a pty (so ora draws its live display) and shows
 * the screen as a user sees it. CI installs tmux (.ci/run); without it these tests are skipped,
 * saying why.
 */
const HAS_TMUX = spawnSync("tmux", ["-V"]).status === 0;
if (!HAS_TMUX) console.warn("skipping the terminal tests of `falgen run`: tmux is not installed (apt-get install -y tmux)");

const KEY = "tty-key-id:tty-key-secret-0123456789";
// A server of our own, so no user's tmux sessions are touched, and all of it is killed at the end.
const SOCKET = `falgen-test-${process.pid}`;
let sim: RunningSimulator;
/** Answers every call 2 s late, submit included: Ctrl-C lands while the submit is in flight. */
let slowSim: RunningSimulator;

const tmux = (...args: string[]) => execFileSync("tmux", ["-L", SOCKET, ...args], { encoding: "utf8" });
const screen = (session: string) => tmux("capture-pane", "-p", "-t", session);
const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;

/** Starts `falgen run <args>` (the bin, as a user runs it) in a fresh 200x60 terminal; the shell stays to show the exit code. */
function startInTerminal(session: string, args: string[]): void {
  // A person at a terminal: without CI in the environment, which (like TERM=dumb) turns ora's live display off.
  const command = ["env", "-u", "CI", `FAL_KEY=${KEY}`, process.execPath, path.join(REPO_ROOT, "bin/falgen.js"), "run", ...args].map(quote).join(" ");
  tmux("new-session", "-d", "-s", session, "-x", "200", "-y", "60", `cd ${quote(REPO_ROOT)} && ${command}; echo "EXIT=$?"; sleep 600`);
}

/** Screens seen until `done` matches one (each distinct screen once, in order). */
async function watch(session: string, done: RegExp, timeoutMs = 60_000): Promise<string[]> {
  const screens: string[] = [];
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const current = screen(session);
    if (current !== screens.at(-1)) screens.push(current);
    if (done.test(current)) return screens;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${done} on the screen:\n${screens.at(-1)}`);
}

beforeAll(async () => {
  if (!HAS_TMUX) return;
  sim = await startSimulator({ specsDir: path.join(REPO_ROOT, "specs"), apiKeys: [KEY], queueMs: 1_500, runMs: 2_500 });
  slowSim = await startSimulator({ specsDir: path.join(REPO_ROOT, "specs"), apiKeys: [KEY], queueMs: 5_000, runMs: 5_000, faults: { latencyMs: 2_000, includeSubmit: true } });
});
afterAll(async () => {
  if (!HAS_TMUX) return;
  spawnSync("tmux", ["-L", SOCKET, "kill-server"]);
  await sim?.close();
  await slowSim?.close();
});

describe.skipIf(!HAS_TMUX)("falgen run in a terminal", () => {
  test("live progress (status, queue position, elapsed time, latest logs) redrawn in place, then the output and the saved files", async () => {
    const out = await tempDir("tty-out");
    startInTerminal("progress", ["fal-ai/qwen-image", "--prompt", "a fox", "--image_size", '{"width":64,"height":64}', "--num_images", "2", "--queue-url", sim.url, "--out", out]);
    const screens = await watch("progress", /EXIT=\d+/, 120_000);
    const last = screens.at(-1)!;
    expect(last).toContain("EXIT=0");
    // A spinner frame, the status and the elapsed seconds on one live line.
    expect(screens.some((s) => /^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] in queue, position \d+ · \d+\.\d+s$/m.test(s))).toBe(true);
    const inProgress = screens.filter((s) => /^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] in progress · \d+\.\d+s$/m.test(s));
    expect(inProgress.length).toBeGreaterThan(1); // redrawn as time passes
    expect(inProgress.some((s) => /^ {2}INFO {2}Step 1\/1: working$/m.test(s))).toBe(true);
    // The live line is redrawn in place, never stacked, and cleared at the end.
    for (const s of screens) expect((s.match(/ · \d+\.\d+s$/gm) ?? []).length).toBeLessThanOrEqual(1);
    expect(last).not.toMatch(/ · \d+\.\d+s$/m);
    expect(last).toMatch(/^request \S+ queued; to fetch its output later: falgen run fal-ai\/qwen-image --result \S+/m);
    expect(last).toContain(`saved ${path.join(out, "images-0.png")}`);
    expect(last).toContain(`saved ${path.join(out, "images-1.png")}`);
    expect((await readdir(out)).sort()).toEqual(["images-0.png", "images-1.png"]);
    expect((await readFile(path.join(out, "images-0.png"))).subarray(1, 4).toString()).toBe("PNG");
  }, 150_000);

  test("Ctrl-C cancels the request on fal and says so", async () => {
    const cancels = sim.stats().routes.cancel;
    startInTerminal("cancel", ["fal-ai/qwen-image", "--prompt", "stop me", "--queue-url", sim.url, "--no-download"]);
    const before = await watch("cancel", /in (queue|progress)/, 120_000);
    const requestId = /request (\S+) queued/.exec(before.at(-1)!)![1]!;
    tmux("send-keys", "-t", "cancel", "C-c");
    const last = (await watch("cancel", /EXIT=\d+/)).at(-1)!;
    expect(last).toContain(`falgen run: cancelled request ${requestId} on fal`);
    expect(last).toContain("EXIT=130");
    expect(sim.stats().routes.cancel).toBe(cancels + 1);
    // fal (the simulator) has the request cancelled: its status completes with no output to fetch.
    const status = await fetch(`${sim.url}/fal-ai/qwen-image/requests/${requestId}/status`, { headers: { authorization: `Key ${KEY}` } });
    expect(((await status.json()) as { status: string }).status).toBe("COMPLETED");
  }, 150_000);

  test("Ctrl-C while the submit is in flight waits for the request id, then cancels that request: no paid request is left without an id", async () => {
    startInTerminal("early", ["fal-ai/qwen-image", "--prompt", "stop me early", "--queue-url", slowSim.url, "--no-download"]);
    await watch("early", /submitting/, 120_000);
    tmux("send-keys", "-t", "early", "C-c");
    const last = (await watch("early", /EXIT=\d+/)).at(-1)!;
    expect(last).toContain("interrupted: the request is cancelled as soon as fal has queued it");
    const requestId = /request (\S+) queued/.exec(last)![1]!;
    expect(last).toContain(`falgen run: cancelled request ${requestId} on fal`);
    expect(last).toContain("EXIT=130");
    expect(slowSim.stats().routes.submit).toBe(1);
    expect(slowSim.stats().routes.cancel).toBe(1);
  }, 150_000);

  test("a queue's logs and errors with escape sequences neither retitle the window, write the clipboard nor clear the screen: they are shown escaped", async () => {
    // Escape sequences: set the title (OSC 0), write the clipboard (OSC 52), clear the screen and home the cursor; then a bidi override.
    const hostile = "\u001b]0;PWNED-TITLE\u0007\u001b]52;c;cHduZWQ=\u0007\u001b[2J\u001b[HFAKE: request done\u202eevil";
    let polls = 0;
    const queue = await serve((request) => {
      const base = `${queue.url}/fal-ai/qwen-image/requests`;
      if (request.method === "POST") return json({ status: "IN_QUEUE", request_id: "req-1", queue_position: 0, response_url: `${base}/req-1`, status_url: `${base}/req-1/status`, cancel_url: `${base}/req-1/cancel` });
      if (new URL(request.url).pathname.endsWith("/status")) {
        const log = { message: hostile, level: "INFO\u001b[5m", source: "user", timestamp: "2026-01-01T00:00:00Z" };
        return json({ status: ++polls < 4 ? "IN_PROGRESS" : "COMPLETED", request_id: "req-1", logs: [log] });
      }
      return json({ detail: `failed: ${hostile}` }, { status: 500 });
    });
    startInTerminal("hostile", ["fal-ai/qwen-image", "--prompt", "x", "--no-download", "--queue-url", queue.url]);
    // OSC 52 makes a tmux buffer when the clipboard is on (tmux's default only passes it outward);
    // set while falgen starts (the server exists only once a session does).
    tmux("set-option", "-s", "set-clipboard", "on");
    const screens = await watch("hostile", /EXIT=\d+/, 120_000);
    const last = screens.at(-1)!;
    expect(last).toContain("EXIT=1");
    expect(tmux("display-message", "-p", "-t", "hostile", "#{pane_title}")).not.toContain("PWNED");
    expect(tmux("list-buffers")).toBe("");
    // The lines that stay are all still on the screen; the live display showed the log escaped.
    expect(last).toMatch(/^request req-1 queued; to fetch its output later: falgen run fal-ai\/qwen-image --result req-1/m);
    expect(last).toContain("falgen run: fal API error 500: failed: \\u001b]0;PWNED-TITLE\\u0007");
    expect(screens.some((s) => s.includes("\\u001b]0;PWNED-TITLE\\u0007\\u001b]52;c;cHduZWQ=\\u0007\\u001b[2J\\u001b[HFAKE: request done\\u202eevil"))).toBe(true);
  }, 150_000);
});
