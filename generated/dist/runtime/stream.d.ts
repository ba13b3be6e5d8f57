import type { FalClient } from "./client.js";
import type { QueueStatus, StatusOptions } from "./types.js";
/**
 * The request's statuses as the queue pushes them (Server-Sent Events), ending after COMPLETED.
 * A dropped connection is reopened under the client's retry policy. Each event carries only the
 * logs since the previous one.
 */
export declare function streamStatus(client: FalClient, endpointId: string, requestId: string, options?: StatusOptions): AsyncIterable<QueueStatus>;
/** The statuses of the request at `url` (see `requestUrl`), reconnecting under the retry policy. */
export declare function statusEvents(client: FalClient, url: string, logs: boolean | undefined, signal: AbortSignal): AsyncGenerator<QueueStatus>;
/**
 * Statuses from an SSE body; events without a `status` (keep-alives, other kinds) are skipped. The
 * body is cancelled when the consumer stops early, which frees its connection. After COMPLETED
 * the queue closes the stream, and its end usually arrives with that event: it is read rather
 * than cancelled, so the connection goes back to the pool instead of being torn down.
 */
export declare function parseStatusEvents(body: Response["body"] | undefined): AsyncGenerator<QueueStatus>;
//# sourceMappingURL=stream.d.ts.map