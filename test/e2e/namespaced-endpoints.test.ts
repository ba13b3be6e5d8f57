import { readFile, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { createFalClient } from "../../generator/runtime/index.js";
import { cancel, result, status, streamStatus, subscribe } from "../../generator/runtime/endpoint-calls.js";
import { createProxyHandler } from "../../generator/runtime/server/index.js";
import { startSimulator } from "../../generator/simulator/start-simulator.js";
import { falSpec } from "../helpers/spec-factory.js";
import { tempDir } from "../helpers/temp-dir.js";
import { serve } from "../runtime/serve.js";

// fal's namespaced ids keep the namespace as a prefix: requests live under namespace/owner/app.
const IDS = [
  ["workflows/acme/pipeline/step", "workflows/acme/pipeline"],
  ["comfy/acme/graph", "comfy/acme/graph"],
  ["comfy/acme/graph/v2/run", "comfy/acme/graph"],
] as const;
const KEY = "ns-key:ns-secret";

test("namespaced endpoints: generated at their full id, served by the simulator under [namespace/]owner/app, called directly and through the proxy", async () => {
  const specs = await tempDir("namespaced-specs");
  for (const [id] of IDS) {
    await mkdir(path.dirname(path.join(specs, `${id}.json`)), { recursive: true });
    await writeFile(path.join(specs, `${id}.json`), JSON.stringify(falSpec(id)));
  }
  const out = path.join(await tempDir("namespaced-out"), "generated");
  const report = await generate({ specsDir: specs, outDir: out, cacheDir: false });
  expect(report.errors).toEqual([]);
  expect(report.endpoints).toEqual(IDS.map(([id]) => id).sort());
  for (const [id] of IDS) {
    expect(await readFile(path.join(out, "src/endpoints", `${id}.js`), "utf8")).toContain(`export const endpointId = ${JSON.stringify(id)};`);
  }

  const sim = await startSimulator({ specsDir: specs, apiKeys: [KEY], queueMs: 10, runMs: 20 });
  try {
    const proxy = await serve(createProxyHandler({ allowedEndpoints: IDS.map(([id]) => id), credentials: KEY, queueUrl: sim.url, storageUrl: sim.storageUrl }));
    const direct = createFalClient({ credentials: KEY, queueUrl: sim.url, storageUrl: sim.storageUrl });
    const browser = createFalClient({ proxyUrl: proxy.url, queueUrl: sim.url, storageUrl: sim.storageUrl });
    for (const [id, app] of IDS) {
      for (const client of [direct, browser]) {
        for (const mode of ["polling", "streaming"] as const) {
          const { data, requestId } = await subscribe<{ images: unknown[] }>(client, id, { prompt: "a fox" }, { mode, pollInterval: 5 });
          expect(Array.isArray(data.images)).toBe(true);
          await expect(status(client, id, requestId)).resolves.toMatchObject({ status: "COMPLETED", response_url: `${sim.url}/${app}/requests/${requestId}` });
          const events = [];
          for await (const event of streamStatus(client, id, requestId)) events.push(event.status);
          expect(events).toEqual(["COMPLETED"]);
          await expect(result(client, id, requestId)).resolves.toEqual({ data, requestId });
          await expect(cancel(client, id, requestId)).rejects.toMatchObject({ status: 400, body: { status: "ALREADY_COMPLETED" } });
        }
      }
    }
    expect(proxy.calls.length).toBeGreaterThan(0);
    expect(sim.stats().unauthorized).toBe(0);
  } finally {
    await sim.close();
  }
});
