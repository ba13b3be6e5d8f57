import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { fieldsHelp, fieldValue, inputFields } from "../../generator/run-command/input-flags.js";
import { startSimulator, type RunningSimulator } from "../../generator/simulator/start-simulator.js";
import { falgen } from "../helpers/run.js";
import { modelWithInput } from "../helpers/model.js";
import { falSpec } from "../helpers/spec-factory.js";
import { tempDir } from "../helpers/temp-dir.js";

/** `falgen run` on fields whose names or types the command line makes awkward. */

const ID = "fal-ai/test/odd";
const KEY = "odd-key-id:odd-key-secret-0123456789";
const GUIDANCE =
  "The CFG (Classifier Free Guidance) scale is a measure of how close you want\nthe model to stick to your prompt when looking for a related image to show you.\n\nA second paragraph the help leaves out.";
let sim: RunningSimulator;
let specs: string;

beforeAll(async () => {
  specs = await tempDir("odd-specs");
  const spec = falSpec(ID, {
    TestOddInput: {
      type: "object",
      properties: {
        prompt: { type: "string" },
        "": { type: "string", description: "A field with no name." },
        "a=b": { type: "string" },
        seed: { anyOf: [{ type: "integer" }, { type: "null" }], description: "The seed." },
        guidance_scale: { type: "number", description: GUIDANCE, default: 2.5 },
      },
      required: ["prompt", "__proto__", "seed"],
    },
  });
  // A `__proto__:` key in an object literal sets the prototype: the property is defined instead.
  const input = (spec.components as { schemas: Record<string, { properties: Record<string, unknown> }> }).schemas.TestOddInput!.properties;
  Object.defineProperty(input, "__proto__", { value: { type: "string", description: "A field named like the prototype." }, enumerable: true });
  await writeFile(path.join(specs, "odd.json"), JSON.stringify(spec));
  sim = await startSimulator({ specsDir: specs, apiKeys: [KEY], queueMs: 0, runMs: 0, watch: false });
});
afterAll(() => sim?.close());

const run = async (args: string[]) => falgen(["run", ID, "--specs", specs, ...args], await tempDir("odd-cwd"), { FAL_KEY: KEY });

test("--help lists each field as it can be given: fields that cannot be flags by their JSON name, as --input only", async () => {
  const result = await run(["--help"]);
  expect(result.code).toBe(0);
  // Wrapped descriptions joined back, one field a line.
  const help = { stdout: result.stdout.replace(/\n {6,}/g, " ") };
  expect(help.stdout).toMatch(/\n {2}--__proto__ <string> +A field named like the prototype\. \(required\)/);
  expect(help.stdout).toMatch(/\n {2}"" <string> +A field with no name\. \(only through --input: an empty name cannot be a flag\)/);
  expect(help.stdout).not.toMatch(/\n {2}-- </);
  expect(help.stdout).toMatch(/\n {2}"a=b" <string> +\(only through --input: a name holding "=" cannot be a flag\)/);
  expect(help.stdout).toMatch(/--seed <integer \| null>/);
});

test("every field help lists as a flag is accepted as one: --__proto__ sets the field, --seed null sends null", async () => {
  const result = await run(["--prompt", "p", "--__proto__", "own", "--seed", "null", "--queue-url", sim.url, "--no-download"]);
  expect(result.stderr).not.toMatch(/Unknown option|takes a number/);
  expect(result.code).toBe(0);
  const refused = await run(["--prompt", "p", "--seed", "soon", "--queue-url", sim.url, "--no-download"]);
  expect(refused.code).toBe(2);
  expect(refused.stderr).toMatch(/--seed takes a decimal number, got "soon"/);
});

test("an integer beyond what a JSON number carries exactly is refused, not sent rounded: as a flag, in a flag's JSON, in --input", async () => {
  const model = modelWithInput({
    seed: { type: "integer" },
    sizes: { type: "array", items: { type: "integer" } },
    extra: { type: "object" },
  });
  const field = (name: string) => inputFields(model).find((each) => each.name === name)!;
  // The largest exact one, and floating-point writings, go as written.
  expect(await fieldValue(model, field("seed"), ["9007199254740991"])).toBe(9007199254740991);
  expect(await fieldValue(model, field("seed"), ["-9007199254740991"])).toBe(-9007199254740991);
  expect(await fieldValue(model, field("seed"), ["1e20"])).toBe(1e20);
  await expect(fieldValue(model, field("seed"), ["12345678901234567890"])).rejects.toThrow(
    `--seed: 12345678901234567890 is beyond the integers a JSON number carries exactly (±9007199254740991); it would be sent as 12345678901234567000, so nothing was sent`,
  );
  await expect(fieldValue(model, field("seed"), ["9007199254740993"])).rejects.toThrow("it would be sent as 9007199254740992");
  await expect(fieldValue(model, field("sizes"), ["1", "-9007199254740993"])).rejects.toThrow("--sizes: -9007199254740993 is beyond");
  await expect(fieldValue(model, field("sizes"), ["[1, 12345678901234567890]"])).rejects.toThrow("--sizes (at column 5): 12345678901234567890 is beyond");
  await expect(fieldValue(model, field("extra"), ['{"a": "12345678901234567890", "b": 18446744073709551615}'])).rejects.toThrow("--extra (at column 36): 18446744073709551615 is beyond");
  expect(await fieldValue(model, field("extra"), ['{"a": "12345678901234567890"}'])).toEqual({ a: "12345678901234567890" });
});

