import { randomInt, randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import { setOwn } from "../shared/plain-data.js";
import { getAtPointer } from "../shared/json-pointer.js";
import type { SimulatedEndpoint } from "./endpoint-registry.js";
import { FAULT_HEADER, FaultSyntaxError, parseFaultHeader, takeRule, type FaultRule } from "./faults.js";
import { errorReply, json, type PlainReply, type Reply } from "./http-reply.js";
import { createMediaFiles } from "./media-files.js";
import { outputShape } from "./media-size.js";
import { QueueRequest, type RequestOutcome } from "./queue-request.js";
import type { SimulatorContext } from "./simulator-context.js";
import { requestUrls, statusBody, submitBody } from "./status-body.js";
import { synthesizeValue } from "./synthesize-value.js";
import { fieldErrors } from "./validation-errors.js";
import { isLoopbackUrl } from "./webhook-delivery.js";

/** One incoming call, as the routes see it (after proxy rewriting). */
export interface Call {
  url: URL;
  header(name: string): string | undefined;
  body(): Promise<Buffer>;
}

const PRIORITIES = new Set(["low", "normal", "high"]);

/**
 * `POST /<endpoint id>`: validates headers, `fal_webhook` and the body (422 like fal), enqueues the
 * request and answers IN_QUEUE. With `sync` (the `fal.run` host) it waits and answers the result.
 */
export async function submitRequest(sim: SimulatorContext, call: Call, endpoint: SimulatedEndpoint, sync = false): Promise<Reply> {
  const priority = call.header("x-fal-queue-priority");
  if (priority !== undefined && !PRIORITIES.has(priority)) {
    return errorReply(400, `Invalid x-fal-queue-priority "${priority}": expected low, normal or high`, { errorType: "bad_request" });
  }
  const timeoutHeader = call.header("x-fal-request-timeout");
  const timeoutSeconds = timeoutHeader === undefined ? undefined : Number(timeoutHeader);
  if (timeoutSeconds !== undefined && !(Number.isFinite(timeoutSeconds) && timeoutSeconds > 0)) {
    return errorReply(400, "Invalid x-fal-request-timeout header: expected a positive number of seconds", { errorType: "bad_request" });
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
      return errorReply(400, "fal_webhook must be an http(s) URL on a loopback host (127.0.0.1, localhost, [::1]): the simulator never calls out of the machine");
    }
  }

  const raw = await call.body();
  const parsed = validInput(endpoint, raw);
  if ("reply" in parsed) return parsed.reply;

  const faultHeader = call.header(FAULT_HEADER);
  let rules: FaultRule[] = [];
  try {
    rules = faultHeader ? parseFaultHeader(faultHeader).filter((rule) => rule.route !== "submit") : [];
  } catch (error) {
    if (error instanceof FaultSyntaxError) return errorReply(400, error.message);
    throw error;
  }
  const forced = takeRule(rules, "outcome");
  const input = parsed.input;
  const id = randomUUID();
  const request = new QueueRequest(
    id,
    endpoint,
    input,
    rules,
    webhook,
    { ...sim.timing, startTimeoutMs: timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000 },
    (finished) => (forced?.type === "status" ? forcedFailure(forced.status) : runOutput(sim, finished)),
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
    return json(400, { detail: "Request is still in progress", request_id: request.id, ...requestUrls(sim.baseUrl, request) }, headers);
  }
  if (outcome.ok) return json(200, outcome.output, headers);
  return errorReply(outcome.status, outcome.detail, { errorType: outcome.errorType, headers: { ...headers, ...outcome.headers } });
}

export function cancelRequest(request: QueueRequest): Reply {
  const headers = { "x-fal-request-id": request.id };
  return request.cancel() ? json(202, { status: "CANCELLATION_REQUESTED" }, headers) : json(400, { status: "ALREADY_COMPLETED" }, headers);
}

/**
 * `GET .../status/stream`: Server-Sent Events, one `data:` JSON status per change (each carrying
 * only the logs not sent before, as fal's stream does), `: ping` comments while idle, closed after
 * COMPLETED.
 */
