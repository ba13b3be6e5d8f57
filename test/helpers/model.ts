import { validateSpec } from "../../generator/load/load-specs.js";
import { buildEndpointModel, type EndpointModel } from "../../generator/model/endpoint-model.js";
import { falSpec } from "./spec-factory.js";

export const TEST_ID = "fal-ai/test/model";

/** The EndpointModel of a spec made by falSpec, with the given Input properties (and more schemas). */
export function modelWithInput(properties: Record<string, unknown>, extraSchemas: Record<string, unknown> = {}, required: string[] = []): EndpointModel {
  const spec = falSpec(TEST_ID, {
    TestModelInput: { type: "object", properties, ...(required.length ? { required } : {}) },
    ...extraSchemas,
  });
  return modelOf(spec);
}

export function modelOf(document: Record<string, unknown>): EndpointModel {
  const source = { file: "specs/test.json", text: JSON.stringify(document), isJson: true };
  return buildEndpointModel({ ...validateSpec(source, document), sourcePath: "test.json" });
}
