// falgen's runtime (runtime/internal/status-events.ts), written by `falgen generate`. Do not edit.
import type { FalClient, QueueStatus } from "../index.js";
/**
* The longest status event read, in characters (16 Mi): a status, even with a long request's
* logs, is far smaller; a longer one fails the call with a FalResponseError.
*/
export declare const STATUS_EVENT_LIMIT: number;
/** The statuses of the request at `url` (see `givenRequestUrl`), reconnecting under the retry policy. */
export declare function statusEvents(client: FalClient, url: string, logs: boolean | undefined, signal: AbortSignal): AsyncGenerator<QueueStatus>;
/**
* Statuses from an SSE body (`logs: null` removed, see STATUS_BODY); events without a known
* `status` (keep-alives, other kinds) are skipped. The body is cancelled when the consumer stops
* early, which frees its connection. After COMPLETED the queue closes the stream, and its end
* usually arrives with that event: it is read rather than cancelled, so the connection goes back to
* the pool instead of being torn down; a server that keeps it open gets END_WAIT_MS, then the body
* is cancelled, so no socket stays open.
*/
export declare function parseStatusEvents(body: Response["body"] | undefined): AsyncGenerator<QueueStatus>;
