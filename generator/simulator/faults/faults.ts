import { createRandom, type Random } from "./prng.js";
import type { FaultOptions } from "../types.js";

/**
 * Which fault a call gets (apply-fault.ts applies it). Two sources:
 *
 * 1. Per run, by rate (`FaultOptions`): each call to status, stream, result and cancel (and
 *    submit, when `includeSubmit`) draws from a seeded PRNG: dropRate -> the socket is destroyed,
 *    errorRate -> 500/502/503, rateLimitRate -> 429 with `Retry-After`, cutRate -> `cut`,
 *    malformedRate -> `malformed` (see below); latencyMs delays every one.
 *
 * 2. Per request, deterministically, by the `x-sim-faults` header:
 *
 *        x-sim-faults: status=503*2,result=drop,stream=drop-after,cancel=429:3,submit=500
 *
 *    A comma-separated list of `<route>=<fault>[*<count>]` (count defaults to 1):
 *    - route: submit | status | stream | result | cancel | storage | outcome | run (fal.run and its
 *      `/stream`) | token (realtime tokens) | realtime (the WebSocket upgrade)
 *    - fault: an HTTP status (`500`, `502`, `503`, `504`, `429`, `408`, ...; `429:3` or `503:3` sets
 *      `Retry-After: 3`), `drop` (socket destroyed before the call is handled), `drop-after` (the
 *      call is handled, e.g. the request IS enqueued or the first SSE event IS sent, then the socket
 *      is destroyed: the response is lost), `slow:<ms>` (answers after a delay), or `stall` (a
 *      streamed answer, `stream` or `run`, sends its first event, then nothing but keep-alive
 *      comments). `realtime` takes a status, `drop` or `slow` (the upgrade has no answer to spoil).
 *    - `outcome=<status>` makes the request itself fail when it completes (status COMPLETED with
 *      `error`/`error_type`, result answers that status, the webhook says ERROR).
 *    - `cut` (the call is handled, then the answer's headers and half its body are sent and the
 *      socket is destroyed: a connection cut mid-body) or `malformed` (the call is handled, then
 *      answered 200 with an HTML page instead, as a misbehaving gateway would; its headers, such as
 *      `x-fal-request-id`, are kept).
 *    Sent on submit, the header's non-submit entries apply to that request's later calls (so
 *    `status=503*2` fails its first two status polls), and its `submit` entries to the submit call
 *    itself, counted across retries that resend the same header value. Sent on a later call, the
 *    header applies to calls of that request carrying the same header value; the submit's own value
 *    again (a client that sends the header on every call) adds nothing to the request's rules, so
 *    each fault still happens as often as it says. Header faults win over rate faults.
 */
export type FaultRoute = "submit" | "status" | "stream" | "result" | "cancel" | "storage" | "outcome" | "run" | "token" | "realtime";

export type Fault =
  | { type: "status"; status: number; retryAfter?: number }
  | { type: "drop" }
  | { type: "drop-after" }
  | { type: "cut" }
  | { type: "malformed" }
  | { type: "slow"; ms: number }
  /** A streamed answer (`run` on `/stream`) sends its first event, then only keep-alive comments. */
  | { type: "stall" };

export interface FaultRule {
  route: FaultRoute;
  fault: Fault;
  remaining: number;
}

export const FAULT_HEADER = "x-sim-faults";

const ROUTES = new Set<FaultRoute>(["submit", "status", "stream", "result", "cancel", "storage", "outcome", "run", "token", "realtime"]);
const RATE_ROUTES = new Set<FaultRoute>(["status", "stream", "result", "cancel"]);

export class FaultSyntaxError extends Error {}

/** Parses an `x-sim-faults` header value; throws FaultSyntaxError naming the bad entry. */
export function parseFaultHeader(value: string): FaultRule[] {
  return value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const match = /^([a-z]+)=([a-z0-9-]+)(?::(\d+))?(?:\*(\d+))?$/i.exec(entry);
      if (!match) throw new FaultSyntaxError(`bad ${FAULT_HEADER} entry "${entry}": expected <route>=<fault>[:<arg>][*<count>]`);
      const [, routeText, kind, arg, count] = match as unknown as [string, string, string, string | undefined, string | undefined];
      const route = routeText.toLowerCase() as FaultRoute;
      if (!ROUTES.has(route)) throw new FaultSyntaxError(`bad ${FAULT_HEADER} route "${routeText}": expected one of ${[...ROUTES].join(", ")}`);
      const remaining = count === undefined ? 1 : Number(count);
      if (remaining < 1) throw new FaultSyntaxError(`bad ${FAULT_HEADER} count in "${entry}": must be at least 1`);
      return { route, fault: parseFault(kind.toLowerCase(), arg, entry, route), remaining };
    });
}

