import { cp, mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { SpecError } from "../../generator/errors.js";
import { captureSpecs } from "../../generator/capture/capture.js";
import { loadOverrides, parseOverrides } from "../../generator/capture/overrides.js";
import { parsePages } from "../../generator/capture/parse-page.js";
import { falgen } from "../helpers/run.js";
import { REPO_ROOT, tempDir } from "../helpers/temp-dir.js";

const SEED = path.join(REPO_ROOT, "test/fixtures/seeds/fal-model-docs.txt");
const OVERRIDES = path.join(REPO_ROOT, "scripts/capture-overrides");
/** Removed when this file ends; each test makes its own folder inside. */
const WORK = await tempDir("capture");

function capture(args: string[], cwd: string) {
  return falgen(["capture", ...args], cwd);
}

async function filesUnder(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name))).sort();
}

test("npm run capture writes the committed specs, and a second run changes nothing", async () => {
  const dir = await mkdtemp(path.join(WORK, "capture-"));
  const first = await capture([SEED, "--specs", "specs", "--overrides", OVERRIDES], dir);
  expect(first.stderr).toBe("");
  expect(first.code).toBe(0);
  expect(first.stdout).toContain("capture: 13 spec(s), 13 changed.");
  const written = await filesUnder(path.join(dir, "specs"));
  expect(written).toEqual((await filesUnder(path.join(REPO_ROOT, "specs"))).filter((file) => file.endsWith(".yaml")));
  for (const file of written) {
    expect(await readFile(path.join(dir, "specs", file), "utf8"), file).toBe(await readFile(path.join(REPO_ROOT, "specs", file), "utf8"));
  }
  const second = await capture([SEED, "--specs", "specs", "--overrides", OVERRIDES], dir);
  expect(second.stdout).toContain("capture: 13 spec(s), 0 changed.");
});

test("a page that cannot be parsed is an error with its line, and nothing is written", async () => {
  const dir = await mkdtemp(path.join(WORK, "capture-broken-"));
  const lines = (await readFile(SEED, "utf8")).split("\n");
  // Prose where the third page's Other types start: the first two pages are fine, still nothing is written.
  const otherTypes = lines.reduce<number[]>((found, line, index) => (line === "Other types#" ? [...found, index] : found), []);
  lines.splice(otherTypes[2]! + 1, 0, "This line is not part of any field.");
  await writeFile(path.join(dir, "pages.txt"), lines.join("\n"));
  const result = await capture(["pages.txt", "--specs", "specs", "--overrides", OVERRIDES], dir);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(`error: pages.txt:${otherTypes[2]! + 2}: cannot read this line`);
  expect(result.stderr).toContain("capture: nothing was written.");
  expect(await filesUnder(path.join(dir, "specs"))).toEqual([]);
});

