import path from "node:path";
import { build } from "esbuild";
import { describe, expect, test } from "vitest";
import { REPO_ROOT } from "../helpers/temp-dir.js";

const SOURCE = path.join(REPO_ROOT, "generated/src");
const ENDPOINT = path.join(SOURCE, "endpoints/fal-ai/qwen-image.js");
/** An endpoint with file inputs (`image_url`, `mask_url`), where qwen-image has none. */
const FILE_ENDPOINT = path.join(SOURCE, "endpoints/fal-ai/ideogram/v3/edit.js");
const SECRET = "bundle-secret-key:0123456789";

/** A browser page bundled as a user's bundler would (esbuild, browser, ESM, minified), with the inputs that put code in it. */
async function bundlePage(body: string, endpoint = ENDPOINT, platform: "browser" | "node" = "browser", conditions?: string[]): Promise<{ code: string; inputs: string[] }> {
  const previous = process.env.FAL_KEY;
  // The key is in the build's environment, as on a developer's machine: nothing may inline it.
  process.env.FAL_KEY = SECRET;
  try {
    const result = await build({
      stdin: {
        contents: [`import { createFalClient } from ${JSON.stringify(path.join(SOURCE, "index.js"))};`, `import * as endpoint from ${JSON.stringify(endpoint)};`, body].join("\n"),
        loader: "ts",
        resolveDir: REPO_ROOT,
      },
      bundle: true,
      minify: true,
      platform,
      // A bundler's own conditions (wrangler's, Next's edge) beside the platform's.
      ...(conditions ? { conditions } : {}),
      format: "esm",
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    // Modules tree-shaken away still appear, with 0 bytes in the output.
    const inputs = Object.values(result.metafile.outputs).flatMap((output) => Object.entries(output.inputs).filter(([, { bytesInOutput }]) => bytesInOutput > 0).map(([file]) => file));
    return { code: result.outputFiles[0]!.text, inputs };
  } finally {
    if (previous === undefined) delete process.env.FAL_KEY;
    else process.env.FAL_KEY = previous;
  }
}

const streamPage = [
  'const fal = createFalClient({ proxyUrl: "/api/fal/proxy" });',
  'const stream = endpoint.stream(fal, { prompt: "a fox" });',
  "for await (const partial of stream) console.log(partial);",
].join("\n");
const realtimePage = [
  "const fal = createFalClient();",
  'const connection = endpoint.realtime(fal, { tokenProvider: async (endpointId) => (await fetch("/api/fal/token", { method: "POST", body: JSON.stringify({ endpointId }) })).json() });',
  'connection.send({ prompt: "a fox" });',
].join("\n");
const queuePage = ['const fal = createFalClient({ proxyUrl: "/api/fal/proxy" });', 'console.log(await endpoint.subscribe(fal, { prompt: "a fox" }));'].join("\n");

describe("browser bundles", () => {
  test.each([
    ["stream", streamPage],
    ["realtime", realtimePage],
  ])("a %s page holds no key and none of the server-side holders (proxy, token handler)", async (_page, body) => {
    const { code, inputs } = await bundlePage(body);
    expect(code).not.toContain(SECRET);
    expect(inputs.filter((input) => input.includes("runtime/server/"))).toEqual([]);
    expect(code).not.toContain("is not allowed by this proxy");
    expect(code).not.toContain("No realtime tokens for");
  });

  test("the main entry, every export of it kept, holds none of the server-side pieces (proxy, webhook verification, token handler)", async () => {
    // Re-exported whole, as a page that imports all of it would: nothing is tree-shaken away.
    const { code, inputs } = await bundlePage(`export * from ${JSON.stringify(path.join(SOURCE, "index.js"))};`);
    expect(code).toContain("createFalClient");
    expect(inputs.filter((input) => input.includes("runtime/server/"))).toEqual([]);
    for (const text of ["is not allowed by this proxy", "No realtime tokens for", "x-fal-webhook-signature", "Ed25519"]) expect(code).not.toContain(text);
  });

  test("the server subpath holds them", async () => {
    const { code } = await bundlePage(`export * from ${JSON.stringify(path.join(SOURCE, "runtime/server/index.js"))};`);
    for (const text of ["is not allowed by this proxy", "No realtime tokens for", "x-fal-webhook-signature", "Ed25519"]) expect(code).toContain(text);
  });

  test("realtime and msgpack stay out of a page that does not call realtime", async () => {
    for (const body of [queuePage, streamPage]) {
      const { inputs } = await bundlePage(body);
      expect(inputs.filter((input) => /msgpack|runtime\/realtime\.js$/.test(input))).toEqual([]);
    }
    const { inputs } = await bundlePage(realtimePage);
    expect(inputs.some((input) => input.includes("@msgpack/msgpack"))).toBe(true);
  });

  test("what only Node's fetch (undici) needs stays out of a browser page, through the browser condition of the package's #undici import", async () => {
    const nodeOnly = ["setImmediate", "UND_ERR_CONNECT_TIMEOUT", '"error"'];
    for (const body of [queuePage, streamPage]) {
      const { code, inputs } = await bundlePage(body);
      expect(inputs.filter((input) => input.endsWith("runtime/internal/undici.js"))).toEqual([]);
      for (const text of nodeOnly) expect(code).not.toContain(text);
    }
    // The same page built for Node keeps them.
    const { code } = await bundlePage(queuePage, ENDPOINT, "node");
    for (const text of nodeOnly) expect(code).toContain(text);
  });

  test("a page reads no process environment for a key (it has none), while Workers, Vercel's edge and web workers, whose bundlers also resolve browser, still do", async () => {
    const reads = (code: string) => ["FAL_KEY_SECRET", "process"].filter((text) => code.includes(text));
    for (const body of [queuePage, streamPage]) expect(reads((await bundlePage(body)).code)).toEqual([]);
    for (const conditions of [["workerd", "worker", "browser"], ["edge-light", "worker", "browser"], ["worker", "browser"]]) {
      expect(reads((await bundlePage(queuePage, ENDPOINT, "browser", conditions)).code)).toEqual(["FAL_KEY_SECRET", "process"]);
    }
    expect(reads((await bundlePage(queuePage, ENDPOINT, "node")).code)).toEqual(["FAL_KEY_SECRET", "process"]);
  });

  test("of openapi-fetch, a page holds the serialiser fal's query parameters use: not those of array and object parameters, nor form bodies", async () => {
    for (const body of [queuePage, streamPage]) {
      const { code } = await bundlePage(body);
      expect(code).toContain("encodeURIComponent");
      for (const unused of ["deepObject", "spaceDelimited", "application/x-www-form-urlencoded", "FormData"]) expect(code).not.toContain(unused);
    }
  });

  test("the upload code stays out of a page whose endpoint has no file inputs, and is in one whose endpoint has", async () => {
    const upload = (inputs: string[]) => inputs.filter((input) => input.endsWith("runtime/internal/upload.js"));
    for (const body of [queuePage, streamPage, `const fal = createFalClient(); console.log(await endpoint.run(fal, { prompt: "a fox" }), await endpoint.submit(fal, { prompt: "a fox" }));`]) {
      const without = await bundlePage(body);
      expect(upload(without.inputs)).toEqual([]);
      expect(without.code).not.toContain("storage/upload/initiate");
      const withFiles = await bundlePage(body, FILE_ENDPOINT);
      expect(upload(withFiles.inputs)).toHaveLength(1);
      expect(withFiles.code).toContain("storage/upload/initiate");
    }
  });
});