export function streamStatus(sim: SimulatorContext, call: Call, request: QueueRequest): Reply {
  const logs = wantsLogs(call);
  return {
    kind: "stream",
    start(res: ServerResponse, { dropAfterFirstEvent }) {
      res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache", Connection: "keep-alive", "x-fal-request-id": request.id });
      sim.streams.add(res);
      let logsSent = 0;
      let lastEvent = "";
      const ping = setInterval(() => res.write(": ping\n\n"), sim.streamPingMs);
      const finish = () => {
        clearInterval(ping);
        unsubscribe();
        sim.streams.delete(res);
      };
      const send = () => {
        if (res.destroyed || res.writableEnded) return;
        const body = statusBody(sim.baseUrl, request, { logs, logsFrom: logsSent });
        const event = JSON.stringify(body);
        if (event === lastEvent) return;
        lastEvent = event;
        if (logs) logsSent = request.logs.length;
        if (dropAfterFirstEvent) {
          finish();
          res.write(`data: ${event}\n\n`, () => res.socket?.destroy());
          return;
        }
        res.write(`data: ${event}\n\n`);
        if (request.phase === "COMPLETED") {
          finish();
          res.end();
        }
      };
      const unsubscribe = request.onChange(send);
      res.on("close", finish);
      send();
    },
  };
}

function wantsLogs(call: Call): boolean {
  const logs = call.url.searchParams.get("logs");
  return logs === "1" || logs === "true";
}

/**
 * The input of a call, with the Input schema's top-level defaults filled in, or the 422 fal answers
 * for a body that is not JSON or not valid against the schema.
 */
export function validInput(endpoint: SimulatedEndpoint, raw: Buffer): { input: Record<string, unknown> } | { reply: PlainReply } {
  const parsed = parseInput(raw);
  if ("reply" in parsed) return parsed;
  const checked = checkedInput(endpoint, parsed.input);
  return "detail" in checked ? { reply: json(422, { detail: checked.detail }, { "X-Fal-Retryable": "false" }) } : checked;
}

/** An input already decoded (a body, a realtime message) with its defaults, or its field errors (FastAPI's 422 `detail`). */
export function checkedInput(endpoint: SimulatedEndpoint, input: unknown): { input: Record<string, unknown> } | { detail: ReturnType<typeof fieldErrors> } {
  const errors = fieldErrors(endpoint.validator, endpoint.inputPointer, input);
  return errors.length > 0 ? { detail: errors } : { input: withDefaults(endpoint, input as Record<string, unknown>) };
}

function parseInput(raw: Buffer): { input: unknown } | { reply: PlainReply } {
  if (raw.length === 0) {
    return { reply: json(422, { detail: [{ loc: ["body"], msg: "Field required", type: "missing", url: "https://docs.fal.ai/errors/#missing" }] }) };
  }
  try {
    return { input: JSON.parse(raw.toString("utf8")) };
  } catch (error) {
    return {
      reply: json(422, {
        detail: [{ loc: ["body", 0], msg: "JSON decode error", type: "json_invalid", url: "https://docs.fal.ai/errors/#json_invalid", ctx: { error: (error as Error).message } }],
      }),
    };
  }
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

function runOutput(sim: SimulatorContext, request: QueueRequest): RequestOutcome {
  return synthesizeOutput(sim, request.endpoint, request.input, request.id, request.inferenceSeconds);
}

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
      process.stderr.write(`fal simulator: ${endpoint.endpointId}: ${detail}\n`);
      return { ok: false, status: 500, errorType: "runner_server_error", detail };
    }
    return { ok: true, output };
  } catch (error) {
    return { ok: false, status: 500, errorType: "runner_server_error", detail: `Simulated runner failed: ${(error as Error).message}` };
  }
}

const FAILURE_TYPES: Record<number, string> = {
  400: "bad_request",
  500: "runner_server_error",
  502: "runner_incomplete_response",
  503: "runner_connection_error",
  504: "request_timeout",
};

export function forcedFailure(status: number): RequestOutcome {
  return { ok: false, status, errorType: FAILURE_TYPES[status] ?? (status >= 500 ? "internal_error" : "bad_request"), detail: `Simulated failure (outcome=${status})` };
}
