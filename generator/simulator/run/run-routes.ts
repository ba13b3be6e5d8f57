import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import type { SimulatedEndpoint } from "../endpoints/endpoint-registry.js";
import { FAULT_HEADER, FaultSyntaxError, parseFaultHeader, takeRule } from "../faults/faults.js";
import { errorReply, type Reply } from "../server/http-reply.js";
import { forcedFailure, synthesizeOutput, validInput, type Call } from "../queue/queue-routes.js";
import type { SimulatorContext } from "../server/simulator-context.js";

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
  let forced: ReturnType<typeof takeRule>;
  try {
    const header = call.header(FAULT_HEADER);
    forced = header ? takeRule(parseFaultHeader(header), "outcome") : undefined;
  } catch (error) {
    if (error instanceof FaultSyntaxError) return errorReply(400, error.message);
    throw error;
  }
  const id = randomUUID();
  const outcome = forced?.type === "status" ? forcedFailure(forced.status) : synthesizeOutput(sim, endpoint, parsed.input, id, sim.timing.runMs / 1000);
  const events: string[] = [];
  if (outcome.ok) {
    const output = outcome.output;
    if (output !== null && typeof output === "object" && !Array.isArray(output)) {
      const entries = Object.entries(output);
      for (let count = 1; count <= entries.length; count++) events.push(`data: ${JSON.stringify(Object.fromEntries(entries.slice(0, count)))}\n\n`);
    }
    if (events.length === 0) events.push(`data: ${JSON.stringify(output)}\n\n`);
  } else {
    events.push(`data: ${JSON.stringify({})}\n\n`);
    events.push(`data: ${JSON.stringify({ type: "x-fal-error", error: outcome.errorType, reason: outcome.detail, status: outcome.status })}\n\n`);
  }
  return {
    kind: "stream",
    start(res: ServerResponse, { dropAfterFirstEvent, stallAfterFirstEvent }) {
      res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache", Connection: "keep-alive", "x-fal-request-id": id });
      sim.streams.add(res);
      const ping = setInterval(() => res.write(": ping\n\n"), sim.streamPingMs);
      let timer: NodeJS.Timeout | undefined;
      const finish = () => {
        clearInterval(ping);
        clearTimeout(timer);
        sim.streams.delete(res);
      };
      res.on("close", finish);
      const gap = sim.timing.runMs / events.length;
      const send = (index: number) => {
        if (res.destroyed || res.writableEnded) return finish();
        const event = events[index]!;
        if (index === 0 && dropAfterFirstEvent) {
          finish();
          res.write(event, () => res.socket?.destroy());
          return;
        }
        res.write(event);
        if (index === 0 && stallAfterFirstEvent) return;
        if (index === events.length - 1) {
          finish();
          res.end();
          return;
        }
        timer = setTimeout(() => send(index + 1), gap);
      };
      send(0);
    },
  };
}
