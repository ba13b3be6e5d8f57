/**
 * The small programs every consumer-side benchmark compares: the same call of one endpoint's
 * `subscribe` (and, for bundles, its `stream` and `realtime`), written once against falgen's
 * package and once against `@fal-ai/client`.
 */

/** An endpoint both sides type (it is in `@fal-ai/client`'s endpoint map and in specs/). */
export const BENCH_ENDPOINT_ID = "fal-ai/qwen-image";
export const BENCH_ENDPOINT_MODULE = `@falgen/models/${BENCH_ENDPOINT_ID}`;

/** A 64x64 image keeps the simulator's PNG encoding from weighing on the clients' figures. */
export const BENCH_INPUT = { prompt: "a red fox", image_size: { width: 64, height: 64 } };

const input = JSON.stringify(BENCH_INPUT);

/** A Node program, type-checked as a user's project would be. */
export const NODE_APPS = {
  falgen: [
    'import { createFalClient } from "@falgen/models";',
    `import * as endpoint from "${BENCH_ENDPOINT_MODULE}";`,
    "const fal = createFalClient();",
    `const { data, requestId } = await endpoint.subscribe(fal, ${input}, { onQueueUpdate: (status) => console.log(status.status) });`,
    "console.log(requestId, data.images[0]?.url);",
  ].join("\n"),
  peer: [
    'import { fal } from "@fal-ai/client";',
    `const { data, requestId } = await fal.subscribe("${BENCH_ENDPOINT_ID}", { input: ${input}, onQueueUpdate: (status) => console.log(status.status) });`,
    "console.log(requestId, data.images[0]?.url);",
  ].join("\n"),
};

/**
 * The Node program's statements against a few lines of its own declarations instead of a package:
 * what type-checking the program costs with the least a package could add. The type-check
 * benchmark reports it beside the two packages, so their figures can be read against it.
 * `image_size` has the type fal's document gives it, which both packages print (an object of
 * optional fields, or one of the named sizes): checking the literal against it is the endpoint's
 * cost, not a package's.
 */
const [floorStatus, floorOutput, floorSubscribe] = endpointDeclarations("{ queueUrl: string }");
export const NODE_APP_FLOOR: string = [
  floorStatus,
  floorOutput,
  "declare function createFalClient(): { queueUrl: string };",
  floorSubscribe,
  "const fal = createFalClient();",
  `const { data, requestId } = await subscribe(fal, ${input}, { onQueueUpdate: (status) => console.log(status.status) });`,
  "console.log(requestId, data.images[0]?.url);",
  "export {};",
].join("\n");

/** The floor's declarations of the endpoint (its status, its output, `subscribe`), with `client` the client's type. */
function endpointDeclarations(client: string): string[] {
  return [
    "interface Status { status: \"IN_QUEUE\" | \"IN_PROGRESS\" | \"COMPLETED\"; request_id: string }",
    "interface Output { images: { url: string }[] }",
    `declare function subscribe(client: ${client}, input: { prompt: string; image_size?: { width?: number; height?: number } | "square_hd" | "square" | "portrait_4_3" | "portrait_16_9" | "landscape_4_3" | "landscape_16_9" }, options?: { onQueueUpdate?: (status: Status) => void }): Promise<{ data: Output; requestId: string }>;`,
  ];
}

/**
 * The floor's declarations as a package of its own (`@falgen/models`: its root and the endpoint's
 * subpath, a few lines of .d.ts each), which `NODE_APPS.falgen` imports unchanged: what checking
 * the program costs when its declarations come from a package at all (resolving it through its
 * `exports`, reading its files, the imports' aliases), with the least a package could declare.
 * Reported without a goal, beside the floor. Files by their path inside the package's folder.
 */