test("help shows a description's whole first paragraph, its line breaks joined, wrapped to the width", () => {
  const model = modelWithInput({ guidance_scale: { type: "number", description: GUIDANCE, default: 2.5 } });
  const help = fieldsHelp(model, inputFields(model), new Set(), 80);
  const lines = help.split("\n");
  expect(lines.every((line) => line.length <= 80)).toBe(true);
  const text = lines.map((line) => line.trim()).join(" ");
  expect(text).toContain("is a measure of how close you want the model to stick to your prompt when looking for a related image to show you. (default 2.5)");
  expect(text).not.toContain("second paragraph");
  // Continuation lines start under the descriptions' column.
  expect(lines[1]).toMatch(new RegExp(`^ {${lines[0]!.indexOf("The CFG")}}\\S`));
});

test("a tuple's repeated flag gives each item its place's type (prefixItems), as its JSON array does", async () => {
  const model = modelWithInput({
    range: { type: "array", minItems: 2, maxItems: 2, prefixItems: [{ type: "number" }, { type: "number" }] },
    pair: { anyOf: [{ type: "array", prefixItems: [{ type: "integer" }, { type: "string" }], items: false }, { type: "null" }] },
    sizes: { type: "array", items: { type: "integer" } },
  });
  const field = (name: string) => inputFields(model).find((each) => each.name === name)!;
  expect(await fieldValue(model, field("range"), ["1", "2.5"])).toEqual([1, 2.5]);
  expect(await fieldValue(model, field("range"), ["[1, 2.5]"])).toEqual([1, 2.5]);
  expect(await fieldValue(model, field("pair"), ["3", "03"])).toEqual([3, "03"]);
  expect(await fieldValue(model, field("sizes"), ["512", "768"])).toEqual([512, 768]);
  await expect(fieldValue(model, field("range"), ["1", "wide"])).rejects.toThrow('--range takes a decimal number, got "wide"');
  // Decimal forms are numbers; Number()'s other readings (hex, binary, octal, Infinity, blank) are refused.
  for (const [given, want] of [["-2", -2], ["+3", 3], [".5", 0.5], ["4.", 4], ["1e3", 1000], [" 7 ", 7]] as const) {
    expect(await fieldValue(model, field("sizes"), [given])).toEqual([want]);
  }
  for (const given of ["0x10", "0b1", "0o7", "Infinity", "", "1e999", "1_000"]) {
    await expect(fieldValue(model, field("sizes"), [given])).rejects.toThrow(`--sizes takes a decimal number, got ${JSON.stringify(given)}`);
  }
});

describe("booleans' --no- forms never clash with another flag", () => {
  const NEGATIONS = "fal-ai/test/negations";
  let dir: string;
  let negSim: RunningSimulator;
  beforeAll(async () => {
    dir = await tempDir("negation-specs");
    const spec = falSpec(NEGATIONS, {
      TestNegationsInput: {
        type: "object",
        // The string field comes first: a table built field by field would let the boolean's --no- form overwrite it.
        properties: {
          prompt: { type: "string" },
          "no-watermark": { type: "string", description: "Text instead of the watermark." },
          watermark: { type: "boolean", default: true },
          download: { type: "boolean", description: "A field named like falgen's --download's negation." },
          safety_check: { type: "boolean", default: true },
        },
        required: ["prompt"],
      },
    });
    await writeFile(path.join(dir, "negations.json"), JSON.stringify(spec));
    negSim = await startSimulator({ specsDir: dir, apiKeys: [KEY], queueMs: 0, runMs: 0, watch: false });
  });
  afterAll(() => negSim?.close());
  const runNeg = async (args: string[]) => falgen(["run", NEGATIONS, "--specs", dir, ...args], await tempDir("neg-cwd"), { FAL_KEY: KEY });
  const sent = () => Object.keys(negSim.stats().submittedBodies).map((body) => JSON.parse(body) as Record<string, unknown>).at(-1);

  test("a field named no-<x> keeps its flag; the boolean <x> says it is set false only through --input", async () => {
    const help = await runNeg(["--help"]);
    expect(help.code).toBe(0);
    const text = help.stdout.replace(/\n {6,}/g, " ");
    expect(text).toMatch(/\n {2}--no-watermark <string> +Text instead of the watermark\./);
    expect(text).toMatch(/\n {2}--watermark +\(default true; false only through --input: --no-watermark is the flag of field "no-watermark"\)/);
    expect(text).toMatch(/\n {2}--download +A field named like falgen's --download's negation\. \(false only through --input: --no-download is falgen's own option\)/);
    expect(text).toMatch(/\n {2}--safety_check, --no-safety_check +\(default true\)/);

    const result = await runNeg(["--prompt", "p", "--no-watermark", "plain text", "--watermark", "--no-safety-check", "--queue-url", negSim.url, "--no-download"]);
    expect(result.code).toBe(0);
    expect(sent()).toEqual({ prompt: "p", "no-watermark": "plain text", watermark: true, safety_check: false });
  });

  test("--no-download stays falgen's option beside a boolean field named download", async () => {
    const result = await runNeg(["--prompt", "q", "--download", "--queue-url", negSim.url, "--no-download"]);
    expect(result.code).toBe(0);
    expect(sent()).toEqual({ prompt: "q", download: true });
    const withFalse = await runNeg(["--prompt", "r", "--no-download", "--queue-url", negSim.url]);
    expect(withFalse.code).toBe(0);
    expect(sent()).toEqual({ prompt: "r" });
  });
});
