import { createServer, type Server } from "node:http";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SpecError } from "../../generator/errors.js";
import { validateSpec } from "../../generator/load/load-specs.js";
import { normalizeDocument } from "../../generator/import/normalize.js";
import { readDocument } from "../../generator/import/read-document.js";
import { specToYaml } from "../../generator/spec-files/spec-yaml.js";
import { falSpec } from "../helpers/spec-factory.js";
import { falgen } from "../helpers/run.js";
import { REPO_ROOT, SHARED_FIXTURES, tempDir } from "../helpers/temp-dir.js";

type Json = Record<string, any>;

/** Removed when this file ends; each test makes its own folder inside. */
const WORK = await tempDir("import");
const BROKEN_FIXTURE = "openrouter__router__openai__v1__chat__completions.json";
const VALID_FIXTURES = readdirSync(SHARED_FIXTURES).filter((file) => file.endsWith(".json") && file !== BROKEN_FIXTURE);

function importCli(args: string[], cwd: string) {
  return falgen(["import", ...args], cwd);
}

async function importToYaml(location: string): Promise<string> {
  return specToYaml(normalizeDocument(await readDocument(location)).document);
}

const fixture = (file: string): Json => JSON.parse(readFileSync(path.join(SHARED_FIXTURES, file), "utf8"));

describe("every valid fixture imports", () => {
  test.each(VALID_FIXTURES)("%s", async (file) => {
    const location = path.join(SHARED_FIXTURES, file);
    const yaml = await importToYaml(location);
    expect(await importToYaml(location)).toBe(yaml);
    // Only the order of keys changes: the content is the document as served.
    expect(parse(yaml)).toEqual(fixture(file));
    const loaded = validateSpec({ file: "imported.yaml", text: yaml, isJson: false }, parse(yaml));
    expect(loaded.endpointId.replaceAll("/", "__")).toBe(file.replace(/\.json$/, ""));
    const document = parse(yaml);
    expect(Object.keys(document)).toEqual(["openapi", "info", "servers", "security", "components", "paths"]);
    const id = loaded.endpointId;
    expect(Object.keys(document.paths)).toEqual([`/${id}`, `/${id}/requests/{request_id}/status`, `/${id}/requests/{request_id}/cancel`, `/${id}/requests/{request_id}`]);
  });
});

/** The document with every keyword map's keys reversed; names (schemas, properties, paths...) and data keep their order. */
function reverseKeywordOrder(value: unknown, parentKey = ""): unknown {
  const NAME_MAPS = new Set(["schemas", "properties", "paths", "responses", "content", "securitySchemes"]);
  const DATA = new Set(["example", "examples", "default", "enum", "x-fal", "required", "x-fal-order-properties", "security"]);
  if (DATA.has(parentKey)) return value;
  if (Array.isArray(value)) return value.map((item) => reverseKeywordOrder(item));
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value).map(([key, item]) => [key, reverseKeywordOrder(item, NAME_MAPS.has(parentKey) ? "" : key)] as const);
  return Object.fromEntries(NAME_MAPS.has(parentKey) ? entries : entries.reverse());
}

test("the same document with its keywords in another order gives the same bytes", async () => {
  const dir = await mkdtemp(path.join(WORK, "import-order-"));
  for (const file of VALID_FIXTURES) {
    const shuffled = path.join(dir, file);
    await writeFile(shuffled, JSON.stringify(reverseKeywordOrder(fixture(file)), null, 2));
    expect(readFileSync(shuffled, "utf8")).not.toBe(JSON.stringify(fixture(file), null, 2));
    expect(await importToYaml(shuffled), file).toBe(await importToYaml(path.join(SHARED_FIXTURES, file)));
  }
});

