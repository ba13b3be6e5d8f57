import { mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { parse, stringify } from "yaml";
import { startSimulator, type RunningSimulator } from "../../generator/simulator/start-simulator.js";
import { falgen, type RunResult } from "../helpers/run.js";
import { REPO_ROOT, tempDir } from "../helpers/temp-dir.js";
import { runSpecsDir } from "./run-specs.js";

/**
 * `falgen run` finds its specs as generate and the simulator do: the config's `specs`, unless
 * --specs or --spec says otherwise. The project below has two folders: the config's `myspecs`
 * (the full spec) and a `specs` whose copy lacks `num_images`, so the flag tells which was read.
 */

const KEY = "config-id:config-secret-0123456789";
const ID = "fal-ai/qwen-image";
let sim: RunningSimulator;
let project: string;

beforeAll(async () => {
  const specsDir = await runSpecsDir();
  sim = await startSimulator({ specsDir, apiKeys: [KEY], queueMs: 0, runMs: 0, watch: false });
  project = await tempDir("run-config");
  await symlink(specsDir, path.join(project, "myspecs"));
  const spec = parse(await readFile(path.join(REPO_ROOT, "specs", `${ID}.yaml`), "utf8"));
  delete spec.components.schemas.QwenImageInput.properties.num_images;
  await mkdir(path.join(project, "specs/fal-ai"), { recursive: true });
  await writeFile(path.join(project, `specs/${ID}.yaml`), stringify(spec));
  await writeFile(path.join(project, "falgen.config.json"), JSON.stringify({ specs: "myspecs" }));
  await writeFile(path.join(project, "other.config.json"), JSON.stringify({ specs: "specs" }));
  await writeFile(path.join(project, "missing.config.json"), JSON.stringify({ specs: "nowhere" }));
  await writeFile(path.join(project, "broken.config.json"), "{ specs: ");
});
afterAll(() => sim?.close());

function falgenRun(args: string[]): Promise<RunResult> {
  return falgen(["run", ID, "--prompt", "x", "--num_images", "1", ...args, "--queue-url", sim.url, "--no-download"], project, { FAL_KEY: KEY, FAL_KEY_ID: undefined, FAL_KEY_SECRET: undefined });
}

test("the config's specs folder is where the endpoint's spec is read", async () => {
  const result = await falgenRun([]);
  expect(result.stderr).toContain("completed");
  expect(result.code).toBe(0);
});

test("--specs, and --config naming another file, win over falgen.config.json", async () => {
  for (const flags of [["--specs", "specs"], ["--config", "other.config.json"]]) {
    const result = await falgenRun(flags);
    expect(result.stderr).toMatch(/^falgen run: unknown option --num_images/);
    expect(result.code).toBe(2);
  }
});

test("a config whose specs folder is missing, or that does not load: exit 2 naming the file", async () => {
  const missing = await falgenRun(["--config", "missing.config.json"]);
  expect(missing.stderr).toBe("falgen run: config file missing.config.json: its specs folder nowhere does not exist\n");
  expect(missing.code).toBe(2);
  const broken = await falgenRun(["--config", "broken.config.json"]);
  expect(broken.stderr).toMatch(/^falgen run: config file broken\.config\.json:1:\d+: /);
  expect(broken.code).toBe(2);
});
