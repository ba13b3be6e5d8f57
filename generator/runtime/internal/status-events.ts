import type { FalClient, QueueStatus } from "../index.js";
import { FalNetworkError, FalResponseError } from "../errors.js";
import { STATUS_BODY } from "./queue-calls.js";
import { request, requestError } from "./request.js";
import { backoff } from "./retry.js";
import { serverSentData } from "./sse.js";

/**
 * The longest status event read, in characters (16 Mi): a status, even with a long request's
 * logs, is far smaller; a longer one fails the call with a FalResponseError.
 */
export const STATUS_EVENT_LIMIT: number = 16 * 2 ** 20;

/** The statuses of the request at `url` (see `givenRequestUrl`), reconnecting under the retry policy. */
export async function* statusEvents(client: FalClient, url: string, logs: boolean | undefined, signal: AbortSignal): AsyncGenerator<QueueStatus> {
  // Counts the reconnections since the last event: a stream that delivers is progress.
  for (let attempt = 0; ; ) {
    try {
      const body = await request<Response["body"]>(client, {
        url: `${url}/status/stream`,
        query: { logs: logs ? 1 : undefined },
        headers: { accept: "text/event-stream" },
        signal,
        idempotent: true,
        // Reconnections are this loop's own, as a failure may also come while reading the body.
        retry: false,
        stream: true,
      });
      for await (const status of parseStatusEvents(body)) {
        attempt = 0;
        yield status;
        if (status.status === "COMPLETED") return;
      }
      throw new FalNetworkError("The status stream ended before COMPLETED", { requestSent: true });
    } catch (error) {
      // A read that failed: the connection dropped, or the call was aborted.
      await backoff(client.retry, signal, true, requestError(error, signal), attempt++);
    }
  }
}

/**
 * Statuses from an SSE body (`logs: null` removed, see STATUS_BODY); events without a known
 * `status` (keep-alives, other kinds) are skipped. The body is cancelled when the consumer stops
 * early, which frees its connection. After COMPLETED the queue closes the stream, and its end
 * usually arrives with that event: it is read rather than cancelled, so the connection goes back to
 * the pool instead of being torn down; a server that keeps it open gets END_WAIT_MS, then the body
 * is cancelled, so no socket stays open.
 */
export async function* parseStatusEvents(body: Response["body"] | undefined): AsyncGenerator<QueueStatus> {
  if (!body) return;
  const reader = body.getReader();
  // Decoded here rather than through a TextDecoderStream: no second stream and pipe per request.
  const decoder = new TextDecoder();
  const split = serverSentData(STATUS_EVENT_LIMIT);
  let completed = false;
  let ended = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      ended = done;
      for (const data of split(decoder.decode(value, { stream: !done }))) {
        let event: unknown;
        try {
          event = JSON.parse(data);
        } catch (error) {
          // Garbled like any other malformed answer: the stream is reopened under the retry policy.
          throw new FalResponseError(200, "a JSON event", data, { cause: error });
        }
        const status = STATUS_BODY.read(event);
        if (!status) continue;
        completed = status.status === "COMPLETED";
        yield status;
      }
      if (done) return;
    }
  } finally {
    if (completed && !ended) awaitEnd(reader);
    else reader.cancel().catch(() => {});
  }
}

/** How long a stream finished with COMPLETED may take to end before its body is cancelled. */
const END_WAIT_MS = 200;

/** Lets a finished stream end by itself (keeping its connection), or cancels it after END_WAIT_MS or at any further data. */
function awaitEnd(reader: ReadableStreamDefaultReader<Uint8Array>): void {
  const timer = setTimeout(() => reader.cancel().catch(() => {}), END_WAIT_MS);
  reader.read().then(
    ({ done }) => {
      clearTimeout(timer);
      if (!done) reader.cancel().catch(() => {});
    },
    () => clearTimeout(timer),
  );
}
