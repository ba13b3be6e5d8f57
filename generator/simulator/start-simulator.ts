import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import path from "node:path";
import { InputError } from "../errors.js";
import { loadEndpointRegistry } from "./endpoints/endpoint-registry.js";
import { watchSpecs } from "./endpoints/spec-watcher.js";
import { FaultInjector } from "./faults/faults.js";
import type { QueueRequest } from "./queue/queue-request.js";
import { attachRealtime } from "./run/realtime-socket.js";
import { TokenStore } from "./run/token-routes.js";
import { handleCall } from "./server/handle-call.js";
import { errorReply, writeReply } from "./server/http-reply.js";
import type { SimulatorContext } from "./server/simulator-context.js";
import { StatsCollector } from "./server/stats.js";
import { FileStore } from "./storage/file-store.js";
import type { RunningSimulator, SimulatorOptions } from "./types.js";
import { WebhookDelivery } from "./webhooks/webhook-delivery.js";
import { WebhookSigner } from "./webhooks/webhook-signer.js";

export type { FaultOptions, RunningSimulator, SimulatorOptions, SimulatorStats } from "./types.js";
export { FAULT_HEADER } from "./faults/faults.js";

/** The default of `maxBodyBytes`: 10 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
/** The default of `maxUploadBytes`: 100 MiB. */
export const DEFAULT_MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

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

  const onCall = (req: IncomingMessage, res: ServerResponse) => {
    res.on("error", () => undefined);
    if (!sim || closing) {
      writeReply(res, errorReply("unavailable", "The simulator is starting or closing"));
      return;
    }
    handleCall(sim, req, res, () => closing).catch((error: unknown) => {
      if (res.headersSent || res.destroyed) return;
      writeReply(res, errorReply("internal", `Simulator error: ${(error as Error).message}`));
    });
  };
  const server = createServer(onCall);
  // `Expect: 100-continue`: Node would send 100 Continue before any check; handleCall sends it
  // only when a route reads the body, so a call refused first (413, 401, 404) gets its answer at once.
  server.on("checkContinue", onCall);
  server.keepAliveTimeout = 5_000;
  const limits = { bodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, uploadBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES };
  const realtimeSockets = attachRealtime(server, () => (closing ? undefined : sim), limits.bodyBytes);
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
    // Trimmed as the runtime trims the key it sends (a file's trailing newline).
    apiKeys: options.apiKeys ? new Set(options.apiKeys.map((key) => key.trim())) : undefined,
    streams,
    streamPingMs: options.streamPingMs ?? 5_000,
    limits,
    multipart: new Map(),
    tokens: new TokenStore(),
  };

  const context = sim;
  const stopWatching =
    options.specs || options.watch === false
      ? undefined
      : watchSpecs(path.resolve(options.specsDir ?? "specs"), async () => {
          try {
            registry = await loadEndpointRegistry({ specsDir: options.specsDir });
          } catch (error) {
            // The folder itself became unreadable (removed, or holding a symbolic link): keep serving the last specs, and say why.
            if (!(error instanceof InputError)) throw error;
            registry = { endpoints: registry.endpoints, errors: [error] };
          }
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
