import { json, type FetchHandler } from "./serve.js";

export interface FakeQueueScript {
  /** @default "req-1" */
  requestId?: string;
  /** Statuses returned by successive polls (the last repeats) and sent as one SSE stream. */
  statuses?: Record<string, unknown>[];
  /** @default { images: [] } */
  output?: unknown;
  /** Replaces the result response. */
  result?: () => Response;
  /** Where the submit response's URLs point, e.g. "/custom/app"; defaults to the submitted id's owner/app. */
  appPath?: string;
}

export const DEFAULT_STATUSES = [
  { status: "IN_QUEUE", queue_position: 1 },
  { status: "IN_PROGRESS", logs: [{ message: "step 1", level: "INFO", source: "USER", timestamp: "2024-01-01T00:00:00Z" }] },
  { status: "COMPLETED", logs: [{ message: "step 2", level: "INFO", source: "USER", timestamp: "2024-01-01T00:00:01Z" }] },
];

/** A minimal fal queue: submit, status (polled and streamed), result and cancel. */
export function fakeQueue(script: FakeQueueScript = {}): FetchHandler {
  const requestId = script.requestId ?? "req-1";
  const statuses = (script.statuses ?? DEFAULT_STATUSES).map((status) => ({ request_id: requestId, ...status }));
  let polls = 0;
  return (request) => {
    const url = new URL(request.url);
    const route = /^(.*)\/requests\/([^/]+)(\/status(?:\/stream)?|\/cancel)?$/.exec(url.pathname);
    if (!route) {
      const appPath = script.appPath ?? url.pathname.split("/").slice(0, 3).join("/");
      const base = `${url.origin}${appPath}/requests/${requestId}`;
      return json({ status: "IN_QUEUE", request_id: requestId, response_url: base, status_url: `${base}/status`, cancel_url: `${base}/cancel`, queue_position: 0 });
    }
    if (route[3] === "/status") return json(statuses[Math.min(polls++, statuses.length - 1)]);
    if (route[3] === "/status/stream") return sse(statuses);
    if (route[3] === "/cancel") return json({ status: "CANCELLATION_REQUESTED" }, { status: 202 });
    return script.result?.() ?? json(script.output ?? { images: [] }, { headers: { "x-fal-request-id": requestId } });
  };
}

export function sse(events: unknown[]): Response {
  return new Response(events.map((event) => `data: ${JSON.stringify(event)}\n\n`).join(""), { headers: { "content-type": "text/event-stream" } });
}
