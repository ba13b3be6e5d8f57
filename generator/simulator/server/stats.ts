import type { RouteName, SimulatorStats } from "../types.js";

const ROUTES: RouteName[] = ["submit", "status", "stream", "result", "cancel", "run", "run-stream", "token", "realtime", "storage", "upload", "file", "jwks", "document", "other"];

/** Counters behind `RunningSimulator.stats()`; `snapshot()` returns a copy. */
export class StatsCollector {
  private readonly stats: SimulatorStats = {
    routes: Object.fromEntries(ROUTES.map((route) => [route, 0])) as Record<RouteName, number>,
    submitsByEndpoint: {},
    submittedBodies: {},
    faults: {},
    unauthorized: 0,
    realtime: { tokens: 0, connections: 0, refused: 0, inputs: 0 },
    webhooks: { delivered: 0, failedAttempts: 0, abandoned: 0 },
  };

  route(name: RouteName): void {
    this.stats.routes[name]++;
  }

  enqueued(endpointId: string, rawBody: string): void {
    this.stats.submitsByEndpoint[endpointId] = (this.stats.submitsByEndpoint[endpointId] ?? 0) + 1;
    this.stats.submittedBodies[rawBody] = (this.stats.submittedBodies[rawBody] ?? 0) + 1;
  }

  fault(label: string): void {
    this.stats.faults[label] = (this.stats.faults[label] ?? 0) + 1;
  }

  realtime(event: "tokens" | "connections" | "refused" | "inputs"): void {
    this.stats.realtime[event]++;
  }

  unauthorized(): void {
    this.stats.unauthorized++;
  }

  webhook(event: "delivered" | "failedAttempts" | "abandoned"): void {
    this.stats.webhooks[event]++;
  }

  snapshot(): SimulatorStats {
    return structuredClone(this.stats);
  }
}