describe("documents that are not fal queue documents are refused with a reason", () => {
  const flux = () => fixture("fal-ai__flux__dev.json");
  const without = (document: Json, change: (document: Json) => void) => (change(document), document);
  /** [what, document or text, what the message must say] */
  const CASES: [string, Json | string, RegExp][] = [
    ["the broken fixture (an Input it never defines)", readFileSync(path.join(SHARED_FIXTURES, BROKEN_FIXTURE), "utf8"), /:152:25 \(at #\/paths\/.*\/\$ref\): unresolved \$ref #\/components\/schemas\/RouterOpenaiV1ChatCompletionsInput/],
    ["not JSON", "<html><body>Not found</body></html>", /invalid JSON/],
    ["a list", "[]", /must be an OpenAPI document \(an object\), found a list/],
    ["Swagger 2", { swagger: "2.0", info: { title: "Petstore" }, paths: {} }, /\(at #\/openapi\): not an OpenAPI 3 document/],
    [
      "an OpenAPI 3 document that is not fal's",
      { openapi: "3.0.3", info: { title: "Petstore", version: "1" }, paths: { "/pets": { get: { responses: {} } } }, components: { schemas: {} } },
      /missing endpoint id: info\.x-fal-metadata\.endpointId must be a string/,
    ],
    ["no status operation", without(flux(), (d) => delete d.paths["/fal-ai/flux/dev/requests/{request_id}/status"]), /not a fal queue document: no GET \/fal-ai\/flux\/dev\/requests\/\{request_id\}\/status/],
    ["cancel as a GET", without(flux(), (d) => {
      const cancel = d.paths["/fal-ai/flux/dev/requests/{request_id}/cancel"];
      cancel.get = cancel.put;
      delete cancel.put;
    }), /\(at #\/paths\/~1fal-ai~1flux~1dev~1requests~1\{request_id\}~1cancel\): not a fal queue document: no PUT/],
    ["an extra path", without(flux(), (d) => (d.paths["/fal-ai/flux/dev/stream"] = { post: {} })), /not a fal queue document: \/fal-ai\/flux\/dev\/stream is not one of the four queue paths of fal-ai\/flux\/dev/],
    [
      "no QueueStatus",
      JSON.stringify(without(flux(), (d) => delete d.components.schemas.QueueStatus)).replaceAll('{"$ref":"#/components/schemas/QueueStatus"}', '{"type":"object"}'),
      /\(at #\/components\/schemas\): not a fal queue document: components\.schemas has no QueueStatus/,
    ],
    ["paths under another id than the metadata's", without(flux(), (d) => (d.info["x-fal-metadata"].endpointId = "fal-ai/flux/schnell")), /no Input schema: the document has no POST \/fal-ai\/flux\/schnell operation/],
    ["the minimal test document (two paths, no QueueStatus)", falSpec("fal-ai/minimal"), /not a fal queue document: no GET \/fal-ai\/minimal\/requests\/\{request_id\}\/status/],
    ["a schema the loader refuses", without(flux(), (d) => (d.components.schemas.FluxDevInput.properties.prompt.type = "text")), /\(at #\/components\/schemas\/FluxDevInput\/properties\/prompt\/type\): type must be one of/],
  ];
  test.each(CASES)("%s", (_what, document, message) => {
    const text = typeof document === "string" ? document : JSON.stringify(document, null, 2);
    expect(() => normalizeDocument({ file: "served.json", text, isJson: true })).toThrow(SpecError);
    expect(() => normalizeDocument({ file: "served.json", text, isJson: true })).toThrow(message);
  });
});

test("npm run import writes specs/<endpoint id>.yaml; a refused document means nothing is written", async () => {
  const dir = await mkdtemp(path.join(WORK, "import-cli-"));
  const good = path.join(SHARED_FIXTURES, "tripo3d__tripo__v2.5__image-to-3d.json");
  const refused = await importCli([good, path.join(SHARED_FIXTURES, BROKEN_FIXTURE), "--specs", "specs"], dir);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain(`error: ${path.join(SHARED_FIXTURES, BROKEN_FIXTURE)}:152:25 (at #/paths/`);
  expect(refused.stderr).toContain("import: nothing was written.");
  expect(existsSync(path.join(dir, "specs"))).toBe(false);
  // A path that names no document is a usage error, as a missing folder is for every command.
  const missing = await importCli([good, "missing.json", "--specs", "specs"], dir);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain("import: missing.json: cannot read the document (no such file or folder)");
  expect(existsSync(path.join(dir, "specs"))).toBe(false);

  const written = await importCli([good, "--specs", "specs"], dir);
  expect(written.stderr).toBe("");
  expect(written.code).toBe(0);
  expect(written.stdout).toContain("wrote     specs/tripo3d/tripo/v2.5/image-to-3d.yaml");
  expect(await readdir(path.join(dir, "specs"), { recursive: true })).toEqual(["tripo3d", "tripo3d/tripo", "tripo3d/tripo/v2.5", "tripo3d/tripo/v2.5/image-to-3d.yaml"]);
  expect(await readFile(path.join(dir, "specs/tripo3d/tripo/v2.5/image-to-3d.yaml"), "utf8")).toBe(await importToYaml(good));
  expect((await importCli([good, "--specs", "specs"], dir)).stdout).toContain("unchanged specs/tripo3d/tripo/v2.5/image-to-3d.yaml");
});

describe("fetching a document from a URL", () => {
  let server: Server;
  let base: string;
  let closedPort: number;
  beforeAll(async () => {
    // Serves like fal: /api/openapi/queue/openapi.json?endpoint_id=<id>, from the fixtures.
    server = createServer((request, response) => {
      const url = new URL(request.url!, "http://127.0.0.1");
      const id = url.searchParams.get("endpoint_id") ?? "";
      const file = path.join(SHARED_FIXTURES, `${id.replaceAll("/", "__")}.json`);
      if (url.pathname === "/api/openapi/queue/openapi.json" && id !== "" && existsSync(file)) {
        response.writeHead(200, { "content-type": "application/json" }).end(readFileSync(file));
      } else if (url.pathname === "/cut") {
        // Headers and the start of the document, then the connection is cut.
        response.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
        response.write('{"openapi": "3.0.4", ');
        setTimeout(() => response.destroy(), 20);
      } else if (url.pathname === "/endless") {
        // A document that never ends: 64 KiB chunks for as long as the client reads.
        response.writeHead(200, { "content-type": "application/json" });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        const more = () => {
          while (!response.destroyed && response.write(chunk));
          if (!response.destroyed) response.once("drain", more);
        };
        more();
      } else if (url.pathname === "/declared-huge") {
        response.writeHead(200, { "content-type": "application/json", "content-length": String(64 * 1024 * 1024) });
        response.write("{");
      } else if (url.pathname === "/moved") {
        response.writeHead(302, { location: "/gone" }).end();
      } else if (url.pathname === "/page") {
        response.writeHead(200, { "content-type": "text/html" }).end("<html><body>Model page</body></html>");
      } else {
        response.writeHead(404, { "content-type": "application/json" }).end('{"detail":"Not Found"}');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // A port nobody listens on: taken from a server that is closed again at once.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const served = (id: string) => `${base}/api/openapi/queue/openapi.json?endpoint_id=${id}`;

  test("a served document gives the same spec as the saved file", async () => {
    expect(await importToYaml(served("fal-ai/flux/dev"))).toBe(await importToYaml(path.join(SHARED_FIXTURES, "fal-ai__flux__dev.json")));
  });

  test("npm run import takes the URL", async () => {
    const dir = await mkdtemp(path.join(WORK, "import-url-"));
    const result = await importCli([served("fal-ai/recraft/v3/text-to-image"), "--specs", "specs"], dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(await readFile(path.join(dir, "specs/fal-ai/recraft/v3/text-to-image.yaml"), "utf8")).toBe(
      await importToYaml(path.join(SHARED_FIXTURES, "fal-ai__recraft__v3__text-to-image.json")),
    );
  });

  test.each([
    ["an unknown endpoint (HTTP 404)", () => served("fal-ai/nope"), /: cannot fetch the document: HTTP 404 Not Found$/],
    ["a redirect to a missing document (the status is the last URL's)", () => `${base}/moved`, /\/moved: cannot fetch the document: HTTP 404 Not Found from http:\/\/127\.0\.0\.1:\d+\/gone, where http:\/\/127\.0\.0\.1:\d+\/moved redirected$/],
    ["an HTML page", () => `${base}/page`, /: invalid JSON/],
    ["a server that is not there", () => `http://127.0.0.1:${closedPort}/openapi.json`, /: cannot fetch the document \(.*ECONNREFUSED/],
    ["an answer cut off mid-body", () => `${base}/cut`, /\/cut: cannot fetch the document \(the connection broke mid-answer: terminated\)$/],
    ["an answer that never ends", () => `${base}/endless`, /\/endless: the document is larger than 32 MiB; fal's are under 1 MB$/],
    ["an answer declaring 64 MiB", () => `${base}/declared-huge`, /\/declared-huge: the document is larger than 32 MiB/],
  ])("%s is refused", async (_what, url, message) => {
    await expect(readDocument(url()).then(normalizeDocument)).rejects.toThrow(message);
  });
});

describe("document files that are not documents are refused before they are read", () => {
  test.each([
    ["a device that never ends", "/dev/zero", /^\/dev\/zero: cannot read the document \(not a regular file\)$/],
    ["a folder", REPO_ROOT, /: cannot read the document \(a folder, not a file\)$/],
    ["a missing file", "/nonexistent/doc.json", /^\/nonexistent\/doc\.json: cannot read the document \(/],
  ])("%s", async (_what, location, message) => {
    await expect(readDocument(location)).rejects.toThrow(message);
  });

  test("a file over 32 MiB", async () => {
    const file = path.join(await tempDir("huge-doc"), "huge.json");
    await writeFile(file, Buffer.alloc(33 * 1024 * 1024, 0x20));
    await expect(readDocument(file)).rejects.toThrow(/huge\.json: the document is larger than 32 MiB; fal's are under 1 MB$/);
  });
});
