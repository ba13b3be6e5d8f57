import { mkdir, copyFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { redactKeys } from "../../generator/shared/redact-keys.js";
import { falgen } from "../helpers/run.js";
import { REPO_ROOT, tempDir } from "../helpers/temp-dir.js";
import { json, serve } from "../runtime/serve.js";
import { base64, echoes, KEY, SECRET } from "../helpers/key-echoes.js";

/**
 * A server that echoes the key encoded (base64 or base64url at any byte alignment, as a logged
 * `Authorization` header or a token would hold it; hex; in other letter case; split by characters
 * a terminal shows as nothing) gets no part of it shown by falgen's commands (the proxy's side:
 * test/runtime/secrets.test.ts).
 */

test("the echoes hold base64url's own characters", () => {
  expect(echoes().some(({ name, text }) => name.startsWith("base64url") && /[-_]/.test(text.slice(5, -4)))).toBe(true);
});

/** `redactKeys` with FAL_KEY set to `KEY` (and no FAL_KEY_ID/FAL_KEY_SECRET). */
function redactedWithKey(text: string): string {
  const saved = { FAL_KEY: process.env.FAL_KEY, FAL_KEY_ID: process.env.FAL_KEY_ID, FAL_KEY_SECRET: process.env.FAL_KEY_SECRET };
  process.env.FAL_KEY = KEY;
  delete process.env.FAL_KEY_ID;
  delete process.env.FAL_KEY_SECRET;
  try {
    return redactKeys(text);
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

describe("what falgen's commands print (redactKeys)", () => {
  test.each(echoes())("$name: redacted", ({ text, left }) => {
    expect(redactedWithKey(text)).toMatch(left);
  });

  test("text without the key is left as it is, base64 and hex of other text included", () => {
    for (const text of ["nothing secret here", base64(`${KEY.slice(0, -1)}x`), Buffer.from(SECRET.slice(1)).toString("hex").slice(2), KEY.slice(0, 20)]) {
      expect(redactedWithKey(text)).toBe(text);
    }
  });

  test("falgen run: logs, an error's detail and the output that echo the key encoded show none of it", async () => {
    const echoed = echoes().map(({ text }) => text);
    let failing = false;
    const server = await serve((request) => {
      const url = new URL(request.url);
      const base = `${server.url}/fal-ai/qwen-image/requests`;
      if (request.method === "POST") return json({ status: "IN_QUEUE", request_id: "req-1", response_url: `${base}/req-1`, status_url: `${base}/req-1/status`, cancel_url: `${base}/req-1/cancel` });
      if (url.pathname.endsWith("/status")) return json({ status: "COMPLETED", request_id: "req-1", logs: echoed.map((message) => ({ message, level: "INFO", source: "user", timestamp: "2026-01-01T00:00:00Z" })) });
      if (failing) return json({ detail: echoed.join(" | ") }, { status: 500 });
      return json({ images: [], timings: {}, seed: 1, has_nsfw_concepts: [], prompt: echoed.join(" | ") });
    });
    const cwd = await tempDir("encoded-keys");
    await mkdir(path.join(cwd, "specs/fal-ai"), { recursive: true });
    await copyFile(path.join(REPO_ROOT, "specs/fal-ai/qwen-image.yaml"), path.join(cwd, "specs/fal-ai/qwen-image.yaml"));
    for (const fails of [false, true]) {
      failing = fails;
      const result = await falgen(["run", "fal-ai/qwen-image", "--prompt", "x", "--no-download", "--queue-url", server.url], cwd, { FAL_KEY: KEY, FAL_KEY_ID: undefined, FAL_KEY_SECRET: undefined });
      expect(result.code, result.stderr).toBe(fails ? 1 : 0);
      const lines = [...result.stderr.split("\n").filter((line) => line.startsWith("log INFO: ")).map((line) => line.slice("log INFO: ".length))];
      expect(lines).toHaveLength(echoed.length);
      const shown = fails ? /fal API error 500: (.*)$/m.exec(result.stderr)![1]! : (JSON.parse(result.stdout) as { prompt: string }).prompt;
      const left = echoes().map((echo) => echo.left);
      // Each echo left only what it may: the log lines one by one, the error and the output joined.
      for (const [i, line] of lines.entries()) expect(line, echoes()[i]!.name).toMatch(left[i]!);
      for (const [i, part] of shown.split(" | ").entries()) expect(part, echoes()[i]!.name).toMatch(left[i]!);
    }
  });
});
