import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { captureSpecs } from "../../generator/capture/capture.js";
import { parsePages } from "../../generator/capture/parse-page.js";
import { validateSpec } from "../../generator/load/load-specs.js";
import { REPO_ROOT } from "../helpers/temp-dir.js";

/** Two small pages with what is ordinary on fal's pages and was refused (issue 16). */
const PAGE = path.join(REPO_ROOT, "test/fixtures/cases/capture/odd-page.txt");

test("pages with an empty example, an Output without fields, an upper-case field, an integer enum and an unlisted type are captured", () => {
  const text = readFileSync(PAGE, "utf8");
  const captured = captureSpecs(parsePages(PAGE, text), new Map());
  expect(captured.map((spec) => spec.endpointId)).toEqual(["acme/video-upscale", "acme/ack"]);
  const [upscale, ack] = captured.map((spec) => (spec.document.components as { schemas: Record<string, any> }).schemas);
  const input = upscale!.VideoUpscaleInput;
  expect(input.properties.H264_output).toMatchObject({ type: "boolean", default: false });
  expect(input.properties.num_inference_steps).toMatchObject({ type: "integer", enum: [4, 8, 16, 32], default: 16 });
  expect(input.properties.guidance).toMatchObject({ type: "number" });
  expect(input).not.toHaveProperty("example");
  expect(upscale!.Timings).toEqual({ title: "Timings", type: "object", additionalProperties: true });
  const timingsLine = text.split("\n").indexOf("timings Timings") + 1;
  expect(captured[0]!.warnings).toEqual([`${PAGE}:${timingsLine}: acme/video-upscale: type Timings is not listed on the page, so it is a free-form object; define it under "types" in its overrides file to type its fields`]);
  expect(ack!.AckOutput).toMatchObject({ type: "object", properties: {} });
  expect(captured[1]!.warnings).toEqual([]);
  for (const spec of captured) {
    const source = { file: `${spec.endpointId}.json`, text: JSON.stringify(spec.document), isJson: true };
    expect(validateSpec(source, spec.document).endpointId).toBe(spec.endpointId);
  }
});