export const MINIMAL_PACKAGE: Readonly<Record<string, string>> = {
  "package.json": JSON.stringify({
    name: "@falgen/models",
    version: "0.0.0",
    type: "module",
    exports: { ".": { types: "./index.d.ts" }, [`./${BENCH_ENDPOINT_ID}`]: { types: "./endpoint.d.ts" } },
  }),
  "index.d.ts": ["export interface FalClient { queueUrl: string }", "export declare function createFalClient(): FalClient;"].join("\n"),
  "endpoint.d.ts": ['import type { FalClient } from "./index.js";', ...endpointDeclarations("FalClient").map((line) => `export ${line}`)].join("\n"),
};

/** A browser page: it talks to fal through the app's server-side proxy, never with the key. */
export const BROWSER_APPS = {
  falgen: [
    'import { createFalClient } from "@falgen/models";',
    `import * as endpoint from "${BENCH_ENDPOINT_MODULE}";`,
    'const fal = createFalClient({ proxyUrl: "/api/fal/proxy" });',
    `const { data } = await endpoint.subscribe(fal, ${input});`,
    'document.body.textContent = data.images[0]?.url ?? "";',
  ].join("\n"),
  /** The same page checking the input before sending it: what validating one endpoint adds. */
  falgenValidated: [
    'import { createFalClient } from "@falgen/models";',
    `import * as endpoint from "${BENCH_ENDPOINT_MODULE}";`,
    'const fal = createFalClient({ proxyUrl: "/api/fal/proxy" });',
    `const { data } = await endpoint.subscribe(fal, ${input}, { validate: endpoint.inputValidator });`,
    'document.body.textContent = data.images[0]?.url ?? "";',
  ].join("\n"),
  peer: [
    'import { fal } from "@fal-ai/client";',
    'fal.config({ proxyUrl: "/api/fal/proxy" });',
    `const { data } = await fal.subscribe("${BENCH_ENDPOINT_ID}", { input: ${input} });`,
    'document.body.textContent = data.images[0]?.url ?? "";',
  ].join("\n"),
};

/** A browser page streaming partial outputs through the app's proxy. */
export const BROWSER_STREAM_APPS = {
  falgen: [
    'import { createFalClient } from "@falgen/models";',
    `import * as endpoint from "${BENCH_ENDPOINT_MODULE}";`,
    'const fal = createFalClient({ proxyUrl: "/api/fal/proxy" });',
    `const stream = endpoint.stream(fal, ${input});`,
    "for await (const partial of stream) console.log(partial);",
    'document.body.textContent = (await stream.done()).images[0]?.url ?? "";',
  ].join("\n"),
  peer: [
    'import { fal } from "@fal-ai/client";',
    'fal.config({ proxyUrl: "/api/fal/proxy" });',
    `const stream = await fal.stream("${BENCH_ENDPOINT_ID}", { input: ${input} });`,
    "for await (const partial of stream) console.log(partial);",
    'document.body.textContent = (await stream.done()).images[0]?.url ?? "";',
  ].join("\n"),
};

/** A browser page with a realtime session, its tokens from the app's server. */
const tokenProvider = 'async (id: string) => (await fetch("/api/fal/token", { method: "POST", body: JSON.stringify({ app: id }) })).json()';
export const BROWSER_REALTIME_APPS = {
  falgen: [
    'import { createFalClient } from "@falgen/models";',
    `import * as endpoint from "${BENCH_ENDPOINT_MODULE}";`,
    "const fal = createFalClient();",
    `const connection = endpoint.realtime(fal, { tokenProvider: ${tokenProvider}, onResult: (output) => (document.body.textContent = output.images[0]?.url ?? "") });`,
    `connection.send(${input});`,
  ].join("\n"),
  peer: [
    'import { fal } from "@fal-ai/client";',
    `const connection = fal.realtime.connect("${BENCH_ENDPOINT_ID}", { tokenProvider: ${tokenProvider}, onResult: (output) => (document.body.textContent = output.images[0]?.url ?? "") });`,
    `connection.send(${input});`,
  ].join("\n"),
};
