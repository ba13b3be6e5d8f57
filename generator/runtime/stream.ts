import { abortScope } from "./abort.js";
import type { FalClient } from "./client.js";
import { FalError, FalNetworkError, withRequestId } from "./errors.js";
import { callFal, requestError, send } from "./http.js";
import { requestUrl } from "./queue.js";
import { backoff } from "./retry.js";
import { serverSentData } from "./sse.js";
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
    yield* statusEvents(client, requestUrl(client, endpointId, requestId), options.logs, scope.signal);
  } catch (error) {
    throw withRequestId(error, requestId);
  } finally {
    scope.dispose();
  }
}

/** The statuses of the request at `url` (see `requestUrl`), reconnecting under the retry policy. */
export async function* statusEvents(client: FalClient, url: string, logs: boolean | undefined, signal: AbortSignal): AsyncGenerator<QueueStatus> {
  // Counts the reconnections since the last event: a stream that delivers is progress.
  for (let attempt = 0; ; ) {
    try {
      const body = await send<Response["body"]>(
        false,
        signal,
        true,
        () => callFal(client, { url: `${url}/status/stream`, query: { logs: logs ? 1 : undefined }, headers: { accept: "text/event-stream" } }, signal),
        true,
      );
      for await (const status of parseStatusEvents(body)) {
        attempt = 0;
        yield status;
        if (status.status === "COMPLETED") return;
      }
      throw new FalNetworkError("The status stream closed before the request completed", { requestSent: true });
    } catch (error) {
      // A read that failed: the connection dropped, or the call was aborted.
      await backoff(client.retry, signal, true, requestError(error, signal), attempt++);
    }
  }
}

/**
 * Statuses from an SSE body, ending after COMPLETED; events without a `status` (keep-alives, other
 * kinds) are skipped. When the consumer stops before COMPLETED the body is cancelled, which frees
 * its connection.
 */
export async function* parseStatusEvents(body: Response["body"] | undefined): AsyncGenerator<QueueStatus> {
  if (!body) return;
  const reader = body.getReader();
  // Decoded here rather than through a TextDecoderStream: no second stream and pipe per request.
  const decoder = new TextDecoder();
  const split = serverSentData();
  let completed = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      for (const data of split(decoder.decode(value, { stream: !done }), done)) {
        let event: { status?: unknown } | null;
        try {
          event = JSON.parse(data);
        } catch (error) {
          throw new FalError(`Malformed status event: ${data.slice(0, 200)}`, { cause: error });
        }
        if (typeof event?.status !== "string") continue;
        completed = event.status === "COMPLETED";
        yield event as QueueStatus;
        if (completed) return;
      }
      if (done) return;
    }
  } finally {
    // The queue ends the stream right after COMPLETED: let that end arrive, off the caller's path,
    // rather than cancel, which aborts the fetch (an AbortError and abort events per request).
    // Anything else still arriving after it, or an early stop, cancels the body.
    const rest = completed ? reader.read().then(({ done }) => (done ? undefined : reader.cancel())) : reader.cancel();
    rest.catch(() => {});
  }
}
