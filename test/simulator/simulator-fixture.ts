import { copyFile, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { crc32, inflateSync } from "node:zlib";
import { loadEndpointRegistry, type SimulatedEndpoint } from "../../generator/simulator/endpoints/endpoint-registry.js";
import { startSimulator, type RunningSimulator, type SimulatorOptions } from "../../generator/simulator/start-simulator.js";
import { synthesizeValue } from "../../generator/simulator/outputs/synthesize-value.js";
import { whenDone } from "../helpers/cleanup.js";
import { SHARED_FIXTURES } from "../helpers/temp-dir.js";

export const KEY = "sim-test-key:0123456789abcdef";
export const BROKEN_FIXTURE = "openrouter__router__openai__v1__chat__completions.json";

let specsDir: Promise<string> | undefined;

/**
 * A temp folder (outside the repo) holding every valid shared fal fixture; removed after the file
 * (or the test) that first asked for it.
 */
export function fixtureSpecsDir(): Promise<string> {
  specsDir ??= (async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "falgen-sim-specs-"));
    for (const name of await readdir(SHARED_FIXTURES)) {
      if (name.endsWith(".json") && name !== BROKEN_FIXTURE) await copyFile(path.join(SHARED_FIXTURES, name), path.join(dir, name));
    }
    whenDone(async () => {
      specsDir = undefined;
      await rm(dir, { recursive: true, force: true });
    });
    return dir;
  })();
  return specsDir;
}

/** A simulator on 127.0.0.1 (random port) over the fixtures, with fast timers; closed after the file. */
export async function startTestSimulator(options: Partial<SimulatorOptions> = {}): Promise<RunningSimulator> {
  const simulator = await startSimulator({
    specsDir: await fixtureSpecsDir(),
    port: 0,
    queueMs: 30,
    runMs: 30,
    queueDepth: 2,
    logLines: 3,
    apiKeys: [KEY],
    webhookRetryMs: 10,
    ...options,
  });
  whenDone(() => simulator.close());
  return simulator;
}

export async function fixtureEndpoints(): Promise<SimulatedEndpoint[]> {
  const registry = await loadEndpointRegistry({ specsDir: await fixtureSpecsDir() });
  return [...registry.endpoints.values()];
}

/** A valid input for an endpoint, built from its Input schema's examples and limits. */
export function exampleInput(endpoint: SimulatedEndpoint): Record<string, unknown> {
  return synthesizeValue(endpoint.inputPointer, { validator: endpoint.validator, input: {}, count: 1, seed: 1, inferenceSeconds: 0 }) as Record<string, unknown>;
}

export const AUTH = { Authorization: `Key ${KEY}` };

export function call(url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { ...init, headers: { ...AUTH, ...(init.headers as Record<string, string> | undefined) } });
}

export interface Submitted {
  status: string;
  request_id: string;
  response_url: string;
  status_url: string;
  cancel_url: string;
  queue_position: number;
}

export async function submit(simulator: RunningSimulator, endpointId: string, input: unknown, headers: Record<string, string> = {}, query = ""): Promise<Submitted> {
  const response = await call(`${simulator.url}/${endpointId}${query}`, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(input) });
  if (response.status !== 200) throw new Error(`submit answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Submitted;
}

/** Polls the status URL (with logs) every `intervalMs` until COMPLETED; returns every status seen, in order. */
export async function pollUntilCompleted(statusUrl: string, headers: Record<string, string> = {}, intervalMs = 3): Promise<Record<string, unknown>[]> {
  const seen: Record<string, unknown>[] = [];
  for (let attempt = 0; attempt < 2000; attempt++) {
    const response = await call(`${statusUrl}?logs=1`, { headers });
    if (response.ok) {
      const status = (await response.json()) as Record<string, unknown>;
      seen.push(status);
      if (status.status === "COMPLETED") return seen;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`request at ${statusUrl} never completed`);
}

/** Every data event of an SSE response, parsed. */
export async function readSse(response: Response): Promise<Record<string, unknown>[]> {
  const text = await response.text();
  return text
    .split("\n\n")
    .map((block) => block.split("\n").filter((line) => line.startsWith("data:")).map((line) => line.slice(5).trim()).join("\n"))
    .filter(Boolean)
    .map((data) => JSON.parse(data) as Record<string, unknown>);
}

/**
 * Decodes a PNG far enough to prove it is real: signature, every chunk's CRC, IHDR, and IDAT that
 * inflates to exactly height rows of (1 filter byte + width * channels) bytes with valid filters.
 */
export function decodePng(bytes: Buffer): { width: number; height: number } {
  if (bytes.subarray(0, 8).toString("hex") !== "89504e470d0a1a0a") throw new Error("not a PNG signature");
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  let ended = false;
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString("latin1", offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    const crc = bytes.readUInt32BE(offset + 8 + length);
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== crc) throw new Error(`bad CRC in ${type}`);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8) throw new Error("expected bit depth 8");
      channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[data[9]!] ?? 0;
      if (!channels) throw new Error(`unsupported colour type ${data[9]}`);
    }
    if (type === "IDAT") idat.push(data);
    if (type === "IEND") ended = true;
    offset += 12 + length;
  }
  if (!ended) throw new Error("no IEND");
  const raw = inflateSync(Buffer.concat(idat));
  const rowLength = 1 + width * channels;
  if (raw.length !== rowLength * height) throw new Error(`IDAT holds ${raw.length} bytes, expected ${rowLength * height}`);
  for (let row = 0; row < height; row++) if (raw[row * rowLength]! > 4) throw new Error(`bad filter on row ${row}`);
  return { width, height };
}
