import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import path from "node:path";
import { authFailure } from "./server/auth.js";
import { loadEndpointRegistry } from "./endpoints/endpoint-registry.js";
import { internalPathOf, TARGET_URL_HEADER } from "./server/fal-proxy.js";
import { FAULT_HEADER, FaultInjector, faultLabel, FaultSyntaxError, type Fault } from "./faults/faults.js";
import { FileStore } from "./storage/file-store.js";
import { BodyTooLargeError, errorReply, readBody, writeReply, type PlainReply } from "./server/http-reply.js";
import type { QueueRequest } from "./queue/queue-request.js";
import type { Call } from "./queue/queue-routes.js";
import { attachRealtime } from "./run/realtime-socket.js";
import { matchRoute } from "./server/router.js";
import type { SimulatorContext } from "./server/simulator-context.js";
import { watchSpecs } from "./endpoints/spec-watcher.js";
import { StatsCollector } from "./server/stats.js";
import { TokenStore } from "./run/token-routes.js";
import type { RunningSimulator, SimulatorOptions } from "./types.js";
import { WebhookDelivery } from "./webhooks/webhook-delivery.js";
import { WebhookSigner } from "./webhooks/webhook-signer.js";

export type { FaultOptions, RunningSimulator, SimulatorOptions, SimulatorStats } from "./types.js";
export { FAULT_HEADER } from "./faults/faults.js";

const MAX_BODY_BYTES = 200 * 1024 * 1024;

