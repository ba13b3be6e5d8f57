import { describe, expect, expectTypeOf, test } from "vitest";
import { emitEndpointModule } from "../../generator/emit/emit-endpoint-module.js";
import type { InputWithFiles } from "../../generated/src/index.js";
import * as ideogramEdit from "../../generated/src/endpoints/fal-ai/ideogram/v3/edit.js";
import * as qwen from "../../generated/src/endpoints/fal-ai/qwen-image.js";
import { modelWithInput } from "../helpers/model.js";

const IMAGE = { type: "object", properties: { image_url: { type: "string" } } };

describe("which endpoints take files", () => {
  test.each([
    ["a *_url field", { image_url: { type: "string" } }, {}],
    ["a *_urls field", { image_urls: { type: "array", items: { type: "string" } } }, {}],
    ["a *_url field of a referred schema", { reference: { $ref: "#/components/schemas/Reference" } }, { Reference: IMAGE }],
    ["one in array items, through a union", { references: { type: "array", items: { anyOf: [{ $ref: "#/components/schemas/Reference" }, { type: "string" }] } } }, { Reference: IMAGE }],
    ["one of a schema referred by a referred schema", { outer: { $ref: "#/components/schemas/Outer" } }, { Outer: { type: "object", properties: { inner: { $ref: "#/components/schemas/Reference" } } }, Reference: IMAGE }],
  ])("%s: a file input", (_what, properties, schemas) => {
    expect(modelWithInput({ prompt: { type: "string" }, ...properties }, schemas).fileInputs).toBe(true);
  });

  test.each([
    ["no url field", { prompt: { type: "string" } }, {}],
    ["a field named url, or urls, or ending in url without the underscore", { url: { type: "string" }, urls: { type: "string" }, imageurl: { type: "string" } }, {}],
    ["a *_url schema only the output refers to", { prompt: { type: "string" } }, { TestModelOutput: { type: "object", properties: { image: { $ref: "#/components/schemas/Reference" } } }, Reference: IMAGE }],
    ["a recursive schema without one", { node: { $ref: "#/components/schemas/Node" } }, { Node: { type: "object", properties: { children: { type: "array", items: { $ref: "#/components/schemas/Node" } } } } }],
  ])("%s: none", (_what, properties, schemas) => {
    expect(modelWithInput(properties, schemas).fileInputs).toBe(false);
  });
});

describe("the endpoint module", () => {
  test("with file inputs: the input takes files and every call that sends it passes the upload step", () => {
    const module = emitEndpointModule(modelWithInput({ image_url: { type: "string" } }), "");
    for (const name of ["submit", "subscribe", "run", "stream"]) {
      expect(module).toMatch(new RegExp(`export function ${name}\\(client: \\$runtime\\.FalClient, input: \\$runtime\\.InputWithFiles<Input>`));
      expect(module).toMatch(new RegExp(`return \\$calls\\.${name}With(<[^(]*>)?\\(client, endpointId, input, options, \\$calls\\.uploadFiles\\);`));
    }
    expect(module).toContain("File inputs (Blob, File, ArrayBuffer, Uint8Array) are uploaded first.");
  });

  test("without: the input is the plain type, no call passes the upload step, no doc mentions files", () => {
    const module = emitEndpointModule(modelWithInput({ prompt: { type: "string" } }), "");
    for (const name of ["submit", "subscribe", "run", "stream"]) {
      expect(module).toMatch(new RegExp(`export function ${name}\\(client: \\$runtime\\.FalClient, input: Input,`));
      expect(module).toMatch(new RegExp(`return \\$calls\\.${name}With(<[^(]*>)?\\(client, endpointId, input, options\\);`));
    }
    expect(module).not.toMatch(/uploadFiles|InputWithFiles|File inputs/);
  });

  test("the generated modules' types say the same (checked by tsc on the repo)", () => {
    expectTypeOf<Parameters<typeof qwen.subscribe>[1]>().toEqualTypeOf<qwen.Input>();
    expectTypeOf<Parameters<typeof qwen.submit>[1]>().toEqualTypeOf<qwen.Input>();
    expectTypeOf<Parameters<typeof qwen.stream>[1]>().toEqualTypeOf<qwen.Input>();
    expectTypeOf<Parameters<typeof ideogramEdit.subscribe>[1]>().toEqualTypeOf<InputWithFiles<ideogramEdit.Input>>();
    expectTypeOf<Parameters<typeof ideogramEdit.run>[1]>().toEqualTypeOf<InputWithFiles<ideogramEdit.Input>>();
    // A Blob where the spec has a `*_url` field; none where it has not.
    expectTypeOf<{ prompt: string; image_url: Blob; mask_url: string }>().toMatchTypeOf<Parameters<typeof ideogramEdit.submit>[1]>();
    expectTypeOf<{ prompt: string; loras: { path: Blob }[] }>().not.toMatchTypeOf<Parameters<typeof qwen.submit>[1]>();
  });
});
