import { spawn } from "node:child_process";
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { terminalText } from "../../generator/shared/terminal-text.js";
import { json, serve, type TestServer } from "../runtime/serve.js";
import { falgen, type RunResult } from "../helpers/run.js";
import { falSpec } from "../helpers/spec-factory.js";
import { REPO_ROOT, tempDir } from "../helpers/temp-dir.js";

/**
 * Text falgen did not write (servers' statuses, logs and errors; specs and fal's documents; file
 * names; config files' errors) reaches the terminal with nothing in it a terminal acts on or hides:
 * escape sequences (window title, OSC 52 clipboard, clearing the screen), CR, C1 controls,
 * bidirectional overrides, zero-width characters. Each is shown as its escape (`\u001b`), so the
 * user still sees what was sent; JSON on stdout stays JSON of the same value.
 */

/** What a hostile server or spec puts in its text: a title, a clipboard write, a cleared screen, an overwritten line, a C1 CSI, a bidi override, a zero-width space, a tag character. */
const HOSTILE = "\u001b]0;PWNED-TITLE\u0007\u001b]52;c;cHduZWQ=\u0007\u001b[2J\u001b[HFAKE\rOVER\u009b31m\u202eevil\u200bzw\u{e0041}";
/** How falgen shows HOSTILE. */
const SHOWN = "\\u001b]0;PWNED-TITLE\\u0007\\u001b]52;c;cHduZWQ=\\u0007\\u001b[2J\\u001b[HFAKE\\u000dOVER\\u009b31m\\u202eevil\\u200bzw\\udb40\\udc41";

/** How falgen shows HOSTILE up to its CR (where help text wraps, and JSON writes `\r`). */
const SHOWN_START = SHOWN.slice(0, SHOWN.indexOf("\\u000d"));

/** Fails when `text` holds a character a terminal acts on or hides (newline and tab are text). */
function expectTerminalSafe(text: string): void {
  const unsafe = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b\u202a-\u202e\u2066-\u2069]|\udb40[\udc00-\udc7f]/.exec(text);
  expect(unsafe, `${JSON.stringify(unsafe?.[0])} at ${unsafe?.index} of ${JSON.stringify(text)}`).toBeNull();
}

function expectShown(result: RunResult, where: "stdout" | "stderr", shown = SHOWN_START): void {
  expectTerminalSafe(result.stdout);
  expectTerminalSafe(result.stderr);
  expect(result[where]).toContain(shown);
}

describe("terminalText", () => {
  test("shows each character a terminal acts on or hides as its escape; keeps newlines, tabs, emoji and scripts", () => {
    expect(terminalText(HOSTILE)).toBe(SHOWN);
    for (const code of [0x00, 0x07, 0x08, 0x0b, 0x0c, 0x0d, 0x1b, 0x7f, 0x85, 0x9b, 0x9d, 0xad, 0x061c, 0x200e, 0x2028, 0x2029, 0x202a, 0x202e, 0x2066, 0x2069, 0x2060, 0xfeff]) {
      const char = String.fromCharCode(code);
      expect(terminalText(`a${char}b`), `U+${code.toString(16)}`).toBe(`a\\u${code.toString(16).padStart(4, "0")}b`);
    }
    const text = "line 1\n\tline 2 — café, 日本語, עברית, 👩‍👩‍👧 (zero-width joiners), ‌ZWNJ";
    expect(terminalText(text)).toBe(text);
    expect(terminalText("a file's\r\nCRLF line ends\r\n")).toBe("a file's\nCRLF line ends\n");
    expect(terminalText("one\nline\tonly\r\n", { oneLine: true })).toBe("one\\u000aline\\u0009only\\u000a");
  });

  test("JSON made safe for a terminal parses to the same value", () => {
    const value = { [`key${HOSTILE}`]: [HOSTILE, "\u2028\u2029\u0085", { nested: `\u202e${HOSTILE}` }], plain: "café 👩‍👩‍👧" };
    const shown = terminalText(JSON.stringify(value, null, 2));
    expectTerminalSafe(shown);
    expect(JSON.parse(shown)).toEqual(value);
  });
});

const KEY = "safe-id:safe-secret-0123456789";
const ENV = { FAL_KEY: KEY, FAL_KEY_ID: undefined, FAL_KEY_SECRET: undefined };

/** A folder with specs/ holding the repo's fal-ai/qwen-image spec and a spec whose texts are HOSTILE. */
async function project(): Promise<string> {
  const cwd = await tempDir("terminal-safe");
  await mkdir(path.join(cwd, "specs/fal-ai"), { recursive: true });
  await copyFile(path.join(REPO_ROOT, "specs/fal-ai/qwen-image.yaml"), path.join(cwd, "specs/fal-ai/qwen-image.yaml"));
  await writeFile(path.join(cwd, "specs/fal-ai/hostile.json"), JSON.stringify(hostileSpec()));
  return cwd;
}

