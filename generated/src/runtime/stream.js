// falgen's runtime (runtime/stream.ts), written by `falgen generate`. Do not edit.
import { withRequestId } from "./errors.js";
import { abortScope } from "./internal/abort.js";
import { givenRequestUrl } from "./internal/queue-calls.js";
import { statusEvents } from "./internal/status-events.js";
/**
* The request's statuses as the queue pushes them (Server-Sent Events), ending after COMPLETED.
* A dropped connection is reopened under the client's retry policy. Each event carries only the
* logs since the previous one.
*/
export async function* streamStatus(client, endpointId, requestId, options = {}) {
	const scope = abortScope(options);
	try {
		yield* statusEvents(client, givenRequestUrl(client, endpointId, requestId), options.logs, scope.signal);
	} catch (error) {
		throw withRequestId(error, requestId);
	} finally {
		scope.dispose();
	}
}
