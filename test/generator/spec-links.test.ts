import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { startSimulator } from "../../generator/simulator/start-simulator.js";
import { falgen, runFalgen } from "../helpers/run.js";
import { falSpec } from "../helpers/spec-factory.js";
import { tempDir } from "../helpers/temp-dir.js";

/** A project whose specs folder holds one real spec and, per `link`, a symbolic link made in it. */
async function project(link: (specs: string, outside: string) => void, withReal = true): Promise<string> {
  const root = await tempDir("spec-links");
  const specs = path.join(root, "specs");
  const outside = path.join(root, "outside");
  mkdirSync(specs);
  mkdirSync(outside);
  if (withReal) writeFileSync(path.join(specs, "real.json"), JSON.stringify(falSpec("fal-ai/real")));
  writeFileSync(path.join(outside, "linked.json"), JSON.stringify(falSpec("fal-ai/linked")));
  link(specs, outside);
  return root;
}

const cases: [string, (specs: string, outside: string) => void, boolean, RegExp][] = [
  ["a linked spec file beside a real one", (specs, outside) => symlinkSync(path.join(outside, "linked.json"), path.join(specs, "linked.json")), true, /specs\/linked\.json -> .*outside\/linked\.json/],
  ["a linked folder", (specs, outside) => symlinkSync(outside, path.join(specs, "more")), true, /specs\/more -> .*outside/],
  ["only a link", (specs, outside) => symlinkSync(path.join(outside, "linked.json"), path.join(specs, "sl.yaml")), false, /specs\/sl\.yaml -> /],
  ["a broken link", (specs) => symlinkSync("nowhere.yaml", path.join(specs, "gone.yaml")), true, /specs\/gone\.yaml -> nowhere\.yaml \(missing\)/],
  ["a link that loops", (specs) => symlinkSync(".", path.join(specs, "loop")), true, /specs\/loop -> \./],
];

test.each(cases)("generate refuses %s in the specs folder, naming the link, and writes nothing", async (_, link, withReal, named) => {
  const root = await project(link, withReal);
  const result = await runFalgen(["--specs", "specs", "--out", "out"], root);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/symbolic link/);
  expect(result.stderr).toMatch(named);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stderr).not.toMatch(/no spec files/);
});

test("update and run's spec lookup refuse a linked spec too, naming it", async () => {
  const root = await project((specs, outside) => symlinkSync(path.join(outside, "linked.json"), path.join(specs, "linked.json")));
  const update = await falgen(["update", "--check", "--specs", "specs"], root);
  expect(update.code).not.toBe(0);
  expect(update.stderr).toMatch(/specs\/linked\.json -> .*symbolic link|symbolic link.*specs\/linked\.json/);
  const run = await falgen(["run", "fal-ai/linked", "--specs", "specs", "--help"], root);
  expect(run.code).not.toBe(0);
  expect(run.stderr).toMatch(/symbolic link.*specs\/linked\.json/);
});

test("the simulator refuses a linked spec at start and reports one added while it runs", async () => {
  const root = await project((specs, outside) => symlinkSync(path.join(outside, "linked.json"), path.join(specs, "linked.json")));
  await expect(startSimulator({ specsDir: path.join(root, "specs"), watch: false })).rejects.toThrow(/symbolic link.*linked\.json/);

  const clean = await project(() => undefined);
  const reloads: string[][] = [];
  const simulator = await startSimulator({
    specsDir: path.join(clean, "specs"),
    onReload: ({ specErrors }) => reloads.push(specErrors.map((error) => error.message)),
  });
  try {
    expect(simulator.endpointIds).toEqual(["fal-ai/real"]);
    symlinkSync(path.join(clean, "outside", "linked.json"), path.join(clean, "specs", "linked.json"));
    await expect.poll(() => reloads.flat().join("\n"), { timeout: 5_000 }).toMatch(/symbolic link.*linked\.json/);
    expect(simulator.endpointIds).toEqual(["fal-ai/real"]);
  } finally {
    await simulator.close();
  }
});
