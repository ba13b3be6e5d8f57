import { tooDeepAt, tooDeepMessage } from "../../runtime/internal/input-depth.js";
import { setOwn } from "../../shared/plain-data.js";
import { getAtPointer } from "../../shared/json-pointer.js";
import type { SimulatedEndpoint } from "../endpoints/endpoint-registry.js";
import { FAL_ERRORS } from "../server/fal-errors.js";
import { json, type PlainReply } from "../server/http-reply.js";
import { fieldError, fieldErrors, type FieldError } from "./validation-errors.js";

/** FastAPI's 422: `{detail: [field errors]}`, not worth retrying. */
export function unprocessable(detail: FieldError[]): PlainReply {
  return json(FAL_ERRORS.unprocessable.status, { detail }, { "X-Fal-Retryable": "false" });
}

/** A JSON body (undefined when empty), or the 422 fal answers for one that is not JSON. */
export function parseJson(raw: Buffer): { value: unknown } | { reply: PlainReply } {
  if (raw.length === 0) return { value: undefined };
  try {
    return { value: JSON.parse(raw.toString("utf8")) };
  } catch (error) {
    return { reply: unprocessable([fieldError(["body", 0], "json_invalid", "JSON decode error", { error: (error as Error).message })]) };
  }
}

/**
 * The input of a call, with the Input schema's top-level defaults filled in, or the 422 fal answers
 * for a body that is missing, not JSON or not valid against the schema.
 */
export function validInput(endpoint: SimulatedEndpoint, raw: Buffer): { input: Record<string, unknown> } | { reply: PlainReply } {
  const parsed = parseJson(raw);
  if ("reply" in parsed) return parsed;
  if (parsed.value === undefined) return { reply: unprocessable([fieldError(["body"], "missing", "Field required")]) };
  const checked = checkedInput(endpoint, parsed.value);
  return "detail" in checked ? { reply: unprocessable(checked.detail) } : checked;
}

/** An input already decoded (a body, a realtime message) with its defaults, or its field errors (FastAPI's 422 `detail`). */
export function checkedInput(endpoint: SimulatedEndpoint, input: unknown): { input: Record<string, unknown> } | { detail: FieldError[] } {
  // Checked before the schema validator and the defaults walk it, which recurse: fal answers a 422, not a 500.
  const deep = tooDeepAt(input);
  if (deep) return { detail: [fieldError(["body", ...deep], "value_error", `Value error, input ${tooDeepMessage(deep)}`)] };
  const errors = fieldErrors(endpoint.validator, endpoint.inputPointer, input);
  return errors.length > 0 ? { detail: errors } : { input: withDefaults(endpoint, input as Record<string, unknown>) };
}

/** The input with the Input schema's top-level defaults filled in (what the model would run with). */
function withDefaults(endpoint: SimulatedEndpoint, input: Record<string, unknown>): Record<string, unknown> {
  const schema = getAtPointer(endpoint.validator.document, endpoint.inputPointer) as { properties?: Record<string, { default?: unknown }> } | undefined;
  const result = { ...input };
  for (const [key, property] of Object.entries(schema?.properties ?? {})) {
    if (!Object.hasOwn(result, key) && property && typeof property === "object" && "default" in property) setOwn(result, key, structuredClone(property.default));
  }
  return result;
}
