import { EventSourceParserStream } from "eventsource-parser/stream";
import { abortScope } from "./abort.js";
import type { FalClient } from "./client.js";
import { FalError, FalNetworkError, withRequestId } from "./errors.js";
import { requestError, unwrap } from "./http.js";
import { requestRef, type RequestRef } from "./queue.js";
import { createRetrier } from "./retry.js";
import type { QueueStatus, StatusOptions } from "./types.js";

/**
 * The request's statuses as the queue pushes them (Server-Sent Events), ending after COMPLETED.
 * A dropped connection is reopened under the client's retry policy. Each event carries only the
 * logs since the previous one.
 */
export async function* streamStatus(
  client: FalClient,
  endpointId: string,
  requestId: string,
  options: StatusOptions = {},
): AsyncIterable<QueueStatus> {
  const scope = abortScope(options);
  try {
    yield* statusEvents(client, requestRef(client, endpointId, requestId), options.logs ?? false, scope.signal);
  } catch (error) {
    throw withRequestId(error, requestId);
  } finally {
    scope.dispose();
  }
}

export async function* statusEvents(client: FalClient, ref: RequestRef, logs: boolean, signal: AbortSignal): AsyncGenerator<QueueStatus> {
  const retrier = createRetrier(client.retry, signal, true);
  for (;;) {
    try {
      const { data: body } = await unwrap(
        client.http.GET("/requests/{request_id}/status/stream", {
          baseUrl: ref.appUrl,
          params: { path: { request_id: ref.requestId }, query: logs ? { logs: 1 } : {} },
          headers: { accept: "text/event-stream" },
          parseAs: "stream",
          signal,
        }),
        signal,
      );
      for await (const status of parseStatusEvents(body, signal)) {
        retrier.reset();
        yield status;
        if (status.status === "COMPLETED") return;
      }
      throw new FalNetworkError("The status stream closed before the request completed", { requestSent: true });
    } catch (error) {
      await retrier.backoff(error);
    }
  }
}

/** Statuses from an SSE body; events without a `status` (keep-alives, other kinds) are skipped. */
export async function* parseStatusEvents(body: Response["body"] | undefined, signal: AbortSignal): AsyncGenerator<QueueStatus> {
  if (!body) return;
  const reader = body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream()).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read().catch((error: unknown) => Promise.reject(requestError(error, signal)));
      if (done) return;
      const event = parseJson(value.data);
      if (typeof event === "object" && event !== null && typeof (event as { status?: unknown }).status === "string") yield event as QueueStatus;
    }
  } finally {
    // Frees the connection when the consumer stops early.
    reader.cancel().catch(() => {});
  }
}

function parseJson(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch (error) {
    throw new FalError(`Malformed status event: ${data.slice(0, 200)}`, { cause: error });
  }
}
