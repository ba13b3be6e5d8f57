import { createServer, type Server } from "node:http";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startSimulator, type RunningSimulator } from "../../generator/simulator/start-simulator.js";
import { specToYaml } from "../../generator/spec-files/spec-yaml.js";
import { falgen } from "../helpers/run.js";
import { REPO_ROOT, SHARED_FIXTURES, tempDir } from "../helpers/temp-dir.js";

type Json = Record<string, any>;

const QWEN: Json = parse(readFileSync(path.join(REPO_ROOT, "specs/fal-ai/qwen-image.yaml"), "utf8"));
const FLUX: Json = JSON.parse(readFileSync(path.join(SHARED_FIXTURES, "fal-ai__flux__dev.json"), "utf8"));

/**
 * A loopback server that answers fal's document route with `documents[endpoint_id]`, or with
 * `fallback` for every id it does not list (a proxy or mirror that serves the wrong document).
 */
let server: Server;
let documents: Record<string, Json> = {};
let fallback: Json | undefined;
let serverUrl: string;
let simulator: RunningSimulator;

beforeAll(async () => {
  server = createServer((request, response) => {
    const id = new URL(request.url!, "http://127.0.0.1").searchParams.get("endpoint_id") ?? "";
    const document = documents[id] ?? fallback;
    response.writeHead(document ? 200 : 404, { "content-type": "application/json" });
    response.end(JSON.stringify(document ?? { detail: "not found" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const upstream = await tempDir("served-upstream");
  await mkdir(path.join(upstream, "fal-ai"), { recursive: true });
  await writeFile(path.join(upstream, "fal-ai/qwen-image.yaml"), specToYaml(QWEN));
  simulator = await startSimulator({ specsDir: upstream, watch: false });
});
afterAll(async () => {
  await simulator?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** Every file below `dir` with its bytes. */
async function tree(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
  return Object.fromEntries(await Promise.all(files.sort().map(async (file) => [file, await readFile(path.join(dir, file), "utf8")] as const)));
}

/** A project whose specs folder holds `specs` (path -> text). */
async function project(specs: Record<string, string>): Promise<string> {
  const dir = await tempDir("served");
  for (const [file, text] of Object.entries(specs)) {
    await mkdir(path.dirname(path.join(dir, "specs", file)), { recursive: true });
    await writeFile(path.join(dir, "specs", file), text);
  }
  return dir;
}

const editedQwen = () => specToYaml(QWEN).replace("The prompt to generate the image with", "A local edit");
const withId = (document: Json, from: string, to: string): Json => JSON.parse(JSON.stringify(document).replaceAll(from, to));

describe("a document for another endpoint than the one asked for is refused, and nothing is written", () => {
  beforeAll(() => {
    documents = {};
    fallback = QWEN;
  });

  test("add: exit 1, the other endpoint's spec keeps its local edit, no spec for the asked id, no generation", async () => {
    const dir = await project({ "fal-ai/qwen-image.yaml": editedQwen() });
    const before = await tree(dir);
    const result = await falgen(["add", "fal-ai/flux/dev", "--from", serverUrl], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: http:\/\/127\.0\.0\.1:\d+\/api\/openapi\/queue\/openapi\.json\?endpoint_id=fal-ai%2Fflux%2Fdev:\d+:\d+ \(at #\/info\/x-fal-metadata\/endpointId\): the document describes fal-ai\/qwen-image, not fal-ai\/flux\/dev, the endpoint asked for$/m);
    expect(result.stderr).toContain("falgen add: nothing was written.");
    expect(result.stdout).not.toContain("wrote");
    expect(await tree(dir)).toEqual(before);
  });

  test("add of several ids, one of them served wrong: none is written", async () => {
    documents = { "fal-ai/qwen-image": QWEN };
    const dir = await project({});
    const result = await falgen(["add", "fal-ai/qwen-image", "fal-ai/flux/dev", "--from", serverUrl, "--no-generate"], dir);
    documents = {};
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("the document describes fal-ai/qwen-image, not fal-ai/flux/dev");
    expect(await tree(dir)).toEqual({});
  });

  test.each([[[]], [["--check"]]])("update %j: exit 1, the spec as it was, and the summary says what failed", async (flags) => {
    const dir = await project({ "fal-ai/flux/dev.yaml": specToYaml(FLUX) });
    const before = await tree(dir);
    const result = await falgen(["update", "--from", serverUrl, ...flags], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: .*endpoint_id=fal-ai%2Fflux%2Fdev:\d+:\d+ \(at #\/info\/x-fal-metadata\/endpointId\): the document describes fal-ai\/qwen-image, not fal-ai\/flux\/dev, the endpoint asked for$/m);
    expect(result.stdout).toMatch(/^falgen update: 0 of 0 endpoint\(s\) changed, 0 breaking change\(s\); 1 spec\(s\) or document\(s\) failed \(errors above\)/m);
    expect(await tree(dir)).toEqual(before);
  });

  test("update with one document refused and another changed: nothing is written", async () => {
    fallback = undefined;
    documents = { "fal-ai/flux/dev": QWEN, "fal-ai/qwen-image": withId(QWEN, "The prompt to generate the image with", "Changed upstream") };
    const dir = await project({ "fal-ai/flux/dev.yaml": specToYaml(FLUX), "fal-ai/qwen-image.yaml": specToYaml(QWEN) });
    const before = await tree(dir);
    const result = await falgen(["update", "--from", serverUrl], dir);
    fallback = QWEN;
    documents = {};
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^fal-ai\/qwen-image \(specs\/fal-ai\/qwen-image\.yaml\): descriptions or examples only$/m);
    expect(result.stdout).toMatch(/1 of 1 endpoint\(s\) changed, 0 breaking change\(s\); 1 spec\(s\) or document\(s\) failed \(errors above\), so no spec was written\.$/m);
    expect(await tree(dir)).toEqual(before);
  });

  test("import of fal's URL for one id that answers with another's document: refused", async () => {
    const dir = await project({ "fal-ai/qwen-image.yaml": editedQwen() });
    const before = await tree(dir);
    const result = await falgen(["import", `${serverUrl}/api/openapi/queue/openapi.json?endpoint_id=fal-ai/flux/dev`], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("the document describes fal-ai/qwen-image, not fal-ai/flux/dev, the endpoint asked for");
    expect(await tree(dir)).toEqual(before);
  });
});

describe("an endpoint that already has a spec is updated in that file, in its format; nothing is written over another endpoint's spec", () => {
  const qwenJson = () => `${JSON.stringify(withId(QWEN, "The prompt to generate the image with", "A local edit"), null, 2)}\n`;

  test("add beside a .json spec updates the .json in place, and the project generates", async () => {
    const dir = await project({ "fal-ai/qwen-image.json": qwenJson() });
    const result = await falgen(["add", "fal-ai/qwen-image", "--from", simulator.url, "--no-cache"], dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("wrote     specs/fal-ai/qwen-image.json");
    expect(Object.keys(await tree(path.join(dir, "specs")))).toEqual(["fal-ai/qwen-image.json"]);
    expect(JSON.parse(await readFile(path.join(dir, "specs/fal-ai/qwen-image.json"), "utf8"))).toEqual(QWEN);
    expect(result.stdout).toMatch(/^falgen: 1 endpoints, \d+ files/m);
    expect(existsSync(path.join(dir, "generated/.falgen-manifest.json"))).toBe(true);
  }, 180_000);

  test("add and import update a spec whose file is named otherwise in place", async () => {
    const dir = await project({ "mine/qwen.yml": editedQwen() });
    const added = await falgen(["add", "fal-ai/qwen-image", "--from", simulator.url, "--no-generate"], dir);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain("wrote     specs/mine/qwen.yml");
    expect(Object.keys(await tree(path.join(dir, "specs")))).toEqual(["mine/qwen.yml"]);
    expect(await readFile(path.join(dir, "specs/mine/qwen.yml"), "utf8")).toBe(specToYaml(QWEN));

    await writeFile(path.join(dir, "saved.json"), qwenJson());
    const imported = await falgen(["import", "saved.json"], dir);
    expect(imported.code).toBe(0);
    expect(Object.keys(await tree(path.join(dir, "specs")))).toEqual(["mine/qwen.yml"]);
    expect(await readFile(path.join(dir, "specs/mine/qwen.yml"), "utf8")).toContain("A local edit");
  });

  test("a file named for the endpoint that holds another endpoint's spec is not overwritten", async () => {
    const dir = await project({ "fal-ai/qwen-image.yaml": specToYaml(FLUX) });
    const before = await tree(dir);
    const result = await falgen(["add", "fal-ai/qwen-image", "--from", simulator.url], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: specs\/fal-ai\/qwen-image\.yaml:\d+:\d+ \(at #\/info\/x-fal-metadata\/endpointId\): holds the spec of fal-ai\/flux\/dev; falgen will not write the document of fal-ai\/qwen-image over it/m);
    expect(await tree(dir)).toEqual(before);
  });

  test("a broken spec named for the endpoint is replaced in its own format (no second spec beside it)", async () => {
    const dir = await project({ "fal-ai/qwen-image.json": "{ not json" });
    const result = await falgen(["add", "fal-ai/qwen-image", "--from", simulator.url, "--no-generate"], dir);
    expect(result.code).toBe(0);
    expect(Object.keys(await tree(path.join(dir, "specs")))).toEqual(["fal-ai/qwen-image.json"]);
    expect(JSON.parse(await readFile(path.join(dir, "specs/fal-ai/qwen-image.json"), "utf8"))).toEqual(QWEN);
  });

  test("an endpoint that already has two specs: add refuses, naming both; update --check says the specs failed", async () => {
    const dir = await project({ "fal-ai/qwen-image.json": qwenJson(), "fal-ai/qwen-image.yaml": editedQwen() });
    const before = await tree(dir);
    const added = await falgen(["add", "fal-ai/qwen-image", "--from", simulator.url], dir);
    expect(added.code).toBe(1);
    expect(added.stderr).toMatch(/fal-ai\/qwen-image already has 2 specs \(specs\/fal-ai\/qwen-image\.json and specs\/fal-ai\/qwen-image\.yaml\)/);
    const checked = await falgen(["update", "--check", "--from", simulator.url], dir);
    expect(checked.code).toBe(1);
    expect(checked.stderr).toMatch(/duplicate endpoint id "fal-ai\/qwen-image"/);
    expect(checked.stdout).toBe("falgen update: 0 of 0 endpoint(s) changed, 0 breaking change(s); 2 spec(s) or document(s) failed (errors above).\n");
    expect(await tree(dir)).toEqual(before);
  });

  test("update writes a changed .json spec back as JSON, in place", async () => {
    const dir = await project({ "fal-ai/qwen-image.json": qwenJson() });
    const result = await falgen(["update", "--from", simulator.url, "--no-generate"], dir);
    expect(result.code).toBe(0);
    expect(Object.keys(await tree(path.join(dir, "specs")))).toEqual(["fal-ai/qwen-image.json"]);
    expect(JSON.parse(await readFile(path.join(dir, "specs/fal-ai/qwen-image.json"), "utf8"))).toEqual(QWEN);
  });

  test("import of an id that differs from an existing spec's only in letter case is refused", async () => {
    const dir = await project({ "fal-ai/qwen-image.yaml": specToYaml(QWEN) });
    await writeFile(path.join(dir, "other.json"), JSON.stringify(withId(QWEN, "fal-ai/qwen-image", "fal-ai/Qwen-Image")));
    const before = await tree(dir);
    const result = await falgen(["import", "other.json"], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: specs\/fal-ai\/Qwen-Image\.yaml \(at #\/info\/x-fal-metadata\/endpointId\): endpoint id "fal-ai\/Qwen-Image" differs only in letter case from endpoint id "fal-ai\/qwen-image"/m);
    expect(await tree(dir)).toEqual(before);
  });
});