test("a spec the loader refuses stops the whole run before any file is written", async () => {
  const dir = await mkdtemp(path.join(WORK, "capture-invalid-"));
  await cp(OVERRIDES, path.join(dir, "overrides"), { recursive: true });
  const edit = path.join(dir, "overrides/fal-ai/ideogram/v3/edit.yaml");
  await writeFile(edit, (await readFile(edit, "utf8")).replace("'^[0-9A-Fa-f]{8}$'", "'^[0-9A-F'"));
  const result = await capture([SEED, "--specs", "specs", "--overrides", "overrides"], dir);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/error: specs\/fal-ai\/ideogram\/v3\/edit\.yaml:\d+:\d+ \(at #\/components\/schemas\/IdeogramV3EditInput\/properties\/style_codes\/items\/pattern\): pattern is not a valid regular expression/);
  expect(await filesUnder(path.join(dir, "specs"))).toEqual([]);
});

const pages = parsePages(SEED, await readFile(SEED, "utf8"));
const overrides = await loadOverrides(OVERRIDES);

describe("overrides files are checked, each error at its line", () => {
  // Qwen's page names Timings without defining it, so its overrides always define it.
  const TIMINGS = "types:\n  Timings: {type: object}\n";
  /** [what, endpoint id, overrides file text, line, message] */
  const CASES: [string, string, string, number, RegExp][] = [
    // Like the loader, a place is the line where its value starts.
    ["an unknown key", "fal-ai/qwen-image", "category: text-to-image\nrequire:\n  QwenImageInput: [prompt]\n", 3, /unknown key "require"/],
    ["not a mapping", "fal-ai/qwen-image", "- prompt\n", 1, /must be a mapping, found a list/],
    ["YAML syntax", "fal-ai/qwen-image", "required: [unclosed\n", 2, /invalid YAML/],
    ["schemas without companionOf", "fal-ai/qwen-image", "schemas: {input: A, output: B}\n", 1, /add companionOf/],
    ["companionOf without schemas", "fal-ai/ideogram/v3/edit", "companionOf: fal-ai/ideogram/v3\n", 1, /schemas must be \{input: <page type>, output: <page type>\}/],
    ["a required list that is not a list", "fal-ai/qwen-image", "required:\n  QwenImageInput: prompt\n", 2, /required lists property names/],
    ["a keyword that is not a limit", "fal-ai/qwen-image", "limits:\n  QwenImageInput.prompt:\n    description: better words\n", 3, /"description" is not a limit/],
    ["a limit target that is not Schema.property", "fal-ai/qwen-image", "limits:\n  QwenImageInput.loras.items: {maxItems: 3}\n", 2, /"Schema" or "Schema\.property"/],
    ["a required schema the spec lacks", "fal-ai/qwen-image", `${TIMINGS}required:\n  QwenInput: [prompt]\n`, 4, /the spec of fal-ai\/qwen-image has no schema QwenInput/],
    ["a required field the schema lacks", "fal-ai/qwen-image", `${TIMINGS}required:\n  QwenImageInput:\n    - prompt\n    - promt\n`, 6, /QwenImageInput has no property "promt"/],
    ["a limit on a property the schema lacks", "fal-ai/qwen-image", `${TIMINGS}limits:\n  QwenImageInput.lora: {maxItems: 3}\n`, 4, /QwenImageInput has no property "lora"/],
    ["items limits on a property that is not a list", "fal-ai/qwen-image", `${TIMINGS}limits:\n  QwenImageInput.prompt: {items: {minLength: 1}}\n`, 4, /items limits for a property that is not a list/],
    [
      "a limit the spec already has",
      "fal-ai/qwen-image",
      "types:\n  Timings: {type: object, minProperties: 1}\nlimits:\n  Timings: {minProperties: 2}\n",
      4,
      /the page already gives minProperties \(1\); an override may only add/,
    ],
    ["a companion type the page lacks", "fal-ai/ideogram/v3/edit", "companionOf: fal-ai/ideogram/v3\nschemas:\n  input: EditInputV3\n  output: EditOutputV3\n", 3, /the page of fal-ai\/ideogram\/v3 .* has no type EditInputV3/],
    ["a companion of itself", "fal-ai/ideogram/v3", "companionOf: fal-ai/ideogram/v3\nschemas: {input: EditImageInputV3, output: EditOutputV3}\n", 1, /has a page of its own/],
    ["a type the page defines", "fal-ai/qwen-image", "types:\n  Timings: {type: object}\n  LoraWeight: {type: object}\n", 3, /the page defines LoraWeight itself/],
    ["a type nothing uses", "fal-ai/qwen-image", "types:\n  Timings: {type: object}\n  Unused: {type: object}\n", 3, /no field of fal-ai\/qwen-image uses Unused/],
  ];
  test.each(CASES)("%s", (_what, id, text, line, message) => {
    const file = `overrides/${id}.yaml`;
    let error: unknown;
    try {
      const own = parseOverrides({ file, text, isJson: false }, id);
      captureSpecs(pages, new Map(overrides).set(id, own));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).message).toMatch(message);
    expect((error as SpecError).message.startsWith(`${file}:${line}`)).toBe(true);
  });
});
