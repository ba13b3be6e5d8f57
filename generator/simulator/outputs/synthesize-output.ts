import { randomInt } from "node:crypto";
import type { SimulatedEndpoint } from "../endpoints/endpoint-registry.js";
import type { RequestOutcome } from "../queue/queue-request.js";
import { FAL_ERRORS } from "../server/fal-errors.js";
import type { SimulatorContext } from "../server/simulator-context.js";
import { createMediaFiles } from "./media-files.js";
import { outputShape } from "./media-size.js";
import { synthesizeValue } from "./synthesize-value.js";
import { printError } from "../../shared/print.js";

/** An output for `input`, valid against the endpoint's Output schema (its files served under `id`), or a runner failure. */
export function synthesizeOutput(sim: SimulatorContext, endpoint: SimulatedEndpoint, input: Record<string, unknown>, id: string, inferenceSeconds: number): RequestOutcome {
  try {
    const shape = outputShape(input, randomInt(0, 2 ** 31));
    const output = synthesizeValue(endpoint.outputPointer, {
      validator: endpoint.validator,
      input,
      files: createMediaFiles(sim.files, id, shape.imageSize, shape.seed),
      count: shape.count,
      seed: shape.seed,
      inferenceSeconds,
    });
    // An output the spec refuses is never served: the client would be tested against a lie.
    const problems = endpoint.validator.errors(endpoint.outputPointer, output);
    if (problems.length > 0) {
      const detail = `Simulated output does not match ${endpoint.spec.outputSchemaName}: ${problems.slice(0, 3).map((problem) => `${problem.instancePath || "/"} ${problem.message}`).join("; ")}`;
      printError(`fal simulator: ${endpoint.endpointId}: ${detail}`);
      return { ok: false, ...FAL_ERRORS.runnerFailed, detail };
    }
    return { ok: true, output };
  } catch (error) {
    return { ok: false, ...FAL_ERRORS.runnerFailed, detail: `Simulated runner failed: ${(error as Error).message}` };
  }
}
