import path from "node:path";
import type { StandardSchemaV1 } from "@standard-schema/spec";
import { afterAll, beforeAll, describe, expect, expectTypeOf, test } from "vitest";
import { createFalClient, FalError, FalValidationError, subscribe as subscribeById } from "../../generated/src/index.js";
import * as ideogram from "../../generated/src/endpoints/fal-ai/ideogram/v3/edit.js";
import * as qwen from "../../generated/src/endpoints/fal-ai/qwen-image.js";
import { startSimulator, type RunningSimulator } from "../../generator/simulator/start-simulator.js";
import { failure } from "../helpers/failure.js";
import { REPO_ROOT } from "../helpers/temp-dir.js";

const KEY = "validate-key:secret";
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ specsDir: path.join(REPO_ROOT, "specs"), apiKeys: [KEY], queueMs: 0, runMs: 0 });
});
afterAll(() => sim?.close());

const client = (options: Parameters<typeof createFalClient>[0] = {}) =>
  createFalClient({ credentials: KEY, queueUrl: sim.url, storageUrl: sim.storageUrl, runUrl: `${sim.url}/_run`, ...options });
const requestsSent = () => Object.values(sim.stats().routes).reduce((sum, count) => sum + count, 0);

// Not a valid input: prompt missing, a width of the wrong type, a fifth LoRA where 3 is the most.
const BAD = { image_size: { width: "wide", height: 64 }, loras: [{ path: "a" }, { path: "b" }, { path: "c" }, { path: "d" }] } as unknown as qwen.Input;

