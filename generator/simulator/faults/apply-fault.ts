import { STATUS_CODES, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { WebSocket } from "ws";
import type { RequestOutcome } from "../queue/queue-request.js";
import type { EventSink } from "../server/event-stream.js";
import { errorForStatus } from "../server/fal-errors.js";
import { encodeReply, errorReply, writeReply, type PlainReply, type Reply } from "../server/http-reply.js";
import type { SimulatorContext } from "../server/simulator-context.js";
import { faultLabel, parseFaultHeader, takeRule, type Fault, type FaultRoute, type FaultRule } from "./faults.js";

/**
 * The one place faults are applied. Every faultable call, HTTP or WebSocket upgrade, goes through
 * `faultBeforeHandling`; a handled HTTP call is answered through `faultAfterHandling` (plain
 * replies) and `faultEvents` (Server-Sent Events); an open realtime connection is closed by
 * `faultAfterRealtimeAnswer`; a submit takes its request's faults from `requestFaults`. Which fault a call gets is decided by the FaultInjector (faults.ts).
 */

/** Where a call is answered: an HTTP response, or the socket of a WebSocket upgrade. */
export interface Answer {
  write(reply: PlainReply): void;
  destroy(): void;
}

export function httpAnswer(res: ServerResponse): Answer {
  return { write: (reply) => writeReply(res, reply), destroy: () => res.socket?.destroy() };
}

/** An upgrade refused with an HTTP answer written on its raw socket (the WebSocket is never opened). */
export function upgradeAnswer(socket: Duplex): Answer {
  return {
    write(reply) {
      const { status, headers, body } = encodeReply(reply);
      const lines = Object.entries({ ...headers, Connection: "close" }).map(([name, value]) => `${name}: ${value}\r\n`);
      socket.end(Buffer.concat([Buffer.from(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? "Error"}\r\n${lines.join("")}\r\n`, "latin1"), body]));
    },
    destroy: () => socket.destroy(),
  };
}

/** The call was answered (or its socket destroyed) before it was handled. */
export const ANSWERED = Symbol("answered");

/**
 * Picks the fault of one call (its request's rules from submit first, then the call's
 * `x-sim-faults`, then the rates) and applies what comes before handling: latency and `slow`
 * wait, `drop` destroys the socket, a status answers fal's error (429 and `<status>:<s>` with
 * `Retry-After`). Returns the fault left for the answer (`drop-after`, `cut`, `malformed`,
 * `stall`), undefined for none, or ANSWERED. A malformed header answers 400 (FaultSyntaxError).
 */
export async function faultBeforeHandling(
  sim: SimulatorContext,
  route: FaultRoute,
  call: { header: string | undefined; requestId?: string },
  answer: Answer,
  isClosing: () => boolean,
): Promise<Fault | undefined | typeof ANSWERED> {
  const request = call.requestId ? sim.requests.get(call.requestId) : undefined;
  const fault = sim.faults.pick(route, {
    // The submit's own value again (a client sending its headers on every call) is already the
    // request's rules: counted twice, `status=503*2` would fail four polls.
    header: call.header === request?.faults.header ? undefined : call.header,
    scope: call.requestId ?? route,
    requestRules: request?.faults.rules,
  });
  await sleep(sim.faults.latencyFor(route));
  if (fault) sim.stats.fault(faultLabel(route, fault));
  if (fault?.type === "slow") await sleep(fault.ms);
  if (isClosing()) return ANSWERED;
  if (fault?.type === "drop") {
    answer.destroy();
    return ANSWERED;
  }
  if (fault?.type === "status") {
    answer.write(faultReply(fault.status, fault.retryAfter));
    return ANSWERED;
  }
  return fault;
}

/**
 * Spoils a handled call's plain reply: `malformed` answers 200 with an HTML page (keeping the
 * reply's headers, such as `x-fal-request-id`), `cut` sends the headers and half the body then
 * destroys the socket, `drop-after` destroys it unanswered. An events reply is spoiled as a whole
 * by `malformed` and `cut` (half its first event); its `drop-after` and `stall` are `faultEvents`'.
 * Returns whether the fault answered the call.
 */
export function faultAfterHandling(fault: Fault | undefined, reply: Reply, res: ServerResponse, events: () => EventSink): boolean {
  if (fault?.type === "malformed") {
    // What a gateway in the way might send: a success status, but a page instead of fal's JSON.
    writeReply(res, { kind: "bytes", status: 200, body: MALFORMED_PAGE, contentType: "text/html", headers: reply.headers });
    return true;
  }
  if (fault?.type === "cut") {
    if (reply.kind === "events") {
      const sink = events();
      reply.start(firstEventOnly(sink, (data) => cutEvent(sink, data)));
      return true;
    }
    // Chunked, without Content-Length: the body is unfinished even when half of it is nothing.
    const { status, headers, body } = encodeReply(reply);
    delete headers["Content-Length"];
    res.writeHead(status, headers);
    res.flushHeaders();
    res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
    return true;
  }
  if (fault?.type === "drop-after" && reply.kind !== "events") {
    res.socket?.destroy();
    return true;
  }
  return false;
}

/** The events of a handled stream under its fault: `drop-after` sends the first event then destroys the socket, `stall` sends the first then only `: ping` comments. */
export function faultEvents(fault: Fault | undefined, sink: EventSink): EventSink {
  if (fault?.type !== "drop-after" && fault?.type !== "stall") return sink;
  return firstEventOnly(sink, (data) => sink.send(data, fault.type === "drop-after" ? () => sink.destroy() : undefined));
}

/** The sink with its first event sent by `first`, later events and the end ignored (the connection stays as `first` leaves it). */
function firstEventOnly(sink: EventSink, first: (data: unknown) => void): EventSink {
  let sent = false;
  return {
    get closed() {
      return sink.closed;
    },
    send(data) {
      if (sent) return;
      sent = true;
      first(data);
    },
    write: sink.write,
    end: () => undefined,
    destroy: sink.destroy,
    onClose: sink.onClose,
  };
}

/** `faults.realtimeCloseAfter`: the server closes a realtime connection once it has answered that many inputs (a forced reconnection). */
export function faultAfterRealtimeAnswer(sim: SimulatorContext, ws: WebSocket, answered: number): void {
  const { realtimeCloseAfter, realtimeCloseCode = 1011 } = sim.faults.options;
  if (answered !== realtimeCloseAfter) return;
  try {
    ws.close(realtimeCloseCode, "Simulated close");
  } catch {
    // A close code no server may send (ws refuses it): the connection is cut instead.
    ws.terminate();
  }
}

/**
 * A submit's `x-sim-faults` for the request it makes: the rules its later calls draw from (all
 * but `submit`, counted per request) and the outcome `outcome=<status>` forces. The header was
 * checked by `faultBeforeHandling`.
 */
export function requestFaults(header: string | undefined): { rules: FaultRule[]; outcome?: RequestOutcome } {
  const rules = header ? parseFaultHeader(header).filter((rule) => rule.route !== "submit") : [];
  const forced = takeRule(rules, "outcome");
  if (forced?.type !== "status") return { rules };
  return { rules, outcome: { ok: false, ...errorForStatus(forced.status, "runner"), detail: `Simulated failure (outcome=${forced.status})` } };
}

const MALFORMED_PAGE = Buffer.from("<html><head><title>502 Bad Gateway</title></head><body>Bad Gateway (simulated)</body></html>\n");

function faultReply(status: number, retryAfter: number | undefined): PlainReply {
  const error = errorForStatus(status, "gateway");
  const headers = retryAfter !== undefined || status === 429 ? { "Retry-After": String(retryAfter ?? 1) } : undefined;
  return errorReply(error, status === 429 ? "Rate limit exceeded (simulated)" : `Simulated ${status} fault`, headers);
}

function cutEvent(sink: EventSink, data: unknown): void {
  const text = JSON.stringify(data);
  sink.write(`data: ${text.slice(0, Math.floor(text.length / 2))}`, () => sink.destroy());
}

function sleep(ms: number): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