/** A spec that fails to load, its error quoting HOSTILE (an unresolved $ref). */
function badRefSpec(): string {
  const spec = falSpec("fal-ai/bad-ref") as { components: { schemas: Record<string, { properties: Record<string, unknown> }> } };
  spec.components.schemas.BadRefInput!.properties.prompt = { $ref: `#/components/schemas/Missing${HOSTILE}` };
  return JSON.stringify(spec);
}

/** fal-ai/hostile's document: HOSTILE in its titles, descriptions, examples, an enum value and a property name. */
function hostileSpec(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return falSpec("fal-ai/hostile", {
    HostileInput: {
      type: "object",
      title: `Hostile ${HOSTILE}`,
      description: `Input ${HOSTILE}`,
      properties: {
        prompt: { type: "string", description: `What ${HOSTILE}`, examples: [`a ${HOSTILE}`] },
        style: { type: "string", enum: ["plain", `red${HOSTILE}`], description: `Style ${HOSTILE}` },
        ...extra,
      },
      required: ["prompt"],
    },
  });
}

describe("falgen run", () => {
  /** A queue whose statuses, logs, errors and outputs hold HOSTILE, as `scenario` says. */
  async function hostileQueue(scenario: "error" | "detail" | "output"): Promise<TestServer> {
    const server: TestServer = await serve(async (request) => {
      const url = new URL(request.url);
      const base = `${server.url}/fal-ai/qwen-image/requests`;
      if (request.method === "POST") return json({ status: "IN_QUEUE", request_id: "req-1", queue_position: 0, response_url: `${base}/req-1`, status_url: `${base}/req-1/status`, cancel_url: `${base}/req-1/cancel` });
      if (url.pathname.endsWith("/status")) {
        const log = { message: `log ${HOSTILE}`, level: `INFO${HOSTILE}`, source: "user", timestamp: "2026-01-01T00:00:00Z" };
        return json({ status: "COMPLETED", request_id: "req-1", logs: [log], ...(scenario === "error" ? { error: `error ${HOSTILE}`, error_type: "x" } : {}) });
      }
      if (scenario === "output") return json({ images: [], timings: {}, seed: 1, has_nsfw_concepts: [], prompt: `output ${HOSTILE}`, [`name ${HOSTILE}`]: 1 });
      return json({ detail: `detail ${HOSTILE}` }, { status: 500 });
    });
    return server;
  }

  const run = async (scenario: "error" | "detail" | "output") => falgen(["run", "fal-ai/qwen-image", "--prompt", "x", "--no-download", "--queue-url", (await hostileQueue(scenario)).url], await project(), ENV);

  test("logs (message and level), a failed status's error and a result's detail are shown escaped, the request's line kept", async () => {
    for (const scenario of ["error", "detail"] as const) {
      const result = await run(scenario);
      expect(result.code, result.stderr).toBe(1);
      expectShown(result, "stderr");
      expect(result.stderr).toMatch(/^request req-1 queued; to fetch its output later: /m);
      expect(result.stderr).toContain(`log INFO${SHOWN}: log ${SHOWN}`);
      expect(result.stderr).toContain(scenario === "error" ? `failed: error ${SHOWN}` : `fal API error 500: detail ${SHOWN}`);
    }
  });

  test("the output JSON on stdout is escaped as JSON is: it parses to exactly what the server sent", async () => {
    const result = await run("output");
    expect(result.code, result.stderr).toBe(0);
    expectShown(result, "stdout", `"output ${SHOWN_START}`);
    const output = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(output.prompt).toBe(`output ${HOSTILE}`);
    expect(output[`name ${HOSTILE}`]).toBe(1);
  });

  test("--help built from a spec, and a validation message quoting its enum, are shown escaped", async () => {
    const cwd = await project();
    const help = await falgen(["run", "fal-ai/hostile", "--help"], cwd, ENV);
    expect(help.code).toBe(0);
    expectShown(help, "stdout", `What ${SHOWN_START}`);
    expect(help.stdout).toContain(`"red${SHOWN_START}`);
    const refused = await falgen(["run", "fal-ai/hostile", "--prompt", "x", "--style", "blue", "--queue-url", "http://127.0.0.1:9"], cwd, ENV);
    expect(refused.code).toBe(2);
    expectShown(refused, "stderr", `Input should be 'plain' or 'red${SHOWN}' (--style)`);
  });
});

describe("falgen generate", () => {
  test("--check shows spec text in its diff escaped", async () => {
    const cwd = await project();
    expect((await falgen(["generate", "--no-cache", "--out", "out"], cwd)).code).toBe(0);
    await writeFile(path.join(cwd, "specs/fal-ai/hostile.json"), JSON.stringify(hostileSpec({ added: { type: "string", description: `Added ${HOSTILE}` } })));
    const result = await falgen(["generate", "--no-cache", "--out", "out", "--check"], cwd);
    expect(result.code).toBe(1);
    expectShown(result, "stderr");
    expect(result.stderr).toContain(`Added ${SHOWN_START}`);
  });

  test("a spec's error quoting it, and a config file's error, are shown escaped", async () => {
    const cwd = await project();
    await writeFile(path.join(cwd, "specs/fal-ai/bad-ref.json"), badRefSpec());
    const specError = await falgen(["generate", "--no-cache", "--out", "out"], cwd);
    expect(specError.code).toBe(1);
    expectShown(specError, "stderr", `unresolved $ref #/components/schemas/Missing${SHOWN_START}`);
    await writeFile(path.join(cwd, "falgen.config.mjs"), `throw new Error(${JSON.stringify(`config ${HOSTILE}`)});\n`);
    const configError = await falgen(["generate", "--no-cache"], cwd);
    expect(configError.code).toBe(2);
    expectShown(configError, "stderr", `config ${SHOWN}`);
  });
});

