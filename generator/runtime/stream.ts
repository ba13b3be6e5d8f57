import type { FalClient, QueueStatus, StatusOptions } from "./index.js";
import { withRequestId } from "./errors.js";
import { abortScope } from "./internal/abort.js";
import { givenRequestUrl } from "./internal/queue-calls.js";
import { statusEvents } from "./internal/status-events.js";

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
    yield* statusEvents(client, givenRequestUrl(client, endpointId, requestId), options.logs, scope.signal);
  } catch (error) {
    throw withRequestId(error, requestId);
  } finally {
    scope.dispose();
  }
}
