import { mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { parse, stringify } from "yaml";
import { startSimulator, type RunningSimulator } from "../../generator/simulator/start-simulator.js";
import { falgen, type RunResult } from "../helpers/run.js";
import { REPO_ROOT, tempDir } from "../helpers/temp-dir.js";
import { runSpecsDir } from "./run-specs.js";

/**
 * `falgen run` with a spec older than the endpoint fal serves: the simulator runs a copy of
 * fal-ai/qwen-image whose Input gained a required `style`, the run checks against the old spec.
 */

const KEY = "stale-id:stale-secret-0123456789";
const ID = "fal-ai/qwen-image";
let sim: RunningSimulator;
let specsDir: string;

beforeAll(async () => {
  specsDir = await runSpecsDir();
  const changed = await tempDir("stale-changed");
  const spec = parse(await readFile(path.join(REPO_ROOT, "specs", `${ID}.yaml`), "utf8"));
  const input = spec.components.schemas.QwenImageInput;
  input.properties.style = { title: "Style", type: "string", description: "The style." };
  input.required = [...input.required, "style"];
  input.properties.output_format.enum = ["jpeg"];
  input.properties.output_format.default = "jpeg"; // a default outside the enum is a spec error of its own
  await mkdir(path.join(changed, "fal-ai"), { recursive: true });
  await writeFile(path.join(changed, `${ID}.yaml`), stringify(spec));
  sim = await startSimulator({ specsDir: changed, apiKeys: [KEY], queueMs: 0, runMs: 0, watch: false });
});
afterAll(() => sim?.close());

async function falgenRun(args: string[]): Promise<RunResult> {
  const cwd = await tempDir("stale-run");
  await symlink(specsDir, path.join(cwd, "specs"));
  return falgen(["run", ID, ...args, "--queue-url", sim.url, "--no-download"], cwd, { FAL_KEY: KEY, FAL_KEY_ID: undefined, FAL_KEY_SECRET: undefined });
}

test("fal's own 422 is fal's refusal: its field errors, no flag the spec lacks, the spec named as maybe out of date", async () => {
  const before = sim.stats().routes.submit ?? 0;
  const result = await falgenRun(["--prompt", "x", "--output_format", "png"]);
  expect(sim.stats().routes.submit).toBe(before + 1);
  expect(result.stderr).toContain(`falgen run: fal refused the input of ${ID} (HTTP 422):\n  style: Field required\n`);
  expect(result.stderr).toMatch(/\n {2}output_format: Input should be 'jpeg' \(--output_format\)\n/);
  expect(result.stderr).toMatch(/The input fit the spec falgen checked it against \(specs\/fal-ai\/qwen-image\.yaml\); fal may have changed fal-ai\/qwen-image since: falgen update --check lists what changed\.\n$/);
  expect(result.stderr).not.toContain("nothing was sent");
  expect(result.stderr).not.toContain("--style");
  expect(result.code).toBe(2);
});

test("the local check before sending keeps its message", async () => {
  const before = sim.stats().routes.submit ?? 0;
  const result = await falgenRun(["--num_images", "9"]);
  expect(result.stderr).toBe(`falgen run: the input does not fit ${ID}; nothing was sent:\n  prompt: Field required (--prompt)\n`);
  expect(result.code).toBe(2);
  expect(sim.stats().routes.submit ?? 0).toBe(before);
});
