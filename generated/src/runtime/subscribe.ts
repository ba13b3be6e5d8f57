import { runScoped, sleep } from "./abort.js";
import type { FalClient } from "./client.js";
import { withRequestId } from "./errors.js";
import { fetchResult, fetchStatus, submittedRef, submitWithin, type RequestRef } from "./queue.js";
import type { QueueStatus, RequestLog, Result, SubscribeOptions } from "./types.js";

/**
 * Submits `input`, waits for the request to complete and returns its output. `timeout` and `signal`
 * cover the whole call, waits included; every error after the submit carries the request id
 * (so does `onEnqueue`), and errors thrown by the callbacks are wrapped in a FalError with it.
 */
export function subscribe<O>(client: FalClient, endpointId: string, input: unknown, options: SubscribeOptions = {}): Promise<Result<O>> {
  return runScoped(options, undefined, async (signal) => {
    const submitted = await submitWithin(client, endpointId, input, options, signal);
    try {
      options.onEnqueue?.(submitted.requestId);
      const ref = submittedRef(client, endpointId, submitted);
      const logs = options.logs ?? false;
      const updates =
        options.mode === "streaming"
          ? // Loaded on demand: bundlers split the SSE parser out of pages that only poll.
            accumulateLogs((await import("./stream.js")).statusEvents(client, ref, logs, signal))
          : pollStatus(client, ref, logs, options.pollInterval ?? 500, signal);
      let failed = false;
      for await (const status of updates) {
        options.onQueueUpdate?.(status);
        failed = status.status === "COMPLETED" && status.error !== undefined;
      }
      // A failed request's result is its stored error response: report it without retrying.
      return await fetchResult<O>(client, ref, signal, failed ? false : client.retry);
    } catch (error) {
      throw withRequestId(error, submitted.requestId);
    }
  });
}

/** Statuses every `interval` ms until COMPLETED (each poll returns all logs so far). */
async function* pollStatus(client: FalClient, ref: RequestRef, logs: boolean, interval: number, signal: AbortSignal): AsyncGenerator<QueueStatus> {
  for (;;) {
    const status = await fetchStatus(client, ref, logs, signal);
    yield status;
    if (status.status === "COMPLETED") return;
    await sleep(interval, signal);
  }
}

/** Stream events carry only new logs; give each status all logs so far, as polling does. */
async function* accumulateLogs(statuses: AsyncIterable<QueueStatus>): AsyncGenerator<QueueStatus> {
  const logs: RequestLog[] = [];
  for await (const status of statuses) {
    logs.push(...(status.logs ?? []));
    yield { ...status, logs: [...logs] };
  }
}