describe("validate: an invalid input is refused before any request, with fal's field errors", () => {
  test("per call, with the endpoint's validator: the same errors fal's 422 lists, and nothing sent", async () => {
    const fal = client();
    // What fal (the simulator) answers without validation: its 422.
    const remote = (await failure(qwen.submit(fal, BAD))) as FalValidationError;
    expect(remote).toBeInstanceOf(FalValidationError);
    const before = requestsSent();
    const calls = [
      qwen.submit(fal, BAD, { validate: qwen.inputValidator }),
      qwen.subscribe(fal, BAD, { validate: qwen.inputValidator }),
      qwen.run(fal, BAD, { validate: qwen.inputValidator }),
      qwen.stream(fal, BAD, { validate: qwen.inputValidator }).done(),
    ];
    for (const call of calls) {
      const local = (await failure(call)) as FalValidationError;
      expect(local).toBeInstanceOf(FalValidationError);
      expect(local.status).toBe(422);
      expect(local.fieldErrors).toEqual(remote.fieldErrors.map(({ loc, msg, type }) => ({ loc, msg, type })));
      expect(local.fieldErrors.map((error) => error.loc)).toEqual(expect.arrayContaining([["body", "prompt"], ["body", "image_size", "width"], ["body", "loras"]]));
      expect(local.message).toMatch(/^Invalid input for fal-ai\/qwen-image, nothing was sent: .*prompt: Field required/);
    }
    expect(requestsSent()).toBe(before);
  });

  test("validate: true finds the validator registered on the client; the client's validate covers every call; false turns it off", async () => {
    const fal = client({ validators: [qwen.inputValidator] });
    const before = requestsSent();
    expect(await failure(qwen.submit(fal, BAD, { validate: true }))).toBeInstanceOf(FalValidationError);
    expect(await failure(subscribeById(fal, "fal-ai/qwen-image", BAD, { validate: true }))).toBeInstanceOf(FalValidationError);
    const always = client({ validate: true, validators: [qwen.inputValidator] });
    expect(await failure(qwen.subscribe(always, BAD))).toBeInstanceOf(FalValidationError);
    expect(await failure(qwen.run(always, BAD))).toBeInstanceOf(FalValidationError);
    expect(await failure(qwen.stream(always, BAD).done())).toBeInstanceOf(FalValidationError);
    expect(requestsSent()).toBe(before);
    // Turned off for one call: fal itself refuses it.
    const remote = await failure(qwen.submit(always, BAD, { validate: false }));
    expect(remote).toBeInstanceOf(FalValidationError);
    expect(requestsSent()).toBe(before + 1);
  });

  test("a valid input goes through, files standing in for the URLs they become", async () => {
    const fal = client({ validate: true, validators: [qwen.inputValidator, ideogram.inputValidator] });
    const { data } = await qwen.subscribe(fal, { prompt: "a fox", image_size: { width: 64, height: 64 } }, { pollInterval: 20 });
    expect(data.images.length).toBeGreaterThan(0);
    expect((await qwen.run(fal, { prompt: "a fox", image_size: { width: 64, height: 64 } })).data.images.length).toBeGreaterThan(0);
    expect((await qwen.stream(fal, { prompt: "a fox", image_size: { width: 64, height: 64 } }).done()).images.length).toBeGreaterThan(0);
    const png = new Blob([new Uint8Array([137, 80, 78, 71])], { type: "image/png" });
    const { requestId } = await ideogram.submit(fal, { prompt: "edit", image_url: png, mask_url: png });
    expect(requestId).toBeTruthy();
  });

  test("validate: true with no validator registered, or another endpoint's, says how to fix it and sends nothing", async () => {
    const before = requestsSent();
    const missing = await failure(qwen.submit(client(), { prompt: "x" }, { validate: true }));
    expect(missing).toBeInstanceOf(FalError);
    expect((missing as Error).message).toMatch(/no validator registered for fal-ai\/qwen-image; pass createFalClient\(\{ validators/);
    const wrong = await failure(qwen.submit(client(), { prompt: "x" }, { validate: ideogram.inputValidator as never }));
    expect((wrong as Error).message).toMatch(/validator of fal-ai\/ideogram\/v3\/edit, not of fal-ai\/qwen-image/);
    expect(requestsSent()).toBe(before);
  });
});

describe("the exported schemas and the Standard Schema validator", () => {
  test("inputValidator is a Standard Schema v1 object whose issues carry the field paths", () => {
    const standard = qwen.inputValidator["~standard"];
    // Form libraries, tRPC and AI SDK tools infer the input type from it (checked by tsc on the repo).
    expectTypeOf<StandardSchemaV1.InferOutput<typeof qwen.inputValidator>>().toEqualTypeOf<qwen.Input>();
    // The runtime carries its own copy of the interface (in runtime/index.ts): it must stay the spec's.
    expectTypeOf(qwen.inputValidator).toExtend<StandardSchemaV1<qwen.Input>>();
    expect(standard.version).toBe(1);
    expect(standard.vendor).toBe("falgen");
    expect(standard.validate({ prompt: "ok" })).toEqual({ value: { prompt: "ok" } });
    const result = standard.validate({ image_size: { width: "wide" } });
    expect("issues" in result && result.issues).toEqual([
      { message: "Field required", path: ["prompt"] },
      { message: "Input should be a valid integer", path: ["image_size", "width"] },
    ]);
  });

  test("inputSchema and outputSchema are standalone JSON Schemas: every ref resolves inside them", () => {
    for (const schema of [qwen.inputSchema, qwen.outputSchema, ideogram.inputSchema, ideogram.outputSchema]) {
      const refs = JSON.stringify(schema).match(/"\$ref":"[^"]*"/g) ?? [];
      for (const ref of refs) {
        const name = JSON.parse(`{${ref}}`).$ref.replace("#/$defs/", "");
        expect((schema.$defs as Record<string, unknown>)[name]).toBeDefined();
      }
    }
    expect(qwen.inputSchema.required).toEqual(["prompt"]);
    expect((qwen.inputSchema.properties as Record<string, { description?: string }>).prompt?.description).toBe("The prompt to generate the image with");
    expect(JSON.stringify(qwen.outputSchema)).not.toContain("#/components/");
  });
});
