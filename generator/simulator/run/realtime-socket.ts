import { randomUUID } from "node:crypto";
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { decode, encode } from "@msgpack/msgpack";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import { splitEndpointId } from "../../runtime/endpoint-id.js";
import { findEndpoint, type SimulatedEndpoint } from "../endpoints/endpoint-registry.js";
import { ANSWERED, faultAfterRealtimeAnswer, faultBeforeHandling, upgradeAnswer } from "../faults/apply-fault.js";
import { FAULT_HEADER, FaultSyntaxError } from "../faults/faults.js";
import { synthesizeOutput } from "../outputs/synthesize-output.js";
import { authFailure } from "../server/auth.js";
import { errorReply, headerOf } from "../server/http-reply.js";
import type { SimulatorContext } from "../server/simulator-context.js";
import { checkedInput } from "../validation/input.js";

/**
 * fal's realtime WebSocket, `GET /_run/<endpoint id>/realtime?fal_jwt_token=<token>` (the
 * simulator's `wss://fal.run/<endpoint id>/realtime`): authenticated by a token from
 * `POST /_rest/tokens/` that allows the endpoint's app (or by `Authorization: Key`, as server-side
 * clients may send). Each msgpack (or JSON text) input is validated and answered with one msgpack
 * output, in order; an invalid one with `{type: "x-fal-error", error: "Unprocessable Entity",
 * reason, detail}` (detail as in a 422). A refused token gets `{status: "error", error:
 * "Unauthorized"}` and a 1008 close, as fal's client expects. Faults: the upgrade is a `realtime`
 * route for `x-sim-faults` (a status refuses it, `drop` destroys the socket, `slow` delays it), and
 * `faults.realtimeCloseAfter` closes each connection after that many answers.
 */
export function attachRealtime(server: Server, context: () => SimulatorContext | undefined, maxPayload: number): WebSocketServer {
  // A message over `maxPayload` bytes (the simulator's `maxBodyBytes`) closes the connection with 1009, as ws does.
  const sockets = new WebSocketServer({ noServer: true, maxPayload });
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const sim = context();
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const segments = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    const endpoint = sim && segments[0] === "_run" && segments.at(-1) === "realtime" ? findEndpoint(sim.registry, segments.slice(1, -1).join("/")) : undefined;
    const refuse = upgradeAnswer(socket);
    if (!sim || !endpoint) return refuse.write(errorReply("notFound", "Not Found"));
    sim.stats.route("realtime");
    faultBeforeHandling(sim, "realtime", { header: headerOf(req, FAULT_HEADER) }, refuse, () => context() === undefined)
      .then((fault) => {
        if (fault === ANSWERED) return;
        const key = headerOf(req, "authorization");
        const refusal = key !== undefined ? authFailure(key, sim.apiKeys) : sim.tokens.refusal(url.searchParams.get("fal_jwt_token"), splitEndpointId(endpoint.endpointId).app);
        sockets.handleUpgrade(req, socket, head, (ws) => serve(sim, endpoint, ws, refusal));
      })
      .catch((error: unknown) => refuse.write(error instanceof FaultSyntaxError ? errorReply("invalid", error.message) : errorReply("internal", `Simulator error: ${(error as Error).message}`)));
  });
  return sockets;
}

/** One open connection: refused with fal's Unauthorized message, or each input answered in order. */
function serve(sim: SimulatorContext, endpoint: SimulatedEndpoint, ws: WebSocket, refusal: string | undefined): void {
  // ws closes the connection itself on a protocol error (a message over maxPayload: 1009) and then
  // emits it here; unheard, it would be an uncaught error that ends the simulator.
  ws.on("error", () => undefined);
  if (refusal) {
    sim.stats.realtime("refused");
    ws.send(encode({ status: "error", error: "Unauthorized", reason: refusal }));
    ws.close(1008, "Unauthorized");
    return;
  }
  sim.stats.realtime("connections");
  let answered = 0;
  // Inputs are answered one after another, in the order they came.
  let queue = Promise.resolve();
  ws.on("message", (data: RawData, isBinary: boolean) => {
    queue = queue.then(() => answer(sim, endpoint, ws, data, isBinary)).then(() => faultAfterRealtimeAnswer(sim, ws, ++answered));
  });
}

async function answer(sim: SimulatorContext, endpoint: SimulatedEndpoint, ws: WebSocket, data: RawData, isBinary: boolean): Promise<void> {
  if (ws.readyState !== ws.OPEN) return;
  let input: unknown;
  try {
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    input = isBinary ? decode(bytes) : JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    ws.send(encode({ type: "x-fal-error", error: "Bad Request", reason: `Undecodable message: ${(error as Error).message}` }));
    return;
  }
  const checked = checkedInput(endpoint, input);
  if ("detail" in checked) {
    const { detail } = checked;
    ws.send(encode({ type: "x-fal-error", error: "Unprocessable Entity", reason: detail.map((e) => `${e.loc.join(".")}: ${e.msg}`).join("; "), detail }));
    return;
  }
  sim.stats.realtime("inputs");
  const outcome = synthesizeOutput(sim, endpoint, checked.input, randomUUID(), 0);
  ws.send(encode(outcome.ok ? outcome.output : { type: "x-fal-error", error: outcome.errorType, reason: outcome.detail, status: outcome.status }));
}