function parseFault(kind: string, arg: string | undefined, entry: string, route: FaultRoute): Fault {
  if (/^\d{3}$/.test(kind)) {
    const status = Number(kind);
    if (status < 400 || status > 599) throw new FaultSyntaxError(`bad ${FAULT_HEADER} status in "${entry}": must be 400..599`);
    return arg === undefined ? { type: "status", status } : { type: "status", status, retryAfter: Number(arg) };
  }
  if (route === "outcome") throw new FaultSyntaxError(`bad ${FAULT_HEADER} entry "${entry}": outcome takes an HTTP status (e.g. outcome=500)`);
  // The upgrade is refused or lost before a WebSocket opens: there is no answer to spoil after it.
  if (route === "realtime" && kind !== "drop" && kind !== "slow") {
    throw new FaultSyntaxError(`bad ${FAULT_HEADER} entry "${entry}": realtime takes an HTTP status, drop or slow:<ms>`);
  }
  if (kind === "stall" && route !== "stream" && route !== "run") throw new FaultSyntaxError(`bad ${FAULT_HEADER} entry "${entry}": stall applies to streamed answers (stream, run)`);
  if (kind === "drop" || kind === "drop-after" || kind === "cut" || kind === "malformed") return { type: kind };
  if (kind === "slow") return { type: "slow", ms: Number(arg ?? 1000) };
  if (kind === "stall") return { type: "stall" };
  throw new FaultSyntaxError(`bad ${FAULT_HEADER} fault "${kind}": expected an HTTP status, drop, drop-after, cut, malformed, slow:<ms> or stall`);
}

/** Takes one use of the first rule for `route` that has uses left. */
export function takeRule(rules: FaultRule[], route: FaultRoute): Fault | undefined {
  const rule = rules.find((candidate) => candidate.route === route && candidate.remaining > 0);
  if (!rule) return undefined;
  rule.remaining--;
  return rule.fault;
}

/** Decides, call by call, which fault (if any) to inject. */
export class FaultInjector {
  private readonly random: Random;
  /** Header-scoped rules, keyed by scope (a request id, or "submit") and header value. */
  private readonly headerRules = new Map<string, FaultRule[]>();

  constructor(readonly options: FaultOptions = {}) {
    this.random = createRandom(options.seed ?? 1);
  }

  /**
   * The fault for one call: the request's own rules (from its submit header) first, then the
   * call's header, then the configured rates.
   */
  pick(route: FaultRoute, call: { header?: string; scope: string; requestRules?: FaultRule[] }): Fault | undefined {
    const fromRequest = call.requestRules ? takeRule(call.requestRules, route) : undefined;
    if (fromRequest) return fromRequest;
    if (call.header) {
      const key = `${call.scope}\n${call.header}`;
      let rules = this.headerRules.get(key);
      if (!rules) {
        rules = parseFaultHeader(call.header);
        this.headerRules.set(key, rules);
      }
      const fromHeader = takeRule(rules, route);
      if (fromHeader) return fromHeader;
    }
    return this.byRate(route);
  }

  /** Latency added before answering a faultable call. */
  latencyFor(route: FaultRoute): number {
    return this.rateApplies(route) ? (this.options.latencyMs ?? 0) : 0;
  }

  private byRate(route: FaultRoute): Fault | undefined {
    if (!this.rateApplies(route)) return undefined;
    const { dropRate = 0, errorRate = 0, rateLimitRate = 0, cutRate = 0, malformedRate = 0 } = this.options;
    if (dropRate + errorRate + rateLimitRate + cutRate + malformedRate <= 0) return undefined;
    let draw = this.random();
    if ((draw -= dropRate) < 0) return { type: "drop" };
    if ((draw -= errorRate) < 0) return { type: "status", status: [500, 502, 503][Math.floor(this.random() * 3)]! };
    if ((draw -= rateLimitRate) < 0) return { type: "status", status: 429, retryAfter: this.options.retryAfterSeconds ?? 1 };
    if ((draw -= cutRate) < 0) return { type: "cut" };
    if ((draw -= malformedRate) < 0) return { type: "malformed" };
    return undefined;
  }

  private rateApplies(route: FaultRoute): boolean {
    return RATE_ROUTES.has(route) || (route === "submit" && this.options.includeSubmit === true);
  }
}

/** A fault's label in stats: `status:503`, `result:drop`. */
export function faultLabel(route: FaultRoute, fault: Fault): string {
  return `${route}:${fault.type === "status" ? fault.status : fault.type}`;
}