describe("falgen update, add, import, capture", () => {
  /** fal's queue document of fal-ai/flux/dev (a copy kept in the repo), changed by `change`. */
  const fluxDocument = async (change: (document: { paths: Record<string, unknown>; components: { schemas: Record<string, { properties: Record<string, unknown> }> } }) => void) => {
    const document = JSON.parse(await readFile(path.join(REPO_ROOT, "test/fixtures/fal-openapi/fal-ai__flux__dev.json"), "utf8"));
    change(document);
    return document as unknown;
  };
  /** fal's document route, serving `document` for every endpoint id. */
  const documents = (document: unknown) => serve(() => json(document));

  test("update --check shows a served document's field names escaped", async () => {
    const cwd = await tempDir("terminal-safe");
    expect((await falgen(["import", path.join(REPO_ROOT, "test/fixtures/fal-openapi/fal-ai__flux__dev.json")], cwd)).code).toBe(0);
    const forged = "x: added\n  BREAKING  FluxDevInput.prompt: removed";
    const served = await documents(
      await fluxDocument((document) => {
        document.components.schemas.FluxDevInput!.properties[`new${HOSTILE}field`] = { type: "string" };
        document.components.schemas.FluxDevInput!.properties[forged] = { type: "string" };
      }),
    );
    const result = await falgen(["update", "--check", "--from", served.url], cwd);
    expect(result.code, result.stderr).toBe(1);
    expectShown(result, "stdout", `new${SHOWN}field: added`);
    // A name holding a newline cannot add a line of its own to the list of changes.
    expect(result.stdout).toContain("x: added\\u000a  BREAKING  FluxDevInput.prompt: removed: added");
    expect(result.stdout).not.toMatch(/^ {2}BREAKING/m);
  });

  test("add and import show a document's refusal (quoting its paths) escaped", async () => {
    const cwd = await tempDir("terminal-safe");
    const document = await fluxDocument((document) => (document.paths[`/fal-ai/flux/dev/${HOSTILE}`] = { get: {} }));
    const added = await falgen(["add", "fal-ai/flux/dev", "--from", (await documents(document)).url, "--no-generate"], cwd);
    expect(added.code).toBe(1);
    expectShown(added, "stderr", `/fal-ai/flux/dev/${SHOWN} is not one of the four queue paths`);
    await writeFile(path.join(cwd, `doc${HOSTILE}.json`), JSON.stringify(document));
    const imported = await falgen(["import", `doc${HOSTILE}.json`], cwd);
    expect(imported.code).toBe(1);
    expectShown(imported, "stderr", `/fal-ai/flux/dev/${SHOWN} is not one of the four queue paths`);
  });

  test("capture shows a page's file name in its warnings escaped", async () => {
    const cwd = await project();
    const page = path.join(cwd, `page${HOSTILE}.txt`);
    await copyFile(path.join(REPO_ROOT, "test/fixtures/cases/capture/odd-page.txt"), page);
    const result = await falgen(["capture", page, "--specs", "captured"], cwd);
    expect(result.code, result.stderr).toBe(0);
    expectShown(result, "stderr", `warning: ${terminalText(page)}:`);
    expect(result.stdout).toContain("wrote");
  });

  test("an unknown command is named escaped", async () => {
    const result = await falgen([`gen${HOSTILE}`]);
    expect(result.code).toBe(2);
    expectTerminalSafe(result.stderr);
    expect(result.stderr).toContain("falgen: unknown command");
  });
});

describe("falgen simulator", () => {
  test("a skipped spec is reported escaped", async () => {
    const cwd = await project();
    await writeFile(path.join(cwd, "specs/fal-ai/bad-ref.json"), badRefSpec());
    const child = spawn(process.execPath, [path.join(REPO_ROOT, "bin/falgen.js"), "simulator", "--port", "0", "--specs", "specs"], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString("utf8");
        if (stdout.includes("listening")) resolve();
      });
      child.on("exit", () => reject(new Error(`the simulator exited:\n${stdout}${stderr}`)));
    });
    const exited = new Promise((resolve) => child.on("exit", resolve));
    child.kill("SIGTERM");
    await exited;
    expectShown({ code: 0, stdout, stderr }, "stderr", `unresolved $ref #/components/schemas/Missing${SHOWN_START}`);
    expect(stderr).toMatch(/^skipped spec: specs\/fal-ai\/bad-ref\.json/m);
  });
});
