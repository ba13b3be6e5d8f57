import type { ServerResponse } from "node:http";
import type { EndpointRegistry } from "../endpoints/endpoint-registry.js";
import type { FaultInjector } from "../faults/faults.js";
import type { FileStore } from "../storage/file-store.js";
import type { QueueRequest, RequestTiming } from "../queue/queue-request.js";
import type { StatsCollector } from "./stats.js";
import type { TokenStore } from "../run/token-routes.js";
import type { WebhookDelivery } from "../webhooks/webhook-delivery.js";
import type { WebhookSigner } from "../webhooks/webhook-signer.js";

/** Everything the routes share: one per running simulator. */
export interface SimulatorContext {
  /** Queue base URL (`http://127.0.0.1:PORT`). */
  baseUrl: string;
  /** REST base URL for storage (`<baseUrl>/_rest`). */
  storageUrl: string;
  registry: EndpointRegistry;
  requests: Map<string, QueueRequest>;
  files: FileStore;
  faults: FaultInjector;
  stats: StatsCollector;
  signer: WebhookSigner;
  webhooks: WebhookDelivery;
  timing: Omit<RequestTiming, "startTimeoutMs">;
  /** Accepted keys; undefined accepts any non-empty key. */
  apiKeys: Set<string> | undefined;
  /** Open SSE responses, ended on close. */
  streams: Set<ServerResponse>;
  streamPingMs: number;
  /** Body limits in bytes: JSON bodies (and realtime messages), and storage uploads (one PUT each). */
  limits: { bodyBytes: number; uploadBytes: number };
  /** Multipart uploads in progress, by token. */
  multipart: Map<string, Map<number, Buffer>>;
  /** Realtime tokens issued by `POST /_rest/tokens/`. */
  tokens: TokenStore;
}
