import type { SimulatedEndpoint } from "../endpoints/endpoint-registry.js";
import type { FaultRule } from "../faults/faults.js";
import { FAL_ERRORS, type RequestError } from "../server/fal-errors.js";

export type QueuePhase = "IN_QUEUE" | "IN_PROGRESS" | "COMPLETED";

export interface RequestLog {
  message: string;
  level: "INFO" | "DEBUG" | "WARN" | "ERROR" | "STDOUT" | "STDERR";
  source: string;
  timestamp: string;
}

/** How a completed request ended: its output, or an error the result route answers with. */
export type RequestOutcome =
  | { ok: true; output: unknown }
  | ({ ok: false; detail: string; headers?: Record<string, string> } & RequestError);

export interface RequestTiming {
  queueMs: number;
  runMs: number;
  queueDepth: number;
  logLines: number;
  /** From `x-fal-request-timeout` (seconds): a request still queued after this long fails with a 504. */
  startTimeoutMs?: number;
}

/**
 * One queued request and its walk IN_QUEUE (queue_position counting down to 0) -> IN_PROGRESS
 * (logs appear) -> COMPLETED, driven by timers. Listeners hear every visible change.
 */
export class QueueRequest {
  phase: QueuePhase = "IN_QUEUE";
  queuePosition: number;
  readonly logs: RequestLog[] = [];
  outcome: RequestOutcome | undefined;
  inferenceSeconds = 0;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly listeners = new Set<() => void>();
  private readonly completionListeners = new Set<() => void>();

  constructor(
    readonly id: string,
    readonly endpoint: SimulatedEndpoint,
    readonly input: Record<string, unknown>,
    /** The faults its submit's `x-sim-faults` asked for its later calls, and that header value. */
    readonly faults: { rules: FaultRule[]; header: string | undefined },
    readonly webhookUrl: string | undefined,
    private readonly timing: RequestTiming,
    /** Computes the outcome when the run ends (the output, or a forced failure). */
    private readonly finish: (request: QueueRequest) => RequestOutcome,
  ) {
    this.queuePosition = timing.queueDepth;
  }

  /** Starts the timers. With queueMs and runMs 0 the request completes before this returns. */
  start(): void {
    const { queueMs, queueDepth, startTimeoutMs } = this.timing;
    if (startTimeoutMs !== undefined && startTimeoutMs < queueMs) {
      this.after(startTimeoutMs, () =>
        this.complete({ ok: false, ...FAL_ERRORS.requestTimeout, detail: "Request timed out before it started", headers: { "x-fal-request-timeout-type": "user" } }),
      );
    }
    for (let step = 1; step <= queueDepth; step++) {
      this.after((queueMs * step) / (queueDepth + 1), () => {
        this.queuePosition = queueDepth - step;
        this.changed();
      });
    }
    this.after(queueMs, () => this.run());
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onComplete(listener: () => void): void {
    if (this.phase === "COMPLETED") listener();
    else this.completionListeners.add(listener);
  }

  /** Cancels a request that has not completed; false when it already had. */
  cancel(): boolean {
    if (this.phase === "COMPLETED") return false;
    this.complete({ ok: false, ...FAL_ERRORS.cancelled, detail: "Request was cancelled" });
    return true;
  }

  /** Stops every timer (simulator shutdown). */
  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.listeners.clear();
    this.completionListeners.clear();
  }

  private run(): void {
    if (this.phase !== "IN_QUEUE") return;
    const { runMs, logLines } = this.timing;
    this.phase = "IN_PROGRESS";
    this.queuePosition = 0;
    const started = Date.now();
    const messages = logMessages(this.endpoint.endpointId, logLines);
    // Each timer writes the next line, and the end writes any left: on a busy event loop, timers of
    // different lengths (other requests' too) may fire out of order.
    const write = () => {
      const message = messages[this.logs.length];
      if (message === undefined) return;
      this.logs.push({ message, level: "INFO", source: "USER", timestamp: new Date().toISOString() });
      this.changed();
    };
    messages.forEach((_, index) => (index === 0 ? write() : this.after((runMs * index) / messages.length, write)));
    if (messages.length === 0) this.changed();
    this.after(runMs, () => {
      while (this.logs.length < messages.length) write();
      this.inferenceSeconds = Math.max(runMs, Date.now() - started) / 1000;
      this.complete(this.finish(this));
    });
  }

  private complete(outcome: RequestOutcome): void {
    if (this.phase === "COMPLETED") return;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.phase = "COMPLETED";
    this.queuePosition = 0;
    this.outcome = outcome;
    this.changed();
    for (const listener of this.completionListeners) listener();
    this.completionListeners.clear();
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** Runs `action` after `ms`; 0 runs it now, so zero timings complete synchronously. */
  private after(ms: number, action: () => void): void {
    if (ms <= 0) {
      action();
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, ms);
    this.timers.add(timer);
  }
}

function logMessages(endpointId: string, count: number): string[] {
  const messages = [`Starting ${endpointId} (simulated)`];
  for (let step = 1; messages.length < count - 1; step++) messages.push(`Step ${step}/${Math.max(1, count - 2)}: working`);
  if (count > 1) messages.push("Finishing up");
  return messages.slice(0, Math.max(0, count));
}
