import { randomUUID } from "node:crypto";
import type { SimulatedEndpoint } from "../endpoints/endpoint-registry.js";
import { requestFaults } from "../faults/apply-fault.js";
import { FAULT_HEADER } from "../faults/faults.js";
import { synthesizeOutput } from "../outputs/synthesize-output.js";
import type { Call, Reply } from "../server/http-reply.js";
import type { SimulatorContext } from "../server/simulator-context.js";
import { validInput } from "../validation/input.js";

/**
 * `POST /_run/<endpoint id>/stream` (fal.run's streaming route): Server-Sent Events, one `data:`
 * partial output per event, spread over `runMs`; each holds one more of the output's top-level
 * fields, so the last one is the whole output. A failure (`x-sim-faults: outcome=<status>`)
 * arrives after the first partial as fal's in-band error, `{type: "x-fal-error", error: <error
 * type>, reason, status}`. Idle streams carry `: ping` comments.
 */
export async function streamOutput(sim: SimulatorContext, call: Call, endpoint: SimulatedEndpoint): Promise<Reply> {
  const parsed = validInput(endpoint, await call.body());
  if ("reply" in parsed) return parsed.reply;
  const id = randomUUID();
  const outcome = requestFaults(call.header(FAULT_HEADER)).outcome ?? synthesizeOutput(sim, endpoint, parsed.input, id, sim.timing.runMs / 1000);
  const events: unknown[] = [];
  if (outcome.ok) {
    const output = outcome.output;
    if (output !== null && typeof output === "object" && !Array.isArray(output)) {
      const entries = Object.entries(output);
      for (let count = 1; count <= entries.length; count++) events.push(Object.fromEntries(entries.slice(0, count)));
    }
    if (events.length === 0) events.push(output);
  } else {
    events.push({}, { type: "x-fal-error", error: outcome.errorType, reason: outcome.detail, status: outcome.status });
  }
  return {
    kind: "events",
    headers: { "x-fal-request-id": id },
    start(sink) {
      let timer: NodeJS.Timeout | undefined;
      sink.onClose(() => clearTimeout(timer));
      const gap = sim.timing.runMs / events.length;
      const send = (index: number) => {
        if (sink.closed) return;
        sink.send(events[index]);
        if (index === events.length - 1) sink.end();
        else timer = setTimeout(() => send(index + 1), gap);
      };
      send(0);
    },
  };
}
