import { describe, expect, test } from "vitest";
import { createFalClient, FalValidationError } from "../../generator/runtime/index.js";
import { submit } from "../../generator/runtime/endpoint-calls.js";
import { createValidator } from "../../generator/runtime/validator.js";
import { json, serve } from "./serve.js";

const KEY = "key-id:super-secret-value";
const ENDPOINT = "fal-ai/flux/dev";

describe("field errors read the same from fal's 422 and from local validation", () => {
  test("no FastAPI `body` prefix in either message; fieldErrors keep fal's loc", async () => {
    const detail = [
      { loc: ["body", "prompt"], msg: "Input should be a valid string", type: "string_type" },
      { loc: ["body", "image_size", "width"], msg: "Input should be a valid integer", type: "int_type" },
    ];
    const server = await serve(() => json({ detail }, { status: 422 }));
    const remote = await submit(createFalClient({ credentials: KEY, queueUrl: server.url }), ENDPOINT, {}).catch((e: unknown) => e);
    const validator = createValidator(ENDPOINT, {
      type: "object",
      properties: { prompt: { type: "string" }, image_size: { type: "object", properties: { width: { type: "integer" } } } },
    });
    const local = await submit(createFalClient({ credentials: KEY, queueUrl: server.url }), ENDPOINT, { prompt: 1, image_size: { width: "w" } }, { validate: validator }).catch((e: unknown) => e);
    const fields = "prompt: Input should be a valid string; image_size.width: Input should be a valid integer";
    expect(remote).toBeInstanceOf(FalValidationError);
    expect(local).toBeInstanceOf(FalValidationError);
    expect((remote as Error).message).toBe(`fal API error 422: ${fields}`);
    expect((local as Error).message).toBe(`Invalid input for ${ENDPOINT}, nothing was sent: ${fields}`);
    expect((remote as FalValidationError).fieldErrors).toEqual(detail);
    expect((local as FalValidationError).fieldErrors.map((e) => e.loc)).toEqual(detail.map((e) => e.loc));
  });

  test("an error about the input itself names it `input`", async () => {
    const server = await serve(() => json({ detail: [{ loc: ["body"], msg: "Field required", type: "missing" }] }, { status: 422 }));
    const error = await submit(createFalClient({ credentials: KEY, queueUrl: server.url }), ENDPOINT, {}).catch((e: unknown) => e);
    expect((error as Error).message).toBe("fal API error 422: input: Field required");
  });
});
