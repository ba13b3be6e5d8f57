import { decode, encode } from "@msgpack/msgpack";
import { DEFAULT_RETRY_OPTIONS, runBaseUrl } from "./client.js";
import type { FalClient, RealtimeConnection, RealtimeOptions } from "./index.js";
import { FalAbortError, FalError, FalNetworkError } from "./errors.js";
import { errorFromMessage, isFalErrorMessage } from "./internal/error-message.js";
import { outputQueue } from "./internal/output-queue.js";
import { fetchRealtimeToken } from "./internal/realtime-token.js";
import { retryDelay } from "./internal/retry.js";

/** The part of the platform WebSocket the connection uses (the `ws` package has it too). */
interface Socket {
  binaryType: string;
  readyState: number;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
  onopen: (() => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: (() => void) | null;
}

const OPEN = 1;

/**
 * Opens fal's realtime WebSocket for the endpoint (`wss://<run host>/<endpoint id>/realtime`,
 * authenticated by a token in the URL, msgpack frames both ways) and returns the connection.
 * Throws a FalError when the platform has no WebSocket and none was given.
 */
export function realtime<I, O>(client: FalClient, endpointId: string, options: RealtimeOptions<O> = {}): RealtimeConnection<I, O> {
  const Socket = (options.WebSocket ?? (globalThis as { WebSocket?: new (url: string) => object }).WebSocket) as (new (url: string) => Socket) | undefined;
  if (!Socket) throw new FalError("This runtime has no WebSocket: pass `WebSocket` (e.g. the `ws` package's) in the realtime options");
  const { maxBuffering } = options;
  if (maxBuffering !== undefined && !(Number.isInteger(maxBuffering) && maxBuffering >= 1 && maxBuffering <= 60)) {
    throw new FalError(`maxBuffering must be an integer from 1 to 60, got ${maxBuffering}`);
  }
  const tokenProvider = options.tokenProvider ?? ((id: string) => fetchRealtimeToken(client, id));
  const interval = options.throttleInterval ?? 128;
  const dropStale = options.dropStale ?? true;
  const retry = client.retry || DEFAULT_RETRY_OPTIONS;
  const maxReconnects = options.maxReconnects ?? (client.retry ? client.retry.maxRetries : 0);
  const base = `${runBaseUrl(client).replace(/^http/, "ws")}/${endpointId}/realtime`;

  let socket: Socket | undefined;
  let connecting = false;
  let failures = 0;
  let lastSentAt = -Infinity;
  let throttleTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  // Inputs waiting to be sent, and those sent that have no output yet (resent after a reconnection).
  // Inputs as msgpack frames, encoded when sent: an input that cannot be encoded throws from `send`, not later from a timer.
  let outbox: Uint8Array[] = [];
  let unanswered: Uint8Array[] = [];
  // Outputs not yet taken by the iteration (none are kept for `onResult` alone).
  const received = outputQueue<O>();
  let iterating = false;

  const end = (error?: FalError) => {
    if (received.ended) return;
    received.end(error);
    clearTimeout(throttleTimer);
    clearTimeout(retryTimer);
    options.signal?.removeEventListener("abort", onAbort);
    const open = socket;
    socket = undefined;
    open?.close(1000);
    if (error) options.onError?.(error);
  };
  const onAbort = () => end(new FalAbortError("The realtime connection was aborted", { cause: options.signal?.reason }));

  /** An error about one input: reported, and fatal only when nobody listens for errors. */
  const inputError = (error: FalError) => {
    if (options.onError) options.onError(error);
    else end(error);
  };

  const flush = () => {
    while (socket?.readyState === OPEN && throttleTimer === undefined && outbox.length > 0) {
      const wait = lastSentAt + interval - Date.now();
      if (wait > 0) {
        throttleTimer = setTimeout(() => {
          throttleTimer = undefined;
          flush();
        }, wait);
        return;
      }
      const frame = outbox.shift()!;
      socket.send(frame);
      unanswered.push(frame);
      lastSentAt = Date.now();
    }
  };

  const reconnect = (reason: FalError) => {
    socket = undefined;
    if (received.ended) return;
    // The inputs the lost connection did not answer go out again first.
    outbox = [...unanswered, ...outbox];
    unanswered = [];
    // Nothing to send: the next `send` reconnects.
    if (outbox.length === 0) return;
    if (failures >= maxReconnects) return end(reason);
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void connect();
    }, retryDelay(failures++, retry, undefined));
  };

  const connect = async () => {
    if (received.ended || connecting || socket) return;
    connecting = true;
    let token: string;
    try {
      token = await tokenProvider(endpointId);
    } catch (error) {
      connecting = false;
      return reconnect(error instanceof FalError ? error : new FalError(`The realtime token provider failed: ${String(error)}`, { cause: error }));
    }
    connecting = false;
    if (received.ended) return;
    const query = new URLSearchParams({ fal_jwt_token: token });
    if (maxBuffering !== undefined) query.set("max_buffering", String(maxBuffering));
    let opened: Socket;
    try {
      opened = new Socket(`${base}?${query}`);
    } catch (error) {
      return end(new FalError(`Could not open the realtime connection: ${String(error)}`, { cause: error }));
    }
    socket = opened;
    opened.binaryType = "arraybuffer";
    opened.onopen = flush;
    opened.onerror = () => {};
    // Frames are handled in the order they came, though a Blob takes a while to read.
    let frames = Promise.resolve();
    opened.onmessage = ({ data }) => {
      frames = frames.then(() => decodeFrame(data)).then(
        (message) => {
          if (socket === opened) handle(opened, message);
        },
        (error: unknown) => inputError(new FalError("Malformed realtime message", { cause: error })),
      );
    };
    opened.onclose = ({ code, reason }) => {
      if (socket !== opened) return;
      reconnect(new FalNetworkError(`The realtime connection closed (code ${code}${reason ? `: ${reason}` : ""})`, { requestSent: true }));
    };
  };

  const handle = (opened: Socket, message: unknown) => {
    const { type, status, error } = (message ?? {}) as { type?: unknown; status?: unknown; error?: unknown };
    if (status === "error" && error === "Unauthorized") {
      // The token was refused: reconnect with a fresh one.
      socket = undefined;
      opened.close(1000);
      return reconnect(new FalError("The realtime endpoint refused the token (Unauthorized)"));
    }
    if (type === "x-fal-message" || (type === "x-fal-error" && error === "TIMEOUT")) return;
    unanswered.shift();
    if (isFalErrorMessage(message)) return inputError(errorFromMessage(message, undefined));
    failures = 0;
    if (options.onResult) options.onResult(message as O);
    if (iterating || !options.onResult) received.push(message as O);
  };

  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener("abort", onAbort);
  void connect();

  return {
    send(input) {
      if (received.ended) throw received.ended.error ?? new FalError("The realtime connection is closed");
      let frame: Uint8Array;
      try {
        frame = encode(input);
      } catch (error) {
        throw new FalError(`Invalid realtime input, nothing was sent: ${(error as Error).message} (msgpack nests at most 100 levels of arrays and objects)`, { cause: error });
      }
      if (dropStale) outbox = [frame];
      else outbox.push(frame);
      if (socket) flush();
      else if (retryTimer === undefined) void connect();
    },
    close() {
      end();
    },
    [Symbol.asyncIterator]() {
      iterating = true;
      return received.iterator(() => end());
    },
  };
}

async function decodeFrame(data: unknown): Promise<unknown> {
  if (typeof data === "string") return JSON.parse(data);
  if (data instanceof ArrayBuffer) return decode(data);
  if (ArrayBuffer.isView(data)) return decode(data);
  if (data instanceof Blob) return decode(await data.arrayBuffer());
  throw new FalError("Unexpected realtime frame");
}