/**
 * Starts a local fal queue on 127.0.0.1 serving every spec given (see README.md). One HTTP server
 * serves the queue at its root (`url`, the simulator's queue.fal.run), the REST/storage API under
 * `/_rest` (`storageUrl`, its rest.fal.ai), generated and uploaded files under `/_files`, the
 * webhook JWKS at `/.well-known/jwks.json`, fal.ai's queue document route
 * (`/api/openapi/queue/openapi.json?endpoint_id=`), and `@fal-ai/client`'s proxy mode on any path.
 * Served from `specsDir`, it reloads the specs when a file there changes (unless `watch: false`).
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  let registry = await loadEndpointRegistry({ specs: options.specs, specsDir: options.specsDir });
  const stats = new StatsCollector();
  const signer = new WebhookSigner();
  const sockets = new Set<Socket>();
  let sim: SimulatorContext | undefined;
  let closing = false;

  const server = createServer((req, res) => {
    res.on("error", () => undefined);
    if (!sim || closing) {
      res.statusCode = 503;
      res.end();
      return;
    }
    handle(sim, req, res, () => closing).catch((error: unknown) => {
      if (res.headersSent || res.destroyed) return;
      const reply = error instanceof BodyTooLargeError ? errorReply(413, error.message) : errorReply(500, `Simulator error: ${(error as Error).message}`, { errorType: "internal_error" });
      writeReply(res, reply, false);
    });
  });
  server.keepAliveTimeout = 5_000;
  const realtimeSockets = attachRealtime(server, () => (closing ? undefined : sim));
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });

  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const storageUrl = `${baseUrl}/_rest`;
  const webhooks = new WebhookDelivery(signer, stats, {
    userId: options.webhookUserId ?? "falgen-simulator",
    retries: options.webhookRetries ?? 3,
    retryMs: options.webhookRetryMs ?? 100,
  });
  const requests = new Map<string, QueueRequest>();
  const streams = new Set<ServerResponse>();
  sim = {
    baseUrl,
    storageUrl,
    registry,
    requests,
    files: new FileStore(baseUrl),
    faults: new FaultInjector(options.faults),
    stats,
    signer,
    webhooks,
    timing: { queueMs: options.queueMs ?? 200, runMs: options.runMs ?? 500, queueDepth: options.queueDepth ?? 3, logLines: options.logLines ?? 3 },
    apiKeys: options.apiKeys ? new Set(options.apiKeys) : undefined,
    streams,
    streamPingMs: options.streamPingMs ?? 5_000,
    multipart: new Map(),
    tokens: new TokenStore(),
  };

  const context = sim;
  const stopWatching =
    options.specs || options.watch === false
      ? undefined
      : watchSpecs(path.resolve(options.specsDir ?? "specs"), async () => {
          registry = await loadEndpointRegistry({ specsDir: options.specsDir });
          // Requests already queued keep the endpoint they were submitted to; new calls see the new specs.
          context.registry = registry;
          options.onReload?.({ endpointIds: [...registry.endpoints.keys()].sort(), specErrors: registry.errors });
        });

  let closed: Promise<void> | undefined;
  return {
    url: baseUrl,
    storageUrl,
    proxyUrl: `${baseUrl}/_proxy`,
    jwks: signer.jwks,
    get endpointIds() {
      return [...registry.endpoints.keys()].sort();
    },
    get specErrors() {
      return registry.errors;
    },
    stats: () => stats.snapshot(),
    close() {
      closed ??= (async () => {
        closing = true;
        stopWatching?.();
        for (const request of requests.values()) request.dispose();
        webhooks.close();
        for (const stream of streams) stream.end();
        streams.clear();
        for (const client of realtimeSockets.clients) client.terminate();
        realtimeSockets.close();
        const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
        await serverClosed;
      })();
      return closed;
    },
  };
}

/** The pipeline every call goes through: CORS, proxy target, route, auth, faults, handler. */
async function handle(sim: SimulatorContext, req: IncomingMessage, res: ServerResponse, isClosing: () => boolean): Promise<void> {
  setCors(req, res);
  const method = req.method ?? "GET";
  if (method === "OPTIONS") {
    writeReply(res, { kind: "empty", status: 204 }, false);
    return;
  }
  let url = new URL(req.url ?? "/", sim.baseUrl);
  const target = header(req, TARGET_URL_HEADER);
  if (target !== undefined) {
    const internal = internalPathOf(target, sim.baseUrl);
    if (internal === undefined) {
      writeReply(res, errorReply(412, `Invalid ${TARGET_URL_HEADER}: only fal hosts (queue.fal.run, rest.fal.ai, fal.run) can be proxied`), false);
      return;
    }
    url = new URL(internal, sim.baseUrl);
  }

  const route = matchRoute(sim, method, url);
  sim.stats.route(route.name);
  if (route.auth) {
    const failure = authFailure(header(req, "authorization"), sim.apiKeys);
    if (failure) {
      sim.stats.unauthorized();
      writeReply(res, errorReply(401, failure), false);
      return;
    }
  }

  let fault: Fault | undefined;
  if (route.faultRoute) {
    try {
      fault = sim.faults.pick(route.faultRoute, {
        header: header(req, FAULT_HEADER),
        scope: route.requestId ?? route.faultRoute,
        requestRules: route.requestId ? sim.requests.get(route.requestId)?.faultRules : undefined,
      });
    } catch (error) {
      if (!(error instanceof FaultSyntaxError)) throw error;
      writeReply(res, errorReply(400, error.message), false);
      return;
    }
    await sleep(sim.faults.latencyFor(route.faultRoute));
    if (fault) sim.stats.fault(faultLabel(route.faultRoute, fault));
    if (fault?.type === "slow") await sleep(fault.ms);
    if (isClosing()) return;
    if (fault?.type === "drop") {
      req.socket.destroy();
      return;
    }
    if (fault?.type === "status") {
      writeReply(res, faultReply(fault.status, fault.retryAfter), false);
      return;
    }
  }

  let bodyPromise: Promise<Buffer> | undefined;
  const call: Call = {
    url,
    header: (name) => header(req, name),
    body: () => (bodyPromise ??= readBody(req, MAX_BODY_BYTES)),
  };
  const reply = await route.handle(call);
  if (isClosing() || res.destroyed) return;
  if (fault?.type === "malformed") {
    // What a gateway in the way might send: a success status, but a page instead of fal's JSON.
    writeReply(res, { kind: "bytes", status: 200, body: MALFORMED_PAGE, contentType: "text/html", headers: reply.kind === "stream" ? {} : reply.headers }, false);
    return;
  }
  if (fault?.type === "cut") {
    if (reply.kind === "stream") {
      res.writeHead(200, { "Content-Type": "text/event-stream" });
      res.write('data: {"status": "IN_', () => res.socket?.destroy());
    } else {
      writeReply(res, reply, false, { cutMidBody: true });
    }
    return;
  }
  const dropAfter = fault?.type === "drop-after";
  if (reply.kind === "stream") {
    reply.start(res, { dropAfterFirstEvent: dropAfter, stallAfterFirstEvent: fault?.type === "stall" });
    return;
  }
  if (dropAfter) {
    req.socket.destroy();
    return;
  }
  writeReply(res, reply, method === "HEAD");
}

const MALFORMED_PAGE = Buffer.from("<html><head><title>502 Bad Gateway</title></head><body>Bad Gateway (simulated)</body></html>\n");

const FAULT_ERROR_TYPES: Record<number, string> = {
  500: "internal_error",
  502: "runner_incomplete_response",
  503: "runner_connection_error",
  504: "request_timeout",
};

function faultReply(status: number, retryAfter: number | undefined): PlainReply {
  const headers: Record<string, string> = retryAfter !== undefined || status === 429 ? { "Retry-After": String(retryAfter ?? 1) } : {};
  if (status === 429) return errorReply(429, "Rate limit exceeded (simulated)", { headers });
  return errorReply(status, `Simulated ${status} fault`, { errorType: FAULT_ERROR_TYPES[status], headers });
}

function setCors(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader("Access-Control-Allow-Origin", "*");
  res.setHeader("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, OPTIONS");
  res.setHeader("Access-Control-Allow-Headers", header(req, "access-control-request-headers") ?? "authorization, content-type, accept");
  res.setHeader("Access-Control-Expose-Headers", "x-fal-request-id, x-fal-error-type, x-fal-request-timeout-type, x-fal-retryable, retry-after");
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(", ") : value;
}

function sleep(ms: number): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
