import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createFalClient } from "../../generator/runtime/client.js";
import { createValidator } from "../../generator/runtime/validator.js";
import { submit } from "../../generated/src/endpoints/fal-ai/qwen-image.js";
import { inputValidator } from "../../generated/src/endpoints/fal-ai/qwen-image.js";
import { startSimulator, type RunningSimulator } from "../../generator/simulator/start-simulator.js";
import { falgen } from "../helpers/run.js";
import { REPO_ROOT, tempDir } from "../helpers/temp-dir.js";
import { fakeQueue } from "./fake-queue.js";
import { serve } from "./serve.js";

/** Input nested 50,000 levels deep: far past any stack, as a hostile or broken caller may send. */
const DEPTH = 50_000;
function deepObject(): unknown {
  let value: unknown = 1;
  for (let i = 0; i < DEPTH; i++) value = { child: value };
  return value;
}
function deepArray(): unknown {
  let value: unknown = 1;
  for (let i = 0; i < DEPTH; i++) value = [value];
  return value;
}
const TOO_DEEP = /nested more than 512 levels deep/;

const KEY = "deep-key-id:deep-key-secret-0123456789";
let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ specsDir: path.join(REPO_ROOT, "specs"), apiKeys: [KEY], queueMs: 0, runMs: 0, watch: false });
});
afterAll(() => sim?.close());

test("the runtime validator returns a located issue for a too-deep input, also under a recursive schema", () => {
  const tree = createValidator("fal-ai/test/model", { $ref: "Node", $defs: { Node: { type: "object", properties: { child: { $ref: "Node" } } } } });
  for (const validator of [tree, inputValidator]) {
    for (const value of [deepObject(), { prompt: "x", extra: deepArray() }]) {
      const result = validator["~standard"].validate(value) as { issues?: { message: string; path: unknown[] }[] };
      expect(result.issues).toHaveLength(1);
      expect(result.issues![0]!.message).toMatch(TOO_DEEP);
      expect(result.issues![0]!.path.length).toBe(512);
    }
  }
  // A cyclic value ends too (the depth stops the walk).
  const cyclic: Record<string, unknown> = { prompt: "x" };
  cyclic.self = cyclic;
  expect(tree.fieldErrors(cyclic)[0]).toMatchObject({ type: "value_error", loc: ["body", "self", "self", ...Array(510).fill("self")] });
  // Nesting within the limit is validated as before.
  let fine: unknown = "x";
  for (let i = 0; i < 100; i++) fine = { child: fine };
  expect(tree.fieldErrors(fine)).toEqual([{ loc: ["body", ...Array(100).fill("child")], msg: "Input should be a valid dictionary", type: "dict_type" }]);
});

test("a call refuses a too-deep input before sending anything, and the simulator answers 422 with a field error", async () => {
  const client = createFalClient({ credentials: KEY, queueUrl: sim.url, retry: false });
  const before = sim.stats().routes.submit ?? 0;
  await expect(submit(client, { prompt: "x", extra: deepObject() } as never)).rejects.toThrow(/nothing was sent: input nested more than 512 levels deep at extra\.child\.child\.child\.child\.child…$/);
  expect(sim.stats().routes.submit ?? 0).toBe(before);

  const body = `{"prompt":"x","extra":${'{"k":'.repeat(DEPTH)}1${"}".repeat(DEPTH)}}`;
  const response = await fetch(`${sim.url}/fal-ai/qwen-image`, { method: "POST", headers: { authorization: `Key ${KEY}`, "content-type": "application/json" }, body });
  expect(response.status).toBe(422);
  const { detail } = (await response.json()) as { detail: { loc: unknown[]; msg: string; type: string }[] };
  expect(detail).toHaveLength(1);
  expect(detail[0]!.loc.slice(0, 3)).toEqual(["body", "extra", "k"]);
  expect(detail[0]!.msg).toMatch(TOO_DEEP);
});

test("falgen run --input with a too-deep file says so, without a stack overflow", async () => {
  const dir = await tempDir("deep-input");
  await writeFile(path.join(dir, "deep.json"), `{"prompt":"x","extra":${"[".repeat(DEPTH)}${"]".repeat(DEPTH)}}`);
  const result = await falgen(["run", "fal-ai/qwen-image", "--specs", path.join(REPO_ROOT, "specs"), "--input", path.join(dir, "deep.json"), "--queue-url", sim.url, "--no-download"], dir, { FAL_KEY: KEY });
  expect(result.code).not.toBe(0);
  expect(result.stderr).toMatch(TOO_DEEP);
  expect(result.stderr).not.toMatch(/Maximum call stack/);
});

test("falgen run given a too-deep output says so and keeps the request id, without a stack overflow", async () => {
  const deepJson = `{"images":${"[".repeat(DEPTH)}${"]".repeat(DEPTH)}}`;
  const server = await serve(fakeQueue({ requestId: "req-deep", result: () => new Response(deepJson, { headers: { "content-type": "application/json" } }) }));
  const dir = await tempDir("deep-output");
  const result = await falgen(["run", "fal-ai/qwen-image", "--specs", path.join(REPO_ROOT, "specs"), "--prompt", "x", "--queue-url", server.url, "--no-download"], dir, { FAL_KEY: KEY });
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/the output is nested more than 512 levels deep at images\.0\.0\.0\.0\.0…;/);
  expect(result.stderr).toContain("falgen run fal-ai/qwen-image --result req-deep");
  expect(result.stderr).not.toMatch(/Maximum call stack/);
});
