import { cp, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, expect, test } from "vitest";
import { add } from "../../generator/add/add.js";
import { startSimulator, type RunningSimulator } from "../../generator/simulator/start-simulator.js";
import { update } from "../../generator/update/update.js";
import { REPO_ROOT, tempDir } from "../helpers/temp-dir.js";

let simulator: RunningSimulator | undefined;
afterEach(() => simulator?.close());

const documentUrl = (id: string) => `${simulator!.url}/api/openapi/queue/openapi.json?endpoint_id=${encodeURIComponent(id)}`;

async function served(): Promise<string> {
  const dir = await tempDir("served-specs");
  await cp(path.join(REPO_ROOT, "specs/fal-ai/qwen-image.yaml"), path.join(dir, "fal-ai/qwen-image.yaml"));
  await cp(path.join(REPO_ROOT, "specs/fal-ai/ideogram/v3.yaml"), path.join(dir, "fal-ai/ideogram/v3.yaml"));
  return dir;
}

async function until(condition: () => Promise<boolean>): Promise<void> {
  for (const deadline = Date.now() + 10_000; !(await condition()); ) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

test("the simulator serves each spec's queue document at fal's route, without auth; 404 for an unknown id, 400 without one", async () => {
  simulator = await startSimulator({ specsDir: await served(), watch: false });
  const response = await fetch(documentUrl("fal-ai/qwen-image"));
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  const document = (await response.json()) as { info: { "x-fal-metadata": { endpointId: string } } };
  expect(document.info["x-fal-metadata"].endpointId).toBe("fal-ai/qwen-image");
  expect((await fetch(documentUrl("fal-ai/nope"))).status).toBe(404);
  expect((await fetch(`${simulator.url}/api/openapi/queue/openapi.json`)).status).toBe(400);
  expect((await fetch(documentUrl("fal-ai/qwen-image"), { method: "POST" })).status).toBe(405);
});

test("a spec changed, added or removed on disk is served after a reload; queued requests are not lost", async () => {
  const specs = await served();
  const reloads: string[][] = [];
  simulator = await startSimulator({ specsDir: specs, queueMs: 0, runMs: 0, onReload: ({ endpointIds }) => reloads.push(endpointIds) });
  expect(simulator.endpointIds).toEqual(["fal-ai/ideogram/v3", "fal-ai/qwen-image"]);
  const submitted = (await (await fetch(`${simulator.url}/fal-ai/qwen-image`, { method: "POST", headers: { authorization: "Key k" }, body: JSON.stringify({ prompt: "a fox" }) })).json()) as { response_url: string };

  const file = path.join(specs, "fal-ai/qwen-image.yaml");
  await writeFile(file, (await readFile(file, "utf8")).replace("The prompt to generate the image with", "A reloaded description"));
  await until(async () => (await (await fetch(documentUrl("fal-ai/qwen-image"))).text()).includes("A reloaded description"));

  await rm(path.join(specs, "fal-ai/ideogram"), { recursive: true });
  await until(async () => (await fetch(documentUrl("fal-ai/ideogram/v3"))).status === 404);
  expect(simulator.endpointIds).toEqual(["fal-ai/qwen-image"]);
  expect(reloads.length).toBeGreaterThan(0);
  expect((await fetch(submitted.response_url, { headers: { authorization: "Key k" } })).status).toBe(200);
});

test("a spec broken while the simulator runs: a call to an id no spec serves says which spec does not load", async () => {
  const specs = await served();
  simulator = await startSimulator({ specsDir: specs, queueMs: 0, runMs: 0 });
  const file = path.join(specs, "fal-ai/ideogram/v3.yaml");
  await writeFile(file, "openapi: [unclosed\n");
  await until(async () => !simulator!.endpointIds.includes("fal-ai/ideogram/v3"));
  const response = await fetch(`${simulator.url}/fal-ai/ideogram/v3`, { method: "POST", headers: { authorization: "Key k" }, body: "{}" });
  expect(response.status).toBe(404);
  const { detail } = (await response.json()) as { detail: string };
  expect(detail).toMatch(/^Application "fal-ai\/ideogram\/v3" not found: the simulator serves no spec with this endpoint id; 1 spec\(s\) do not load, which may serve it: /);
  expect(detail).toContain("v3.yaml:");
});

test("add fetches documents from the simulator and writes them as specs; update reports what changed and writes it", async () => {
  const upstream = await served();
  simulator = await startSimulator({ specsDir: upstream });
  const project = await tempDir("project");
  const specs = path.join(project, "specs");
  const written = await add({ endpointIds: ["fal-ai/qwen-image", "fal-ai/ideogram/v3"], specsDir: specs, from: simulator.url });
  expect(written.map(({ changed }) => changed)).toEqual([true, true]);
  // What add wrote is fal's document in the spec writer's layout: the same bytes as the repo's spec.
  expect(await readFile(path.join(specs, "fal-ai/qwen-image.yaml"), "utf8")).toBe(await readFile(path.join(REPO_ROOT, "specs/fal-ai/qwen-image.yaml"), "utf8"));
  expect((await update({ specsDir: specs, from: simulator.url, check: true })).endpoints.map(({ changed }) => changed)).toEqual([false, false]);

  const file = path.join(upstream, "fal-ai/ideogram/v3.yaml");
  await writeFile(file, (await readFile(file, "utf8")).replace(/\n {6}required:\n {8}- prompt\n/, "\n      required:\n        - prompt\n        - rendering_speed\n"));
  await until(async () => JSON.stringify(await (await fetch(documentUrl("fal-ai/ideogram/v3"))).json()).includes('"rendering_speed"]'));
  const checked = await update({ specsDir: specs, from: simulator.url, check: true });
  const ideogram = checked.endpoints.find(({ endpointId }) => endpointId === "fal-ai/ideogram/v3")!;
  expect(ideogram.changes).toEqual([expect.objectContaining({ path: "IdeogramV3Input.rendering_speed", kind: "required", breaking: true, usedIn: ["input"] })]);
  expect(checked.written).toEqual([]);

  const applied = await update({ specsDir: specs, from: simulator.url });
  expect(applied.written.map(({ file: name, changed }) => [path.basename(name), changed])).toEqual([["v3.yaml", true]]);
  expect(await readFile(path.join(specs, "fal-ai/ideogram/v3.yaml"), "utf8")).toBe(await readFile(file, "utf8"));
});
