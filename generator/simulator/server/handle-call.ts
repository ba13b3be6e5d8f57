import type { IncomingMessage, ServerResponse } from "node:http";
import { ANSWERED, faultAfterHandling, faultBeforeHandling, faultEvents, httpAnswer } from "../faults/apply-fault.js";
import { FAULT_HEADER, FaultSyntaxError } from "../faults/faults.js";
import { authFailure } from "./auth.js";
import { openEventStream } from "./event-stream.js";
import { internalPathOf, TARGET_URL_HEADER } from "./fal-proxy.js";
import { BodyTooLargeError, errorReply, headerOf, readBody, writeReply, type Call, type PlainReply } from "./http-reply.js";
import { matchRoute } from "./router.js";
import type { SimulatorContext } from "./simulator-context.js";

/** The pipeline every HTTP call goes through: CORS, proxy target, route, auth, faults, handler, answer. */
export async function handleCall(sim: SimulatorContext, req: IncomingMessage, res: ServerResponse, isClosing: () => boolean): Promise<void> {
  setCors(req, res);
  const method = req.method ?? "GET";
  if (method === "OPTIONS") {
    writeReply(res, { kind: "empty", status: 204 });
    return;
  }
  let url = new URL(req.url ?? "/", sim.baseUrl);
  const target = headerOf(req, TARGET_URL_HEADER);
  if (target !== undefined) {
    const internal = internalPathOf(target, sim.baseUrl);
    if (internal === undefined) {
      writeReply(res, errorReply("proxyTargetRefused", `Invalid ${TARGET_URL_HEADER}: only fal hosts (queue.fal.run, rest.fal.ai, fal.run) can be proxied`));
      return;
    }
    url = new URL(internal, sim.baseUrl);
  }

  const route = matchRoute(sim, method, url);
  sim.stats.route(route.name);
  if (route.auth) {
    const failure = authFailure(headerOf(req, "authorization"), sim.apiKeys);
    if (failure) {
      sim.stats.unauthorized();
      writeReply(res, errorReply("unauthorized", failure));
      return;
    }
  }

  const limit = route.upload ? sim.limits.uploadBytes : sim.limits.bodyBytes;
  if (Number(headerOf(req, "content-length")) > limit) {
    writeReply(res, tooLarge(limit, route.upload));
    return;
  }

  try {
    const fault = route.faultRoute
      ? await faultBeforeHandling(sim, route.faultRoute, { header: headerOf(req, FAULT_HEADER), requestId: route.requestId }, httpAnswer(res), isClosing)
      : undefined;
    if (fault === ANSWERED) return;
    let bodyPromise: Promise<Buffer> | undefined;
    const call: Call = {
      url,
      header: (name) => headerOf(req, name),
      body: () => (bodyPromise ??= readBodyAfterContinue(req, res, limit)),
    };
    const reply = await route.handle(call);
    if (isClosing() || res.destroyed) return;
    const events = () => openEventStream(sim, res, reply.kind === "events" ? reply.headers : {});
    if (faultAfterHandling(fault, reply, res, events)) return;
    if (reply.kind === "events") reply.start(faultEvents(fault, events()));
    else writeReply(res, reply, method === "HEAD");
  } catch (error) {
    if (error instanceof BodyTooLargeError && !res.headersSent && !res.destroyed) writeReply(res, tooLarge(limit, route.upload));
    else if (error instanceof FaultSyntaxError) writeReply(res, errorReply("invalid", error.message));
    else throw error;
  }
}

/**
 * The body, after the `100 Continue` a client that sent `Expect: 100-continue` waits for before
 * sending it (the server emits such calls as 'checkContinue' and sends none itself).
 */
function readBodyAfterContinue(req: IncomingMessage, res: ServerResponse, limit: number): Promise<Buffer> {
  // Node's own test for a call it emits as 'checkContinue'.
  if (req.httpVersion === "1.1" && /(?:^|\W)100-continue(?:$|\W)/i.test(headerOf(req, "expect") ?? "")) res.writeContinue();
  return readBody(req, limit);
}

/**
 * fal's 413 `{detail}` for a body over `limit`. It closes the connection: the rest of the body is
 * never read, so a client still sending sees the answer instead of a server reading on for nothing.
 */
function tooLarge(limit: number, upload: true | undefined): PlainReply {
  const what = upload ? "upload" : "request body";
  const option = upload ? "maxUploadBytes / --max-upload-bytes" : "maxBodyBytes / --max-body-bytes";
  return errorReply("bodyTooLarge", `Request Entity Too Large: the ${what} is over ${limit} bytes (the simulator's ${option})`, { Connection: "close" });
}

function setCors(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader("Access-Control-Allow-Origin", "*");
  res.setHeader("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, OPTIONS");
  res.setHeader("Access-Control-Allow-Headers", headerOf(req, "access-control-request-headers") ?? "authorization, content-type, accept");
  res.setHeader("Access-Control-Expose-Headers", "x-fal-request-id, x-fal-error-type, x-fal-request-timeout-type, x-fal-retryable, retry-after");
}
