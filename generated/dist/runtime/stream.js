import { abortScope } from "./abort.js";
import { FalError, FalNetworkError, withRequestId } from "./errors.js";
import { callFal, requestError, send } from "./http.js";
import { requestUrl } from "./queue.js";
import { backoff } from "./retry.js";
import { serverSentData } from "./sse.js";
/**
 * The request's statuses as the queue pushes them (Server-Sent Events), ending after COMPLETED.
 * A dropped connection is reopened under the client's retry policy. Each event carries only the
 * logs since the previous one.
 */
export async function* streamStatus(client, endpointId, requestId, options = {}) {
    const scope = abortScope(options);
    try {
        yield* statusEvents(client, requestUrl(client, endpointId, requestId), options.logs, scope.signal);
    }
    catch (error) {
        throw withRequestId(error, requestId);
    }
    finally {
        scope.dispose();
    }
}
/** The statuses of the request at `url` (see `requestUrl`), reconnecting under the retry policy. */
export async function* statusEvents(client, url, logs, signal) {
    // Counts the reconnections since the last event: a stream that delivers is progress.
    for (let attempt = 0;;) {
        try {
            const body = await send(false, signal, true, () => callFal(client, { url: `${url}/status/stream`, query: { logs: logs ? 1 : undefined }, headers: { accept: "text/event-stream" } }, signal), true);
            for await (const status of parseStatusEvents(body)) {
                attempt = 0;
                yield status;
                if (status.status === "COMPLETED")
                    return;
            }
            throw new FalNetworkError("The status stream closed before the request completed", { requestSent: true });
        }
        catch (error) {
            // A read that failed: the connection dropped, or the call was aborted.
            await backoff(client.retry, signal, true, requestError(error, signal), attempt++);
        }
    }
}
/**
 * Statuses from an SSE body; events without a `status` (keep-alives, other kinds) are skipped. The
 * body is cancelled when the consumer stops early, which frees its connection. After COMPLETED
 * the queue closes the stream, and its end usually arrives with that event: it is read rather
 * than cancelled, so the connection goes back to the pool instead of being torn down.
 */
export async function* parseStatusEvents(body) {
    if (!body)
        return;
    const reader = body.getReader();
    // Decoded here rather than through a TextDecoderStream: no second stream and pipe per request.
    const decoder = new TextDecoder();
    const split = serverSentData();
    let completed = false;
    let ended = false;
    try {
        for (;;) {
            const { done, value } = await reader.read();
            ended = done;
            for (const data of split(decoder.decode(value, { stream: !done }), done)) {
                let event;
                try {
                    event = JSON.parse(data);
                }
                catch (error) {
                    throw new FalError(`Malformed status event: ${data.slice(0, 200)}`, { cause: error });
                }
                if (typeof event?.status !== "string")
                    continue;
                completed = event.status === "COMPLETED";
                yield event;
            }
            if (done)
                return;
        }
    }
    finally {
        if (completed && !ended)
            reader.read().then(({ done }) => (done ? undefined : reader.cancel())).catch(() => { });
        else
            reader.cancel().catch(() => { });
    }
}
//# sourceMappingURL=stream.js.map