import { randomUUID } from "node:crypto";
import type { SimulatedEndpoint } from "../endpoints/endpoint-registry.js";
import { requestFaults } from "../faults/apply-fault.js";
import { FAULT_HEADER } from "../faults/faults.js";
import { synthesizeOutput } from "../outputs/synthesize-output.js";
import { FAL_ERRORS } from "../server/fal-errors.js";
import { errorReply, json, type Call, type Reply } from "../server/http-reply.js";
import type { SimulatorContext } from "../server/simulator-context.js";
import { validInput } from "../validation/input.js";
import { isLoopbackUrl } from "../webhooks/webhook-delivery.js";
import { QueueRequest } from "./queue-request.js";
import { requestUrls, statusBody, submitBody } from "./status-body.js";

const PRIORITIES = new Set(["low", "normal", "high"]);

/**
 * `POST /<endpoint id>`: validates headers, `fal_webhook` and the body (422 like fal), enqueues the
 * request and answers IN_QUEUE. With `sync` (the `fal.run` host) it waits and answers the result.
 */
export async function submitRequest(sim: SimulatorContext, call: Call, endpoint: SimulatedEndpoint, sync = false): Promise<Reply> {
  const priority = call.header("x-fal-queue-priority");
  if (priority !== undefined && !PRIORITIES.has(priority)) {
    return errorReply("badRequest", `Invalid x-fal-queue-priority "${priority}": expected low, normal or high`);
  }
  const timeoutHeader = call.header("x-fal-request-timeout");
  const timeoutSeconds = timeoutHeader === undefined ? undefined : Number(timeoutHeader);
  if (timeoutSeconds !== undefined && !(Number.isFinite(timeoutSeconds) && timeoutSeconds > 0)) {
    return errorReply("badRequest", "Invalid x-fal-request-timeout header: expected a positive number of seconds");
  }
  const webhook = call.url.searchParams.get("fal_webhook") ?? undefined;
  if (webhook !== undefined) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(webhook);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !isLoopbackUrl(parsed)) {
      return errorReply("invalid", "fal_webhook must be an http(s) URL on a loopback host (127.0.0.1, localhost, [::1]): the simulator never calls out of the machine");
    }
  }

  const raw = await call.body();
  const parsed = validInput(endpoint, raw);
  if ("reply" in parsed) return parsed.reply;

  const header = call.header(FAULT_HEADER);
  const faults = requestFaults(header);
  const input = parsed.input;
  const id = randomUUID();
  const request = new QueueRequest(
    id,
    endpoint,
    input,
    { rules: faults.rules, header },
    webhook,
    { ...sim.timing, startTimeoutMs: timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000 },
    (finished) => faults.outcome ?? synthesizeOutput(sim, endpoint, input, id, finished.inferenceSeconds),
  );
  sim.requests.set(id, request);
  sim.stats.enqueued(endpoint.endpointId, raw.toString("utf8"));
  request.onComplete(() => sim.webhooks.deliver(request));
  request.start();
  if (!sync) return json(200, submitBody(sim.baseUrl, request), { "x-fal-request-id": id });
  await new Promise<void>((resolve) => request.onComplete(resolve));
  return resultOf(sim, request);
}

export function requestStatus(sim: SimulatorContext, call: Call, request: QueueRequest): Reply {
  const body = statusBody(sim.baseUrl, request, { logs: wantsLogs(call) });
  // fal answers 202 while the request is queued or running, 200 once it is complete.
  return json(request.phase === "COMPLETED" ? 200 : 202, body, { "x-fal-request-id": request.id });
}

/** `GET .../requests/{id}`: the output, 400 "still in progress", or the failure's status and detail. */
export function resultOf(sim: SimulatorContext, request: QueueRequest): Reply {
  const headers = { "x-fal-request-id": request.id };
  const outcome = request.outcome;
  if (!outcome) {
    return json(FAL_ERRORS.invalid.status, { detail: "Request is still in progress", request_id: request.id, ...requestUrls(sim.baseUrl, request) }, headers);
  }
  if (outcome.ok) return json(200, outcome.output, headers);
  return errorReply(outcome, outcome.detail, { ...headers, ...outcome.headers });
}

export function cancelRequest(request: QueueRequest): Reply {
  const headers = { "x-fal-request-id": request.id };
  return request.cancel() ? json(202, { status: "CANCELLATION_REQUESTED" }, headers) : json(FAL_ERRORS.invalid.status, { status: "ALREADY_COMPLETED" }, headers);
}

/**
 * `GET .../status/stream`: Server-Sent Events, one `data:` JSON status per change (each carrying
 * only the logs not sent before, as fal's stream does), `: ping` comments while idle, closed after
 * COMPLETED.
 */
export function streamStatus(sim: SimulatorContext, call: Call, request: QueueRequest): Reply {
  const logs = wantsLogs(call);
  return {
    kind: "events",
    headers: { "x-fal-request-id": request.id },
    start(events) {
      let logsSent = 0;
      let lastEvent = "";
      const send = () => {
        if (events.closed) return;
        const body = statusBody(sim.baseUrl, request, { logs, logsFrom: logsSent });
        const event = JSON.stringify(body);
        if (event === lastEvent) return;
        lastEvent = event;
        if (logs) logsSent = request.logs.length;
        events.send(body);
        if (request.phase === "COMPLETED") events.end();
      };
      events.onClose(request.onChange(send));
      send();
    },
  };
}

function wantsLogs(call: Call): boolean {
  const logs = call.url.searchParams.get("logs");
  return logs === "1" || logs === "true";
}
