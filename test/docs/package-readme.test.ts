import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createFalClient, type FalClient } from "../../generated/src/index.js";
import * as qwen from "../../generated/src/endpoints/fal-ai/qwen-image.js";
import { startSimulator, type RunningSimulator } from "../../generator/simulator/start-simulator.js";
import { REPO_ROOT } from "../helpers/temp-dir.js";
import { tsBlocks } from "../helpers/typecheck.js";

/**
 * The generated package's README tells users how to point the client at `falgen simulator`: the
 * options it shows (with the simulator on the port it names) reach every route a call uses, so
 * queue calls and `run` (whose host is `runUrl`) both work offline as written.
 */
let sim: RunningSimulator;
let options: Record<string, string>;

beforeAll(async () => {
  const readme = await readFile(path.join(REPO_ROOT, "generated/README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Offline, against the simulator"));
  const port = /--port (\d+) --api-key (\S+)/.exec(section);
  const block = tsBlocks(section)[0] ?? "";
  const clientOptions = /createFalClient\(\{\n([\s\S]*?)\n\}\);/.exec(block)?.[1] ?? "";
  options = Object.fromEntries([...clientOptions.matchAll(/^\s+(\w+): "([^"]*)",/gm)].map(([, name, value]) => [name!, value!]));
  expect(port, "the README's simulator command").not.toBeNull();
  expect(options.credentials).toBe(port![2]);
  sim = await startSimulator({ specsDir: path.join(REPO_ROOT, "specs"), apiKeys: [options.credentials!], queueMs: 5, runMs: 5 });
  // The README's port, swapped for the one this simulator got.
  for (const name of Object.keys(options)) options[name] = options[name]!.replace(`http://127.0.0.1:${port![1]}`, sim.url);
});

afterAll(async () => {
  await sim?.close();
});

test("the package README's simulator options are the simulator's own URLs", () => {
  expect(options).toEqual({ credentials: options.credentials, queueUrl: sim.url, storageUrl: sim.storageUrl, runUrl: `${sim.url}/_run` });
});

test("a client configured as the package README says runs queue calls and run against the simulator", async () => {
  // A URL the README got wrong must fail here, not reach fal.
  const loopbackOnly: typeof fetch = (input, init) =>
    String(input instanceof Request ? input.url : input).startsWith(`${sim.url}/`) ? fetch(input, init) : Promise.reject(new Error(`not the simulator: ${String(input)}`));
  const fal: FalClient = createFalClient({ ...options, fetch: loopbackOnly });
  const input = { prompt: "a red fox", image_size: { width: 16, height: 16 } } satisfies qwen.Input;
  const queued = await qwen.subscribe(fal, input);
  expect(queued.data.images.length).toBeGreaterThan(0);
  const direct = await qwen.run(fal, input);
  expect(direct.data.images.length).toBeGreaterThan(0);
});
