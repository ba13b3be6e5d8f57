// falgen's runtime (runtime/stream.ts), written by `falgen generate`. Do not edit.
import type { FalClient, QueueStatus, StatusOptions } from "./index.js";
/**
* The request's statuses as the queue pushes them (Server-Sent Events), ending after COMPLETED.
* A dropped connection is reopened under the client's retry policy. Each event carries only the
* logs since the previous one.
*/
export declare function streamStatus(client: FalClient, endpointId: string, requestId: string, options?: StatusOptions): AsyncIterable<QueueStatus>;
