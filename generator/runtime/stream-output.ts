import type { FalClient, FalStream, StreamOptions } from "./index.js";
import { FalAbortError, FalError, FalTimeoutError, withRequestId } from "./errors.js";
import { abortScope } from "./internal/abort.js";
import { errorFromMessage, isFalErrorMessage } from "./internal/error-message.js";
import { outputQueue } from "./internal/output-queue.js";
import { readText, RESPONSE_BODY_LIMIT_BYTES } from "./internal/request.js";
import type { FileStep } from "./internal/prepare-input.js";
import { runCall, withFileUrls } from "./internal/run-call.js";
import { uploadFiles } from "./internal/upload.js";
import { serverSentData } from "./internal/sse.js";

const EVENT_STREAM = "text/event-stream";

/**
 * Calls the endpoint's streaming route (`POST <runUrl>/<endpoint id>/stream`, Server-Sent Events,
 * one partial output per event; the last event is the output; an error arrives as an error status
 * or as fal's in-band error message, `{type: "x-fal-error", ...}`). The request starts at once (file
 * inputs uploaded first) and, like `run`, is never sent twice. Events arriving before the stream is
 * iterated are kept for the iteration, unless `done()` was asked for first.
 */
export function stream<P, O>(client: FalClient, endpointId: string, input: unknown, options?: StreamOptions): FalStream<P, O> {
  return streamWith<P, O>(client, endpointId, input, options, uploadFiles);
}

/** `stream` with the endpoint's file step: `uploadFiles`, or none for an endpoint without file inputs (see `FileStep`). */
export function streamWith<P, O>(client: FalClient, endpointId: string, input: unknown, options: StreamOptions = {}, files?: FileStep): FalStream<P, O> {
  const controller = new AbortController();
  // The caller's signal and `timeout` abort it as any call's; so do `abort()`, an early stop and `idleTimeout`.
  const scope = abortScope(options, controller);
  const { signal } = scope;
  // A no-op once aborted: the first reason stays.
  const stop = (error: FalError) => controller.abort(error);
  const idleMs = options.idleTimeout ?? 15_000;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  const resetIdle = () => {
    clearTimeout(idleTimer);
    if (idleMs > 0) idleTimer = setTimeout(() => stop(new FalTimeoutError(`The stream sent no event for ${idleMs} ms`)), idleMs);
  };

  let requestId: string | undefined;
  let last: { value: unknown } | undefined;
  // Partial outputs not yet taken by the iteration; none are kept once `done()` was asked for first.
  const partials = outputQueue<P>();
  let keepEvents = true;
  let iterating = false;

  const deliver = (value: unknown) => {
    resetIdle();
    last = { value };
    if (keepEvents) partials.push(value as P);
  };

  const finished = (async (): Promise<O> => {
    try {
      const body = await withFileUrls(client, endpointId, input, options, signal, files);
      let response: Response | undefined;
      await runCall(
        client,
        `${endpointId}/stream`,
        body,
        options,
        signal,
        (answer) => {
          response = answer;
          requestId = answer.headers.get("x-fal-request-id") ?? undefined;
        },
        true,
      );
      resetIdle();
      if (!response?.headers.get("content-type")?.startsWith(EVENT_STREAM)) {
        // An endpoint that answers with one JSON body: that body is the whole output.
        deliver(parseJson(await readText(response!, signal)));
      } else {
        await readEvents(response, signal, (event) => {
          const data = parseJson(event);
          if (isFalErrorMessage(data)) throw errorFromMessage(data, requestId);
          deliver(data);
        });
      }
      if (!last) throw new FalError("The stream ended without an output");
      return last.value as O;
    } catch (error) {
      throw requestId === undefined ? error : withRequestId(error, requestId);
    } finally {
      scope.dispose();
      clearTimeout(idleTimer);
    }
  })();
  // A caller that only iterates learns of a failure there: `finished` is never reported unhandled.
  finished.then(
    () => partials.end(),
    (error: FalError) => partials.end(error),
  );

  return {
    get requestId() {
      return requestId;
    },
    done() {
      if (!iterating) keepEvents = false;
      return finished;
    },
    abort(reason) {
      stop(new FalAbortError("The stream was aborted", { cause: reason }));
    },
    [Symbol.asyncIterator]() {
      iterating = true;
      return partials.iterator(() => stop(new FalAbortError("The stream was stopped before its end")));
    },
  };
}

/**
 * Reads an SSE body, calling `onEvent` for each event, until it ends. An abort cancels the read at
 * once, whatever the fetch in use does with its signal, so a stalled stream never hangs.
 */
async function readEvents(response: Response, signal: AbortSignal, onEvent: (data: string) => void): Promise<void> {
  // The last event is the whole output, which may hold files inline: it gets a body's limit.
  const split = serverSentData(RESPONSE_BODY_LIMIT_BYTES);
  const decoder = new TextDecoder();
  const emit = (text: string) => split(text).forEach(onEvent);
  await readText(response, signal, (chunk) => emit(decoder.decode(chunk, { stream: true })));
  emit(decoder.decode());
}

function parseJson(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch (error) {
    throw new FalError(`Malformed stream event: ${data.slice(0, 200)}`, { cause: error });
  }
}
