import type { QueueRequest } from "../queue/queue-request.js";
import type { StatsCollector } from "../server/stats.js";
import type { WebhookSigner } from "./webhook-signer.js";

/** The body fal POSTs to `fal_webhook` when a request completes. */
export function webhookBody(request: QueueRequest): Record<string, unknown> {
  const outcome = request.outcome;
  const base = { request_id: request.id, gateway_request_id: request.id };
  if (!outcome || outcome.ok) return { ...base, status: "OK", payload: outcome?.output ?? null };
  return { ...base, status: "ERROR", error: `Invalid status code: ${outcome.status}`, payload: { detail: outcome.detail, error_type: outcome.errorType } };
}

/** Only loopback webhook URLs are accepted: the simulator never calls out of the machine. */
export function isLoopbackUrl(url: URL): boolean {
  return (url.protocol === "http:" || url.protocol === "https:") && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
}

/**
 * Delivers signed webhooks, retrying a failed POST (network error or non-2xx) `retries` times with
 * exponential backoff from `retryMs`. `close()` stops pending retries and aborts deliveries.
 */
export class WebhookDelivery {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly controllers = new Set<AbortController>();
  private closed = false;

  constructor(
    private readonly signer: WebhookSigner,
    private readonly stats: StatsCollector,
    private readonly options: { userId: string; retries: number; retryMs: number },
  ) {}

  deliver(request: QueueRequest): void {
    if (!request.webhookUrl) return;
    const body = Buffer.from(JSON.stringify(webhookBody(request)), "utf8");
    void this.attempt(request.webhookUrl, request.id, body, 0);
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    for (const controller of this.controllers) controller.abort();
  }

  private async attempt(url: string, requestId: string, body: Buffer, attempt: number): Promise<void> {
    if (this.closed) return;
    const controller = new AbortController();
    this.controllers.add(controller);
    const timeout = setTimeout(() => controller.abort(), 10_000);
    let ok = false;
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", "User-Agent": "falgen-simulator", ...this.signer.headers(requestId, this.options.userId, body) },
        body: new Uint8Array(body),
        signal: controller.signal,
      });
      await response.arrayBuffer().catch(() => undefined);
      ok = response.ok;
    } catch {
      ok = false;
    } finally {
      clearTimeout(timeout);
      this.controllers.delete(controller);
    }
    if (ok) {
      this.stats.webhook("delivered");
      return;
    }
    if (this.closed) return;
    this.stats.webhook("failedAttempts");
    if (attempt >= this.options.retries) {
      this.stats.webhook("abandoned");
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(url, requestId, body, attempt + 1);
    }, this.options.retryMs * 2 ** attempt);
    this.timers.add(timer);
  }
}
