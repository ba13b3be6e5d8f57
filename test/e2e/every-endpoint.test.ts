import { readdir } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { loadSpecs } from "../../generator/load/load-specs.js";
import { buildEndpointModel, type EndpointModel } from "../../generator/model/endpoint-model.js";
import { endpointPaths } from "../../generator/naming.js";
import { createSchemaValidator, schemaPointer } from "../../generator/simulator/validation/schema-validator.js";
import { startSimulator, type RunningSimulator } from "../../generator/simulator/start-simulator.js";
import { createFalClient, type FalClient, type QueueStatus } from "../../generated/src/index.js";
import { verifyWebhook, type WebhookPayload } from "../../generated/src/runtime/server/index.js";
import { serve } from "../runtime/serve.js";
import { REPO_ROOT } from "../helpers/temp-dir.js";

/**
 * Every endpoint in specs/, called through its generated module (the code users import) against
 * the simulator: subscribe in both modes, submit/status/result, cancel and a webhook; every
 * output is checked against the spec's Output schema.
 */

const KEY = "e2e-key-id:e2e-key-secret";
const { specs } = await loadSpecs(path.join(REPO_ROOT, "specs"));
const models = specs.map(buildEndpointModel);

interface EndpointModule {
  endpointId: string;
  submit(client: FalClient, input: unknown, options?: object): Promise<{ requestId: string; statusUrl: string }>;
  status(client: FalClient, requestId: string, options?: object): Promise<QueueStatus>;
  result(client: FalClient, requestId: string, options?: object): Promise<{ data: unknown; requestId: string }>;
  cancel(client: FalClient, requestId: string, options?: object): Promise<void>;
  subscribe(client: FalClient, input: unknown, options?: object): Promise<{ data: unknown; requestId: string }>;
}

let sim: RunningSimulator;
let slow: RunningSimulator;
// One receiver for every endpoint's webhook (each test finds its own delivery by request id): made
// at the file's level, since a resource a concurrent test makes could be closed when another ends
// (test/helpers/cleanup.ts).
const deliveries: WebhookPayload<unknown>[] = [];
const hooks = await serve(async (request) => {
  deliveries.push(await verifyWebhook(request, { jwks: sim.jwks }));
  return new Response(null, { status: 200 });
});

beforeAll(async () => {
  const specsDir = path.join(REPO_ROOT, "specs");
  sim = await startSimulator({ specsDir, apiKeys: [KEY], queueMs: 20, runMs: 40 });
  // Long enough in the queue that a cancel always arrives first.
  slow = await startSimulator({ specsDir, apiKeys: [KEY], queueMs: 5_000, runMs: 5_000 });
});
afterAll(() => Promise.all([sim?.close(), slow?.close()]));

/** The committed generated module (kept current with specs/ by `generate --check` in CI). */
function load(model: EndpointModel): Promise<EndpointModule> {
  return import(path.join(REPO_ROOT, "generated/src", `${endpointPaths(model.id).module}.js`));
}

const validators = new Map<(typeof specs)[number], ReturnType<typeof createSchemaValidator>>();

function expectValidOutput(model: EndpointModel, spec: (typeof specs)[number], data: unknown): void {
  if (!validators.has(spec)) validators.set(spec, createSchemaValidator(spec.document));
  const errors = validators.get(spec)!.errors(schemaPointer(model.output.name), data);
  expect(errors, `${model.id} output`).toEqual([]);
}

test("every spec in specs/ is loaded, under its file's endpoint id", async () => {
  const files = (await readdir(path.join(REPO_ROOT, "specs"), { recursive: true })).filter((file) => file.endsWith(".yaml"));
  expect(files.length).toBeGreaterThan(0);
  expect(models.map((model) => model.id).sort()).toEqual(files.map((file) => file.slice(0, -".yaml".length).split(path.sep).join("/")).sort());
});

// Every call is its own request with its own timers: the endpoints' tests run at once.
describe.concurrent.each(models.map((model, index) => [model.id, model, specs[index]!] as const))("%s", (_id, model, spec) => {
  const client = () => createFalClient({ credentials: KEY, queueUrl: sim.url, storageUrl: sim.storageUrl });
  const input = model.inputExample!; // every spec of this repo has one

  test.each(["polling", "streaming"] as const)("subscribe (%s) returns an output valid against the Output schema", async (mode) => {
    const endpoint = await load(model);
    expect(endpoint.endpointId).toBe(model.id);
    const updates: string[] = [];
    let enqueued: string | undefined;
    const { data, requestId } = await endpoint.subscribe(client(), input, {
      mode, logs: true, pollInterval: 10, onEnqueue: (id: string) => (enqueued = id), onQueueUpdate: (status: QueueStatus) => updates.push(status.status),
    });
    expect(requestId).toBe(enqueued);
    expect(updates.at(-1)).toBe("COMPLETED");
    expectValidOutput(model, spec, data);
  });

  test("submit, status until COMPLETED, result", async () => {
    const endpoint = await load(model);
    const { requestId } = await endpoint.submit(client(), input);
    let status: QueueStatus;
    do status = await endpoint.status(client(), requestId, { logs: true });
    while (status.status !== "COMPLETED" && (await new Promise((resolve) => setTimeout(resolve, 10)), true));
    const result = await endpoint.result(client(), requestId);
    expect(result.requestId).toBe(requestId);
    expectValidOutput(model, spec, result.data);
  });

  test("cancel a queued request", async () => {
    const endpoint = await load(model);
    const fal = createFalClient({ credentials: KEY, queueUrl: slow.url, storageUrl: slow.storageUrl });
    const { requestId } = await endpoint.submit(fal, input);
    await expect(endpoint.cancel(fal, requestId)).resolves.toBeUndefined();
    const after = await endpoint.status(fal, requestId);
    expect(after.status).toBe("COMPLETED");
  });

  test("a webhook delivery carries an output valid against the Output schema", async ({ expect }) => {
    const endpoint = await load(model);
    const { requestId } = await endpoint.submit(client(), input, { webhookUrl: `${hooks.url}/hook` });
    await expect.poll(() => deliveries.find((delivery) => delivery.request_id === requestId), { timeout: 10_000 }).toBeDefined();
    const delivery = deliveries.find((entry) => entry.request_id === requestId)!;
    expect(delivery.status).toBe("OK");
    expectValidOutput(model, spec, delivery.payload);
  });
});
